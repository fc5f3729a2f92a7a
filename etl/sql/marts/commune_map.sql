-- one row per commune of 2020-2025 with its simplified polygon as GeoJSON
with boundaries as (
    select * from commune_boundaries
    where geography = '2020'
)

select
    commune_id,
    commune_code,
    commune_name,
    commune_type,
    boundary_source,
    is_schematic,
    geometry_json,
from boundaries
order by commune_code
