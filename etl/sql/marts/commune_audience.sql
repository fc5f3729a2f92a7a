-- one row per period, geography, commune and audience with at least one activity placed in the
-- commune for that audience: activities and participants (null when no count was given). The
-- gaps page's audience gaps: an audience without a row had no activity there in the period
with source as (
    select * from activity_communes
),

atoms as (
    select * from raw_period_atoms
),

by_atom as (
    select
        atom_start,
        geography,
        commune_id,
        audience,
        sum(activities) as activities,
        sum(participants) as participants,
    from source
    where audience is not null
    group by all
)

select
    atoms.period_id,
    by_atom.geography,
    by_atom.commune_id,
    by_atom.audience,
    sum(by_atom.activities)::bigint as activities,
    sum(by_atom.participants)::bigint as participants,
from by_atom
inner join atoms using (atom_start)
group by all
order by atoms.period_id, by_atom.geography, by_atom.commune_id, by_atom.audience
