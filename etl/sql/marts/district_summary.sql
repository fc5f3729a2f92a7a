-- one row per period and geography: the dashboard's KPI cards. The headline figures are
-- district_coverage's (the whole area, the same in both geographies: villages, schools, every
-- activity including district-wide and online ones, children against the 2019 census count);
-- the geography adds how many communes it has, the reporting roster how many units reported
-- (unit_reporting)
with source as (
    select * from district_coverage
),

periods as (
    select * from raw_periods
),

communes as (
    select * from commune_coverage
),

reporting as (
    select * from unit_reporting
),

commune_counts as (
    select
        period_id,
        geography,
        count(*) as communes,
    from communes
    group by period_id, geography
),

unit_counts as (
    select
        period_id,
        count(*) filter (where expected) as units_expected,
        count(*) filter (where expected and submitted) as units_reported,
        count(*) filter (where expected and complete) as units_complete,
    from reporting
    group by period_id
)

select
    source.period_id,
    source.period_kind,
    source.period_start,
    source.period_end,
    periods.is_open,
    commune_counts.geography,
    commune_counts.communes,
    source.villages_applicable,
    source.villages_reached,
    source.villages_indirect,
    source.villages_not_reached,
    source.villages_not_reported,
    source.coverage_pct,
    source.schools,
    source.schools_reached,
    source.schools_reached_pct as schools_pct,
    100.0::double as schools_target_pct,
    source.activities,
    source.direct_activities,
    source.joint_activities,
    source.participants_total,
    source.children_reached,
    source.children_0_14_census as child_population,
    false as children_estimated,
    source.children_reached_pct,
    coalesce(unit_counts.units_expected, 0) as units_expected,
    coalesce(unit_counts.units_reported, 0) as units_reported,
    coalesce(unit_counts.units_complete, 0) as units_complete,
from source
inner join periods using (period_id)
inner join commune_counts using (period_id)
left join unit_counts using (period_id)
order by commune_counts.geography, source.period_kind, source.period_start
