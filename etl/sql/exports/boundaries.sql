-- one row per commune drawn for a geography: name, boundary source and flags, GeoJSON text
select
    commune_id,
    commune_code,
    commune_name,
    boundary_source,
    is_schematic,
    is_partial,
    geometry_json::varchar as geometry_json,
from commune_boundaries
where geography = $geography
order by commune_code
