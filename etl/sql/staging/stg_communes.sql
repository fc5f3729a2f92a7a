-- one row per commune-level unit and validity period
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
    from source
)

select * from cleaned
