-- one row per commune of 2020-2025 with its simplified polygon as GeoJSON
with communes as (
    select * from stg_communes
),

boundaries as (
    select * from stg_boundaries
),

joined as (
    select
        communes.commune_id,
        communes.commune_code,
        communes.commune_name,
        communes.commune_type,
        boundaries.boundary_source,
        boundaries.is_schematic,
        st_asgeojson(boundaries.geom_web) as geometry_json,
    from communes
    inner join boundaries on boundaries.commune_code = communes.commune_code
    where communes.epoch = '2020'
)

select * from joined
order by commune_code
