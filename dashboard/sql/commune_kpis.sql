-- one row: one commune's headline figures for a period and geography; units are those of the
-- commune's area (commune_coverage)
select
    villages_applicable,
    villages_reached,
    coverage_pct,
    schools,
    schools_reached,
    schools_pct,
    schools_target_pct,
    activities,
    joint_activities,
    kpi_participants_total as participants_total,
    kpi_children_reached as children_reached,
    child_population,
    children_estimated,
    kpi_children_reached_pct as children_reached_pct,
    units_expected,
    units_reported,
from commune_coverage
where period_id = $period_id
    and geography = $geography
    and commune_id = $commune_id
