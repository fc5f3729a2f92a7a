-- one row: the whole area's headline figures for a period and geography
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
from district_coverage
where period_id = $period_id and geography = $geography
