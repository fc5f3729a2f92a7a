-- one row per atom (a stretch of days lying inside every period it meets, raw_period_atoms),
-- place and coverage kind: the activities that started there then, as place_activity counts
-- them, plus the last start date (recency). place_activity adds atoms up into periods.
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

days as (
    select distinct
        unnest(generate_series(atom_start, atom_end, interval 1 day))::date as day,
        atom_start,
        atom_end,
    from atoms
),

cleaned as (
    select
        days.atom_start,
        days.atom_end,
        source.start_date,
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
        atom_end,
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
        max(start_date) as last_start_date,
    from cleaned
    group by all
)

select * from by_atom
