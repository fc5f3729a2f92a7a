-- one row per school of the imported master list, in its 2020 commune, with its village if named
with source as (
    select * from raw_schools
),

villages as (
    select
        commune_id,
        village_key,
        any_value(village_id) as village_id,
        count(*) as villages,
    from stg_villages
    group by commune_id, village_key
),

cleaned as (
    select
        source.school_id,
        source.commune_id,
        source.school_name,
        source.school_key,
        source.school_level,
        case when villages.villages = 1 then villages.village_id end as village_id,
        cast(source.lat as double) as lat,
        cast(source.lon as double) as lon,
        cast(source.location_approx as boolean) as location_approx,
        cast(source.students as integer) as students,
        source.school_code,
        source.village_name,
        source.source_file,
        cast(source.source_row as integer) as source_row,
    from source
    left join villages
        on villages.commune_id = source.commune_id
        and villages.village_key = source.village_key
)

select * from cleaned
