-- one row per commune of a geography for a period, read by the exports and by the dashboard's
-- map (dashboard.queries.commune_coverage): coverage for the choropleth (coverage_pct null = no
-- data, coverage_status says why: no villages listed, or no report and no activity anywhere in
-- it), villages by state, schools,
-- activities, participants and the expected unit kinds that did nothing
select
    commune_id,
    commune_code,
    commune_name,
    full_name,
    coverage_pct,
    coverage_status,
    villages_applicable,
    villages_reached,
    villages_indirect,
    villages_not_reached,
    villages_not_reported,
    schools,
    schools_reached,
    activities,
    joint_share_pct,
    participants_total,
    children_reached,
    child_population,
    contacts_exceed_children,
    unit_kinds_active,
    missing_unit_kinds,
from commune_coverage
where period_id = $period_id and geography = $geography
order by commune_code
