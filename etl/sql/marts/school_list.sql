-- one row per school of the master list, with its commune in both geographies and where its
-- point comes from (location_approx: a placeholder, not a surveyed point): the reference page's
-- school list
with source as (
    select * from stg_schools
),

communes as (
    select * from stg_communes
),

epochs as (
    select * from commune_epochs
),

cleaned as (
    select
        school_id,
        school_code,
        school_name,
        school_level,
        commune_id as commune_id_2020,
        village_id,
        village_name,
        students,
        lat,
        lon,
        location_approx,
        source_file,
        source_row,
    from source
)

select
    cleaned.school_id,
    cleaned.school_code,
    cleaned.school_name,
    cleaned.school_level,
    cleaned.commune_id_2020,
    old.commune_code as commune_code_2020,
    old.full_name as commune_name_2020,
    epochs.commune_id_2025,
    new.commune_code as commune_code_2025,
    new.full_name as commune_name_2025,
    cleaned.village_id,
    cleaned.village_name,
    cleaned.students,
    cleaned.lat,
    cleaned.lon,
    cleaned.location_approx,
    cleaned.source_file,
    cleaned.source_row,
from cleaned
left join communes as old on old.commune_id = cleaned.commune_id_2020
left join epochs on epochs.commune_id = cleaned.commune_id_2020
left join communes as new on new.commune_id = epochs.commune_id_2025
order by old.commune_code, cleaned.school_name, cleaned.school_id
