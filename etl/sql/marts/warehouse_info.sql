-- one row describing the warehouse: sample or real data, boundary source
with activities as (
    select * from stg_activities
),

boundaries as (
    select * from stg_boundaries
)

select
    coalesce((select bool_or(starts_with(source_file, 'MAU_')) from activities), false)
        as is_sample,
    coalesce((select bool_or(is_schematic) from boundaries), false) as is_schematic,
    (select any_value(boundary_source) from boundaries) as boundary_source,
    current_timestamp as built_at,
