-- one row per village (thôn, bản, tổ dân phố) of the imported master list, in its 2020 commune
with source as (
    select * from raw_villages
),

cleaned as (
    select
        cast(village_id as varchar) as village_id,
        cast(commune_id as varchar) as commune_id,
        cast(village_name as varchar) as village_name,
        cast(village_key as varchar) as village_key,
        cast(village_kind as varchar) as village_kind,
        cast(valid_from as date) as valid_from,
        cast(valid_to as date) as valid_to,
        cast(lat as double) as lat,
        cast(lon as double) as lon,
        cast(location_approx as boolean) as location_approx,
        cast(households as integer) as households,
        cast(village_code as varchar) as village_code,
        cast(source_file as varchar) as source_file,
        cast(source_row as integer) as source_row,
    from source
)

select * from cleaned
