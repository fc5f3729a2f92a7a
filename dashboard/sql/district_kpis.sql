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
    -- no activity means nobody attended; unknown counts of real activities stay null
    case when activities = 0 then 0 else participants_total end as participants_total,
    case when activities = 0 then 0 else children_reached end as children_reached,
    child_population,
    children_estimated,
    case when activities = 0 then 0 else children_reached_pct end
        as children_reached_pct,
    units_expected,
    units_reported,
from district_summary
where period_id = $period_id and geography = $geography
