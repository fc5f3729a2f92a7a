-- one row per activity of an active submission, with the display names the dashboard's explorer
-- shows (unit, type, audience, place, in Vietnamese and English) and the place's communes in
-- both geographies: commune_ids_2020 (several when a commune-wide activity names a 2025 commune)
-- and commune_id_2025 (null for district-wide and online activities)
with source as (
    select * from stg_activities
),

communes as (
    select * from stg_communes
),

epochs as (
    select * from commune_epochs
),

cleaned as (
    select
        source.activity_id,
        source.submission_id,
        source.source_file,
        source.source_row,
        source.start_date,
        source.end_date,
        source.lead_unit_id,
        source.lead_unit_kind,
        -- commune units are '<kind>:<epoch>:<code>'; district units have no commune
        nullif(regexp_extract(source.lead_unit_id, '^[a-z_]+:(.+)$', 1), '') as lead_commune_id,
        coalesce(source.partner_kinds, []) as partner_kinds,
        len(coalesce(source.partner_kinds, [])) > 0 as is_joint,
        source.activity_type,
        source.coverage,
        source.audience,
        source.place_scope,
        source.commune_id as named_commune_id,
        source.village_id,
        source.school_id,
        source.participants,
        source.children,
        source.lat,
        source.lon,
        coalesce(villages.commune_id::varchar, schools.commune_id::varchar)
            as place_commune_id_2020,
        villages.village_name,
        schools.school_name,
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
    placed.submission_id,
    placed.source_file,
    placed.source_row,
    placed.start_date,
    placed.end_date,
    placed.lead_unit_id,
    placed.lead_unit_kind,
    unit_kinds.name_vi || coalesce(' – ' || lead_communes.full_name, '') as lead_unit_name_vi,
    unit_kinds.name_en || coalesce(' – ' || lead_communes.full_name, '') as lead_unit_name_en,
    placed.partner_kinds,
    placed.is_joint,
    placed.activity_type,
    types.task_group,
    types.name_vi as activity_type_vi,
    types.name_en as activity_type_en,
    placed.coverage,
    placed.audience,
    audiences.name_vi as audience_vi,
    audiences.name_en as audience_en,
    placed.place_scope,
    placed.named_commune_id,
    placed.commune_ids_2020,
    first_2020.commune_id_2025,
    coalesce(place_communes.full_name, named_communes.full_name) as commune_name,
    placed.village_id,
    placed.village_name,
    placed.school_id,
    placed.school_name,
    placed.participants,
    placed.children,
    placed.lat,
    placed.lon,
from placed
left join epochs as first_2020 on first_2020.commune_id = placed.commune_ids_2020[1]
left join ref_unit_kinds as unit_kinds on unit_kinds.unit_kind = placed.lead_unit_kind
left join communes as lead_communes on lead_communes.commune_id = placed.lead_commune_id
left join ref_activity_types as types on types.activity_type = placed.activity_type
left join ref_audiences as audiences on audiences.audience = placed.audience
left join communes as place_communes on place_communes.commune_id = placed.place_commune_id_2020
left join communes as named_communes on named_communes.commune_id = placed.named_commune_id
order by placed.start_date, placed.activity_id
