-- one row: one commune's headline figures for a period and geography; units are those of the
-- commune's area (commune_coverage); for a school year or a semester, Decision 830's school
-- indicator of the commune too (school_indicator_830; null for other periods)
select
    commune.villages_applicable,
    commune.villages_reached,
    commune.coverage_pct,
    commune.schools,
    commune.schools_reached,
    commune.schools_pct,
    indicator.schools_every_semester as schools_830,
    indicator.share_pct as schools_830_pct,
    indicator.target_pct as schools_830_target_pct,
    commune.activities,
    commune.joint_activities,
    commune.kpi_participants_total as participants_total,
    commune.kpi_children_reached as children_reached,
    commune.child_population,
    commune.children_estimated,
    commune.kpi_children_reached_pct as children_reached_pct,
    commune.contacts_exceed_children,
    commune.units_expected,
    commune.units_reported,
    commune.units_complete,
    commune.units_partial,
from commune_coverage as commune
left join school_indicator_830 as indicator
    on indicator.period_id = commune.period_id
    and indicator.geography = commune.geography
    and indicator.area_level = 'commune'
    and indicator.commune_id = commune.commune_id
where commune.period_id = $period_id
    and commune.geography = $geography
    and commune.commune_id = $commune_id
