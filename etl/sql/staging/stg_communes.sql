-- one row per commune-level unit and epoch (pre2020, 2020, 2025), commune_id = '<epoch>:<code>'
with source as (
    select * from raw_communes
),

cleaned as (
    select
        commune_id,
        epoch,
        commune_code,
        commune_name,
        full_name,
        commune_type,
        admin_key(commune_name) as commune_key,
        cast(valid_from as date) as valid_from,
        cast(valid_to as date) as valid_to,
        lat,
        lon,
        cast(population_2019 as integer) as population_2019,
        cast(households_2019 as integer) as households_2019,
        cast(predecessors_outside as integer) as predecessors_outside,
        parent_code,
        parent_name,
        south,
        west,
        north,
        east,
        source,
    from source
)

select * from cleaned
