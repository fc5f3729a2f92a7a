-- one row per period, geography, commune and unit kind that took part in an activity placed in
-- the commune (as lead or partner, as commune_coverage.unit_kinds_active counts them): how many
-- activities it led, how many it joined as a partner. The gaps page's commune × unit-kind matrix
with source as (
    select * from activity_communes
),

atoms as (
    select * from raw_period_atoms
),

-- each unit kind that took part in the activities of a row, once per activity
cleaned as (
    select
        atom_start,
        geography,
        commune_id,
        unnest(list_distinct(list_prepend(lead_unit_kind, partner_kinds))) as unit_kind,
        lead_unit_kind,
        activities,
    from source
),

by_atom as (
    select
        atom_start,
        geography,
        commune_id,
        unit_kind,
        sum(activities) as activities,
        coalesce(sum(activities) filter (where unit_kind = lead_unit_kind), 0) as led_activities,
        coalesce(sum(activities) filter (where unit_kind <> lead_unit_kind), 0)
            as partner_activities,
    from cleaned
    group by all
)

select
    atoms.period_id,
    by_atom.geography,
    by_atom.commune_id,
    by_atom.unit_kind,
    sum(by_atom.activities)::bigint as activities,
    sum(by_atom.led_activities)::bigint as led_activities,
    sum(by_atom.partner_activities)::bigint as partner_activities,
from by_atom
inner join atoms using (atom_start)
group by all
order by atoms.period_id, by_atom.geography, by_atom.commune_id, by_atom.unit_kind
