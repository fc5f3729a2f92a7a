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
        cast(source.school_id as varchar) as school_id,
        cast(source.commune_id as varchar) as commune_id,
        cast(source.school_name as varchar) as school_name,
        cast(source.school_key as varchar) as school_key,
        cast(source.school_level as varchar) as school_level,
        case when villages.villages = 1 then villages.village_id end as village_id,
        cast(source.lat as double) as lat,
        cast(source.lon as double) as lon,
        cast(source.location_approx as boolean) as location_approx,
        cast(source.students as integer) as students,
        cast(source.school_code as varchar) as school_code,
        cast(source.village_name as varchar) as village_name,
        cast(source.source_file as varchar) as source_file,
        cast(source.source_row as integer) as source_row,
    from source
    left join villages
        on villages.commune_id = cast(source.commune_id as varchar)
        and villages.village_key = cast(source.village_key as varchar)
)

select * from cleaned
