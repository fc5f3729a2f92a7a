-- one row: the whole area's headline figures for a period and geography (the dashboard's KPIs);
-- for a school year or a semester, Decision 830's school indicator too (null for other periods)
select
    district.villages_applicable,
    district.villages_reached,
    district.villages_indirect,
    district.villages_not_reached,
    district.villages_not_reported,
    district.coverage_pct,
    district.coverage_status,
    district.schools,
    district.schools_reached,
    district.schools_pct,
    indicator.schools_every_semester as schools_830,
    indicator.share_pct as schools_830_pct,
    indicator.target_pct as schools_830_target_pct,
    district.activities,
    district.direct_activities,
    district.joint_activities,
    district.kpi_participants_total as participants_total,
    district.kpi_children_reached as children_reached,
    district.child_population,
    district.children_estimated,
    district.kpi_children_reached_pct as children_reached_pct,
    district.contacts_exceed_children,
    district.units_expected,
    district.units_reported,
    district.units_complete,
    district.units_partial,
    district.unplaced_activities,
    district.unplaced_participants_total,
    district.unplaced_children_reached,
from district_coverage as district
left join school_indicator_830 as indicator
    on indicator.period_id = district.period_id
    and indicator.geography = district.geography
    and indicator.area_level = 'district'
where district.period_id = $period_id and district.geography = $geography
