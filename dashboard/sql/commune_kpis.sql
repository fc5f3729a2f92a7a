-- one row: one commune's headline figures for a period and geography; units are the commune's
-- own (its People's Committee and police), or in a period of the other epoch those of the
-- communes its area was then (its 2020 predecessors, or its 2025 successor)
with units as (
    select
        count(*) filter (where expected) as units_expected,
        count(*) filter (where expected and submitted) as units_reported,
    from unit_reporting
    where period_id = $period_id and list_contains(area_commune_ids, $commune_id)
)

select
    communes.villages_applicable,
    communes.villages_reached,
    communes.coverage_pct,
    communes.schools,
    communes.schools_reached,
    round(100.0 * communes.schools_reached / nullif(communes.schools, 0), 1) as schools_pct,
    100.0::double as schools_target_pct,
    communes.activities,
    communes.joint_activities,
    -- no activity means nobody attended; unknown counts of real activities stay null
    case when communes.activities = 0 then 0 else communes.participants_total end as participants_total,
    case when communes.activities = 0 then 0 else communes.children_reached end as children_reached,
    communes.child_population,
    communes.children_estimated,
    case when communes.activities = 0 then 0 else communes.children_reached_pct end
        as children_reached_pct,
    units.units_expected,
    units.units_reported,
from commune_coverage as communes
cross join units
where communes.period_id = $period_id
    and communes.geography = $geography
    and communes.commune_id = $commune_id
