-- one row per commune drawn on a map, per geography: '2020' (the 20 units of 2020-02-01 to
-- 2025-06-30) and '2025' (the 8 communes from 2025-07-01, each the union of its former units;
-- is_partial when part of it lies outside the former district and is not drawn)
with communes as (
    select * from stg_communes
),

boundaries as (
    select * from stg_boundaries
),

crosswalk as (
    select * from stg_commune_crosswalk
),

geography_2020 as (
    select
        '2020' as geography,
        communes.commune_id,
        communes.commune_code,
        communes.commune_name,
        communes.full_name,
        communes.commune_type,
        boundaries.boundary_source,
        boundaries.is_schematic,
        false as is_partial,
        boundaries.area_km2,
        boundaries.geom,
        boundaries.geom_web,
    from communes
    inner join boundaries on boundaries.commune_code = communes.commune_code
    where communes.epoch = '2020'
),

geography_2025 as (
    select
        '2025' as geography,
        communes.commune_id,
        communes.commune_code,
        communes.commune_name,
        communes.full_name,
        communes.commune_type,
        any_value(former.boundary_source) as boundary_source,
        bool_or(former.is_schematic) as is_schematic,
        any_value(communes.predecessors_outside) > 0 as is_partial,
        round(sum(former.area_km2), 3) as area_km2,
        st_union_agg(former.geom) as geom,
        st_union_agg(former.geom_web) as geom_web,
    from crosswalk
    inner join geography_2020 as former on former.commune_id = crosswalk.old_commune_id
    inner join communes on communes.commune_id = crosswalk.new_commune_id
    where communes.epoch = '2025'
    group by all
),

unioned as (
    select * from geography_2020
    union all
    select * from geography_2025
)

select
    geography,
    commune_id,
    commune_code,
    commune_name,
    full_name,
    commune_type,
    boundary_source,
    is_schematic,
    is_partial,
    area_km2,
    geom,
    st_asgeojson(geom_web) as geometry_json,
from unioned
order by geography, commune_code
