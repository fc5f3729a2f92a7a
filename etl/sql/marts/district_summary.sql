-- one row per period and geography: the headline figures of the whole Chợ Đồn area, for the
-- dashboard's KPI cards. Villages and schools add up commune_coverage; activities, participants
-- and children count every activity that started in the period, district-wide and online ones
-- included; units count the reporting roster (unit_reporting)
with source as (
    select * from commune_coverage
),

periods as (
    select * from raw_periods
),

activities as (
    select * from activity_list
),

reporting as (
    select * from unit_reporting
),

cleaned as (
    select
        period_id,
        geography,
        sum(villages_applicable)::bigint as villages_applicable,
        sum(villages_reached)::bigint as villages_reached,
        sum(villages_indirect)::bigint as villages_indirect,
        sum(villages_not_reached)::bigint as villages_not_reached,
        sum(villages_not_reported)::bigint as villages_not_reported,
        sum(schools)::bigint as schools,
        sum(schools_reached)::bigint as schools_reached,
        sum(child_population)::bigint as child_population,
        count(*) as communes,
    from source
    group by period_id, geography
),

activity_counts as (
    select
        periods.period_id,
        count(*) as activities,
        count(*) filter (where activities.coverage = 'direct') as direct_activities,
        count(*) filter (where activities.is_joint) as joint_activities,
        sum(activities.participants)::bigint as participants_total,
        sum(coalesce(
            activities.children,
            case when activities.audience = 'children' then activities.participants end
        ))::bigint as children_reached,
    from activities
    inner join periods
        on activities.start_date between periods.period_start and periods.period_end
    group by periods.period_id
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
    periods.period_id,
    periods.period_kind,
    periods.period_start,
    periods.period_end,
    periods.is_open,
    cleaned.geography,
    cleaned.communes,
    cleaned.villages_applicable,
    cleaned.villages_reached,
    cleaned.villages_indirect,
    cleaned.villages_not_reached,
    cleaned.villages_not_reported,
    round(100.0 * cleaned.villages_reached / nullif(cleaned.villages_applicable, 0), 1)
        as coverage_pct,
    cleaned.schools,
    cleaned.schools_reached,
    round(100.0 * cleaned.schools_reached / nullif(cleaned.schools, 0), 1) as schools_pct,
    100.0::double as schools_target_pct,
    coalesce(activity_counts.activities, 0) as activities,
    coalesce(activity_counts.direct_activities, 0) as direct_activities,
    coalesce(activity_counts.joint_activities, 0) as joint_activities,
    activity_counts.participants_total,
    activity_counts.children_reached,
    cleaned.child_population,
    true as children_estimated,
    round(100.0 * activity_counts.children_reached / nullif(cleaned.child_population, 0), 1)
        as children_reached_pct,
    coalesce(unit_counts.units_expected, 0) as units_expected,
    coalesce(unit_counts.units_reported, 0) as units_reported,
    coalesce(unit_counts.units_complete, 0) as units_complete,
from cleaned
inner join periods using (period_id)
left join activity_counts using (period_id)
left join unit_counts using (period_id)
order by cleaned.geography, periods.period_kind, periods.period_start
