-- one row per period, place and coverage kind: how many activities started there in the period,
-- how many were joint, which unit kinds took part (unit_kinds_mask over unit_kind_bits: a joint
-- activity credits its lead and every partner), participants by audience and children reached.
-- An activity belongs to every period containing its start date. A place is a village, a school,
-- a whole commune as named in the report (any epoch), or none (place_scope 'district':
-- district-wide or online), like stg_activities.place_scope; each row
-- carries its communes in both geographies: commune_ids_2020 (several when a commune-wide
-- activity names a 2025 commune) and commune_id_2025.
with source as (
    select * from stg_activities
),

atoms as (
    select * from raw_period_atoms
),

kind_bits as (
    select map(list(unit_kind), list(bit)) as bit_of
    from unit_kind_bits
),

communes as (
    select * from stg_communes
),

crosswalk as (
    select * from stg_commune_crosswalk
),

days as (
    select distinct
        unnest(generate_series(atom_start, atom_end, interval 1 day))::date as day,
        atom_start,
    from atoms
),

cleaned as (
    select
        days.atom_start,
        source.village_id,
        source.school_id,
        case
            when source.village_id is null and source.school_id is null then source.commune_id
        end as named_commune_id,
        source.coverage,
        source.audience,
        len(coalesce(source.partner_kinds, [])) > 0 as is_joint,
        list_aggregate(
            list_transform(
                list_prepend(source.lead_unit_kind, coalesce(source.partner_kinds, [])),
                kind -> coalesce(kind_bits.bit_of[kind], 0)
            ),
            'bit_or'
        ) as unit_kinds_mask,
        source.participants,
        -- children reached: the reported "of which children", else everyone when the audience
        -- is children
        coalesce(
            source.children,
            case when source.audience = 'children' then source.participants end
        ) as children_reached,
    from source
    inner join days on days.day = source.start_date
    cross join kind_bits
),

by_atom as (
    select
        atom_start,
        village_id,
        school_id,
        named_commune_id,
        coverage,
        count(*) as activities,
        count(*) filter (where is_joint) as joint_activities,
        bit_or(unit_kinds_mask) as unit_kinds_mask,
        sum(participants) filter (where audience = 'children') as participants_children,
        sum(participants) filter (where audience = 'parents') as participants_parents,
        sum(participants) filter (where audience = 'teachers') as participants_teachers,
        sum(participants) filter (where audience = 'officials') as participants_officials,
        sum(participants) filter (where audience = 'media') as participants_media,
        sum(participants) filter (where audience = 'community') as participants_community,
        sum(participants) as participants_total,
        sum(children_reached) as children_reached,
    from cleaned
    group by all
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

-- any commune id (pre-2020, 2020 or 2025 epoch) -> the 2020-epoch communes it covers
to_2020 as (
    select commune_id, commune_id as commune_id_2020
    from communes
    where epoch = '2020'
    union all
    select crosswalk.new_commune_id, crosswalk.old_commune_id
    from crosswalk
    inner join communes as old on old.commune_id = crosswalk.old_commune_id
    where old.epoch = '2020'
    union all
    select crosswalk.old_commune_id, crosswalk.new_commune_id
    from crosswalk
    inner join communes as new on new.commune_id = crosswalk.new_commune_id
    where new.epoch = '2020'
),

named_2020 as (
    select
        commune_id,
        list(distinct commune_id_2020 order by commune_id_2020) as commune_ids_2020,
    from to_2020
    group by commune_id
),

successor as (
    select
        crosswalk.old_commune_id as commune_id_2020,
        crosswalk.new_commune_id as commune_id_2025,
    from crosswalk
    inner join communes as new on new.commune_id = crosswalk.new_commune_id
    where new.epoch = '2025'
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
            else coalesce(named_2020.commune_ids_2020, [])
        end as commune_ids_2020,
    from by_period
    left join stg_villages as villages on villages.village_id = by_period.village_id
    left join stg_schools as schools on schools.school_id = by_period.school_id
    left join named_2020 on named_2020.commune_id = by_period.named_commune_id
)

select
    placed.*,
    successor.commune_id_2025,
from placed
left join successor on successor.commune_id_2020 = placed.commune_ids_2020[1]
