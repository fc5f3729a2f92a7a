-- one row per village (thôn, bản, tổ dân phố) of the imported master list, in its 2020 commune
with source as (
    select * from raw_villages
),

cleaned as (
    select
        village_id,
        commune_id,
        village_name,
        village_key,
        village_kind,
        cast(valid_from as date) as valid_from,
        cast(valid_to as date) as valid_to,
        cast(lat as double) as lat,
        cast(lon as double) as lon,
        cast(location_approx as boolean) as location_approx,
        cast(households as integer) as households,
        village_code,
        source_file,
        cast(source_row as integer) as source_row,
    from source
)

select * from cleaned
