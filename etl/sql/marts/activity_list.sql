-- one row per activity of an active submission, by code, with what the explorer, the trend and
-- the commune matrices read: the explorer filters and pages this table, and activity_labels
-- names what a page shows. Each activity is placed in both geographies: commune_ids_2020
-- (several when a commune-wide activity names a 2025 commune) and commune_id_2025 (null for
-- district-wide and online activities); commune_id is the commune shown for it (its
-- village's or school's, else the commune it names).
with source as (
    select * from stg_activities
),

epochs as (
    select * from commune_epochs
),

cleaned as (
    select
        source.activity_id,
        source.source_file,
        source.source_row,
        source.start_date,
        source.end_date,
        source.lead_unit_id,
        source.lead_unit_kind,
        coalesce(source.partner_kinds, []) as partner_kinds,
        len(coalesce(source.partner_kinds, [])) > 0 as is_joint,
        source.activity_type,
        source.audience,
        source.place_scope,
        source.commune_id as named_commune_id,
        source.village_id,
        source.school_id,
        source.participants,
        source.children,
        coalesce(villages.commune_id::varchar, schools.commune_id::varchar)
            as place_commune_id_2020,
    from source
    left join stg_villages as villages on villages.village_id = source.village_id
    left join stg_schools as schools on schools.school_id = source.school_id
),

placed as (
    select
        cleaned.*,
        case
            when cleaned.place_commune_id_2020 is not null then [cleaned.place_commune_id_2020]
            else coalesce(named.commune_ids_2020, [])
        end as commune_ids_2020,
    from cleaned
    left join epochs as named on named.commune_id = cleaned.named_commune_id
)

select
    placed.activity_id,
    placed.source_file,
    placed.source_row,
    placed.start_date,
    placed.end_date,
    placed.lead_unit_id,
    placed.lead_unit_kind,
    placed.partner_kinds,
    placed.is_joint,
    placed.activity_type,
    placed.audience,
    placed.place_scope,
    placed.commune_ids_2020,
    first_2020.commune_id_2025,
    coalesce(placed.place_commune_id_2020, placed.named_commune_id) as commune_id,
    placed.village_id,
    placed.school_id,
    placed.participants,
    placed.children,
from placed
left join epochs as first_2020 on first_2020.commune_id = placed.commune_ids_2020[1]
