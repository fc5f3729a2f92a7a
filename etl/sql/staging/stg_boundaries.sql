-- one row per commune polygon in use, simplified for the browser
with source as (
    select * from raw_boundaries
),

cleaned as (
    select
        commune_code,
        source as boundary_source,
        is_schematic,
        geom,
        st_simplifypreservetopology(geom, 0.0005) as geom_web,
    from source
)

select * from cleaned
