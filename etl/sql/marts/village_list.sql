-- one row per village of the master list, with its commune in both geographies and where its
-- point comes from (location_approx: a placeholder inside the commune, not a surveyed point):
-- the reference page's village list
with source as (
    select * from stg_villages
),

communes as (
    select * from stg_communes
),

successor as (
    select
        crosswalk.old_commune_id as commune_id_2020,
        crosswalk.new_commune_id as commune_id_2025,
    from stg_commune_crosswalk as crosswalk
    inner join communes as new on new.commune_id = crosswalk.new_commune_id
    where new.epoch = '2025'
),

cleaned as (
    select
        village_id,
        village_code,
        village_name,
        village_kind,
        commune_id as commune_id_2020,
        households,
        valid_from,
        valid_to,
        lat,
        lon,
        location_approx,
        source_file,
        source_row,
    from source
)

select
    cleaned.village_id,
    cleaned.village_code,
    cleaned.village_name,
    cleaned.village_kind,
    cleaned.commune_id_2020,
    old.commune_code as commune_code_2020,
    old.full_name as commune_name_2020,
    successor.commune_id_2025,
    new.commune_code as commune_code_2025,
    new.full_name as commune_name_2025,
    cleaned.households,
    cleaned.valid_from,
    cleaned.valid_to,
    cleaned.lat,
    cleaned.lon,
    cleaned.location_approx,
    cleaned.source_file,
    cleaned.source_row,
from cleaned
left join communes as old on old.commune_id = cleaned.commune_id_2020
left join successor on successor.commune_id_2020 = cleaned.commune_id_2020
left join communes as new on new.commune_id = successor.commune_id_2025
order by old.commune_code, cleaned.village_name, cleaned.village_id
