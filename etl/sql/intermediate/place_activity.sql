-- one row per period, place and coverage kind (activity_atoms added up into periods): how many
-- activities started there in the period, how many were joint, which unit kinds took part
-- (unit_kinds_mask over unit_kind_bits: a joint activity credits its lead and every partner),
-- participants by audience and children reached. An activity belongs to every period
-- containing its start date. A place is a village, a school, a whole commune as named in the
-- report (any epoch), or none (place_scope 'district': district-wide or online); each row
-- carries its communes in both geographies: commune_ids_2020 (several when a commune-wide
-- activity names a 2025 commune) and commune_id_2025.
with by_atom as (
    select * from activity_atoms
),

atoms as (
    select * from raw_period_atoms
),

epochs as (
    select * from commune_epochs
),

villages as (
    select
        cast(village_id as varchar) as village_id,
        cast(commune_id as varchar) as commune_id,
    from stg_villages
),

schools as (
    select
        cast(school_id as varchar) as school_id,
        cast(commune_id as varchar) as commune_id,
    from stg_schools
),

by_period as (
    select
        atoms.period_id,
        by_atom.village_id,
        by_atom.school_id,
        by_atom.named_commune_id,
        by_atom.coverage,
        sum(by_atom.activities)::bigint as activities,
        sum(by_atom.joint_activities)::bigint as joint_activities,
        bit_or(by_atom.unit_kinds_mask) as unit_kinds_mask,
        sum(by_atom.participants_children)::bigint as participants_children,
        sum(by_atom.participants_parents)::bigint as participants_parents,
        sum(by_atom.participants_teachers)::bigint as participants_teachers,
        sum(by_atom.participants_officials)::bigint as participants_officials,
        sum(by_atom.participants_media)::bigint as participants_media,
        sum(by_atom.participants_community)::bigint as participants_community,
        sum(by_atom.participants_total)::bigint as participants_total,
        sum(by_atom.children_reached)::bigint as children_reached,
    from by_atom
    inner join atoms using (atom_start)
    group by all
),

placed as (
    select
        by_period.period_id,
        case
            when by_period.school_id is not null then 'school'
            when by_period.village_id is not null then 'village'
            when by_period.named_commune_id is not null then 'commune'
            else 'district'
        end as place_scope,
        by_period.* exclude (period_id),
        case
            when coalesce(villages.commune_id, schools.commune_id) is not null
                then [coalesce(villages.commune_id, schools.commune_id)]
            else coalesce(named.commune_ids_2020, [])
        end as commune_ids_2020,
    from by_period
    left join villages on villages.village_id = by_period.village_id
    left join schools on schools.school_id = by_period.school_id
    left join epochs as named on named.commune_id = by_period.named_commune_id
)

select
    placed.*,
    first_2020.commune_id_2025,
from placed
left join epochs as first_2020 on first_2020.commune_id = placed.commune_ids_2020[1]
