-- one row per 2020 commune polygon in use (official file or schematic), with its browser copy
with source as (
    select * from raw_boundaries
),

cleaned as (
    select
        commune_code,
        source as boundary_source,
        is_schematic,
        geom,
        geom_web,
        area_km2,
    from source
)

select * from cleaned
