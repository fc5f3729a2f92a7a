-- one row per unit expected to report (the unit kinds of etl/reference/unit_kinds.csv while
-- they exist: one unit per district-level kind, one per commune of either epoch for
-- commune-level kinds; mass organisations, "any", are not expected), with its display name in
-- both languages ("<unit kind> – <commune>" for a commune's unit) and the days it exists
with unit_kinds as (
    select * from ref_unit_kinds
),

communes as (
    select * from stg_communes
),

crosswalk as (
    select * from stg_commune_crosswalk
),

roster_kinds as (
    select
        unit_kind,
        level,
        name_vi,
        name_en,
        try_cast(nullif(valid_from, '') as date) as valid_from,
        try_cast(nullif(valid_to, '') as date) as valid_to,
    from unit_kinds
    where level in ('district', 'commune')
),

-- the communes of Chợ Đồn in both epochs (2025 ones: successors of a 2020 commune)
district_communes as (
    select * from communes
    where epoch = '2020'
    union all
    select distinct communes.*
    from communes
    inner join crosswalk on crosswalk.new_commune_id = communes.commune_id
    where communes.epoch = '2025'
)

select
    unit_kind as unit_id,
    unit_kind,
    null::varchar as commune_id,
    name_vi as unit_name_vi,
    name_en as unit_name_en,
    valid_from,
    valid_to,
from roster_kinds
where level = 'district'
union all
select
    roster_kinds.unit_kind || ':' || district_communes.commune_id,
    roster_kinds.unit_kind,
    district_communes.commune_id,
    unit_display_name(roster_kinds.name_vi, district_communes.full_name),
    unit_display_name(roster_kinds.name_en, district_communes.full_name),
    greatest(roster_kinds.valid_from, district_communes.valid_from),
    least(roster_kinds.valid_to, district_communes.valid_to),
from roster_kinds
cross join district_communes
where roster_kinds.level = 'commune'
    and coalesce(roster_kinds.valid_from <= district_communes.valid_to, true)
    and coalesce(roster_kinds.valid_to >= district_communes.valid_from, true)
