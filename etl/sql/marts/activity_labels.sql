-- one row per value activity_list names (field: 'unit', 'type', 'audience', 'commune',
-- 'village', 'school'), with its display name in Vietnamese and English: the explorer's
-- filters offer the units, types and audiences, and a page of activities is named from here.
-- A commune's unit is "<unit kind> – <commune>"; places keep their names as written.
with source as (
    select * from activity_list
),

unit_kinds as (
    select * from ref_unit_kinds
),

communes as (
    select * from stg_communes
),

units as (
    select distinct
        lead_unit_id,
        lead_unit_kind,
        -- commune units are '<kind>:<epoch>:<code>'; district units have no commune
        nullif(regexp_extract(lead_unit_id, '^[a-z_]+:(.+)$', 1), '') as lead_commune_id,
    from source
),

labels as (
    select
        'unit' as field,
        units.lead_unit_id as value,
        unit_display_name(unit_kinds.name_vi, communes.full_name) as label_vi,
        unit_display_name(unit_kinds.name_en, communes.full_name) as label_en,
    from units
    left join unit_kinds on unit_kinds.unit_kind = units.lead_unit_kind
    left join communes on communes.commune_id = units.lead_commune_id
    union all
    select 'type', types.activity_type, types.name_vi, types.name_en,
    from ref_activity_types as types
    semi join source on source.activity_type = types.activity_type
    union all
    select 'audience', audiences.audience, audiences.name_vi, audiences.name_en,
    from ref_audiences as audiences
    semi join source on source.audience = audiences.audience
    union all
    select 'commune', communes.commune_id, communes.full_name, communes.full_name,
    from communes
    semi join source on source.commune_id = communes.commune_id
    union all
    select 'village', villages.village_id, villages.village_name, villages.village_name,
    from stg_villages as villages
    semi join source on source.village_id = villages.village_id
    union all
    select 'school', schools.school_id, schools.school_name, schools.school_name,
    from stg_schools as schools
    semi join source on source.school_id = schools.school_id
)

select * from labels
order by field, label_vi
