-- one row per period and geography for the whole Chợ Đồn area (the 2020-2025 district): the
-- headline figures the dashboard's cards, the exports and `etl coverage --level district` show,
-- so no reader adds communes up itself. They are the same in both geographies: villages,
-- schools, every activity including district-wide and online ones, children reached against the
-- 2019 census count of children aged 0-14 (etl/reference/child_share.csv, so children_estimated
-- is false). The geography adds how many communes it has; the reporting roster how many units
-- were due, reported and reported in full (unit_reporting, the same in both geographies), and
-- the activities, participants and children that belong to none of its communes.
with source as (
    select * from village_coverage
    where geography = '2020'
),

schools as (
    select * from school_coverage
    where geography = '2020'
),

activities as (
    select * from place_activity
),

periods as (
    select * from raw_periods
),

census as (
    select cast(children_0_14 as integer) as children_0_14
    from ref_child_share
),

communes as (
    select * from commune_coverage
),

reporting as (
    select * from unit_reporting
),

cleaned as (
    select
        period_id,
        count(*) filter (where is_applicable) as villages_applicable,
        count(*) filter (where state = 'reached') as villages_reached,
        count(*) filter (where state = 'indirect') as villages_indirect,
        count(*) filter (where state = 'not_reached') as villages_not_reached,
        count(*) filter (where state = 'not_reported') as villages_not_reported,
    from source
    group by period_id
),

school_counts as (
    select
        period_id,
        count(*) as schools,
        count(*) filter (where reached) as schools_reached,
    from schools
    group by period_id
),

activity_counts as (
    select
        activities.period_id,
        sum(activities.activities)::bigint as activities,
        (sum(activities.activities) filter (where activities.coverage = 'direct'))::bigint
            as direct_activities,
        (sum(activities.activities) filter (where activities.coverage = 'indirect'))::bigint
            as indirect_activities,
        sum(activities.joint_activities)::bigint as joint_activities,
        unit_kinds_in_mask(bit_or(activities.unit_kinds_mask)) as unit_kinds_active,
        sum(activities.participants_children)::bigint as participants_children,
        sum(activities.participants_parents)::bigint as participants_parents,
        sum(activities.participants_teachers)::bigint as participants_teachers,
        sum(activities.participants_officials)::bigint as participants_officials,
        sum(activities.participants_media)::bigint as participants_media,
        sum(activities.participants_community)::bigint as participants_community,
        sum(activities.participants_total)::bigint as participants_total,
        sum(activities.children_reached)::bigint as children_reached,
    from activities
    group by activities.period_id
),

totals as (
    select
        periods.period_id,
        periods.period_kind,
        periods.period_start,
        periods.period_end,
        periods.is_open,
        coalesce(cleaned.villages_applicable, 0) as villages_applicable,
        coalesce(cleaned.villages_reached, 0) as villages_reached,
        coalesce(cleaned.villages_indirect, 0) as villages_indirect,
        coalesce(cleaned.villages_not_reached, 0) as villages_not_reached,
        coalesce(cleaned.villages_not_reported, 0) as villages_not_reported,
        coverage_share(cleaned.villages_reached, cleaned.villages_applicable,
            cleaned.villages_not_reported) as coverage_pct,
        coverage_status(cleaned.villages_applicable, cleaned.villages_not_reported)
            as coverage_status,
        coalesce(school_counts.schools, 0) as schools,
        coalesce(school_counts.schools_reached, 0) as schools_reached,
        round(100.0 * school_counts.schools_reached / nullif(school_counts.schools, 0), 1)
            as schools_pct,
        coalesce(activity_counts.activities, 0) as activities,
        coalesce(activity_counts.direct_activities, 0) as direct_activities,
        coalesce(activity_counts.indirect_activities, 0) as indirect_activities,
        coalesce(activity_counts.joint_activities, 0) as joint_activities,
        round(100.0 * activity_counts.joint_activities / nullif(activity_counts.activities, 0), 1)
            as joint_share_pct,
        coalesce(activity_counts.unit_kinds_active, []) as unit_kinds_active,
        activity_counts.participants_children,
        activity_counts.participants_parents,
        activity_counts.participants_teachers,
        activity_counts.participants_officials,
        activity_counts.participants_media,
        activity_counts.participants_community,
        activity_counts.participants_total,
        activity_counts.children_reached,
        census.children_0_14 as child_population,
        round(100.0 * activity_counts.children_reached / nullif(census.children_0_14, 0), 1)
            as children_reached_pct,
    from periods
    cross join census
    left join cleaned using (period_id)
    left join school_counts using (period_id)
    left join activity_counts using (period_id)
),

