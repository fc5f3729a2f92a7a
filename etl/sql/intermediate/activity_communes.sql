-- one row per activity of activity_list and commune it is placed in, in each geography ('2020':
-- every 2020-2025 commune it lies in or names; '2025': their successor), with the atom of
-- raw_period_atoms its start date falls in (the marts add atoms up into periods with an equality
-- join) and what the commune matrices count. District-wide and online activities have no row.
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
        activity_id,
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
        activity_id,
        atom_start,
        '2025' as geography,
        commune_id_2025 as commune_id,
        lead_unit_kind,
        partner_kinds,
        audience,
        participants,
    from dated
    where commune_id_2025 is not null
)

select * from placed_2020
union all
select * from placed_2025
