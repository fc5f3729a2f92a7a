-- one row per old unit and the unit that took it over, from the reform's effective date
with source as (
    select * from raw_commune_crosswalk
),

cleaned as (
    select
        old_commune_id,
        new_commune_id,
        cast(effective_date as date) as effective_date,
    from source
)

select * from cleaned
