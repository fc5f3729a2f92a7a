-- one row per commune name or code key and period, with the unit it means then (etl/geography/commune_names.py)
with source as (
    select * from raw_commune_names
),

cleaned as (
    select
        name_key,
        exact_key,
        key_kind,
        commune_id,
        named_commune_id,
        via_crosswalk,
        cast(valid_from as date) as valid_from,
        cast(valid_to as date) as valid_to,
    from source
)

select * from cleaned
