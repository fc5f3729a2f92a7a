-- one row per atom of raw_period_atoms (the marts add atoms up into periods with an equality
-- join), geography, commune and what the commune matrices tell apart (lead unit kind, partner
-- kinds, audience), with the activities of activity_list placed there ('2020': every 2020-2025
-- commune an activity lies in or names; '2025': their successor) that started in the atom and
-- their participants (null when none was given). Grouped, not one row per activity: a million
-- activities make a few thousand rows. District-wide and online activities have no row.
with source as (
    select * from activity_list
),

atoms as (
    select * from raw_period_atoms
),

days as (
    select distinct
        unnest(generate_series(atom_start, atom_end, interval 1 day))::date as day,
        atom_start,
    from atoms
),

dated as (
    select
        source.*,
        days.atom_start,
    from source
    inner join days on days.day = source.start_date
),

placed_2020 as (
    select
        atom_start,
        '2020' as geography,
        unnest(commune_ids_2020) as commune_id,
        lead_unit_kind,
        partner_kinds,
        audience,
        participants,
    from dated
),

placed_2025 as (
    select
        atom_start,
        '2025' as geography,
        commune_id_2025 as commune_id,
        lead_unit_kind,
        partner_kinds,
        audience,
        participants,
    from dated
    where commune_id_2025 is not null
),

placed as (
    select * from placed_2020
    union all
    select * from placed_2025
)

select
    atom_start,
    geography,
    commune_id,
    lead_unit_kind,
    partner_kinds,
    audience,
    count(*) as activities,
    sum(participants) as participants,
from placed
group by all