commune_counts as (
    select
        period_id,
        geography,
        count(*) as communes,
    from communes
    group by period_id, geography
),

-- the activities that belong to no commune of the geography (district-wide, online, unplaced),
-- with their participants and children: with the activities counted in several communes, why
-- the commune rows do not add up to the area's figures (etl.export.captions.totals_notes)
unplaced as (
    select
        period_id,
        '2020' as geography,
        sum(activities)::bigint as activities,
        sum(participants_total)::bigint as participants_total,
        sum(children_reached)::bigint as children_reached,
    from activities
    where len(commune_ids_2020) = 0
    group by period_id
    union all
    select
        period_id,
        '2025',
        sum(activities)::bigint,
        sum(participants_total)::bigint,
        sum(children_reached)::bigint,
    from activities
    where commune_id_2025 is null
    group by period_id
),

unit_counts as (
    select
        period_id,
        count(*) filter (where expected) as units_expected,
        count(*) filter (where expected and submitted) as units_reported,
        count(*) filter (where expected and submitted and complete) as units_complete,
    from reporting
    group by period_id
)

select
    totals.period_id,
    totals.period_kind,
    totals.period_start,
    totals.period_end,
    totals.is_open,
    commune_counts.geography,
    commune_counts.communes,
    totals.villages_applicable,
    totals.villages_reached,
    totals.villages_indirect,
    totals.villages_not_reached,
    totals.villages_not_reported,
    totals.coverage_pct,
    totals.coverage_status,
    totals.schools,
    totals.schools_reached,
    totals.schools_pct,
    totals.activities,
    totals.direct_activities,
    totals.indirect_activities,
    totals.joint_activities,
    totals.joint_share_pct,
    totals.unit_kinds_active,
    totals.participants_children,
    totals.participants_parents,
    totals.participants_teachers,
    totals.participants_officials,
    totals.participants_media,
    totals.participants_community,
    totals.participants_total,
    totals.children_reached,
    totals.child_population,
    false as children_estimated,
    totals.children_reached_pct,
    -- children reached are contacts: more of them than the children counted is possible, and
    -- every output that shows both says so
    coalesce(totals.children_reached > totals.child_population, false)
        as contacts_exceed_children,
    -- the figures of the KPI cards: no activity means nobody attended (0); unknown counts of
    -- real activities stay null
    case when totals.activities = 0 then 0 else totals.participants_total end
        as kpi_participants_total,
    case when totals.activities = 0 then 0 else totals.children_reached end
        as kpi_children_reached,
    case when totals.activities = 0 then 0 else totals.children_reached_pct end
        as kpi_children_reached_pct,
    coalesce(unit_counts.units_expected, 0) as units_expected,
    coalesce(unit_counts.units_reported, 0) as units_reported,
    coalesce(unit_counts.units_complete, 0) as units_complete,
    -- reported, but their reports leave days of the period uncovered
    coalesce(unit_counts.units_reported - unit_counts.units_complete, 0) as units_partial,
    coalesce(unplaced.activities, 0) as unplaced_activities,
    coalesce(unplaced.participants_total, 0) as unplaced_participants_total,
    coalesce(unplaced.children_reached, 0) as unplaced_children_reached,
from totals
inner join commune_counts using (period_id)
left join unit_counts using (period_id)
left join unplaced using (period_id, geography)
order by commune_counts.geography, totals.period_kind, totals.period_start
