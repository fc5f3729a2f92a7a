-- one row per commune drawn for a geography: names, boundary source and flags, GeoJSON text
select
    commune_id,
    commune_code,
    commune_name,
    full_name,
    commune_type,
    boundary_source,
    is_schematic,
    is_partial,
    area_km2,
    geometry_json::varchar as geometry_json,
from commune_boundaries
where geography = $geography
order by commune_code
