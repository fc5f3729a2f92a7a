-- one row per commune per period per geography: coverage = reached / applicable villages (null
-- where the commune has no data, as coverage_status says: etl/sql/macros/coverage_share.sql),
-- schools reached (no school listed: a null share), unit kinds active and expected kinds
-- missing (etl/reference/expectations.csv), joint-activity share, participants by audience,
-- children reached against the estimated child population (population_2019 x the district's
-- 0-14 share; children_estimated = true), the KPI cards' figures and the reporting units of the
-- commune's area (unit_reporting)
with source as (
    select * from village_coverage
),

schools as (
    select * from school_coverage
),

activities as (
    select * from place_activity
),

periods as (
    select * from raw_periods
),

communes as (
    select * from stg_communes
),

crosswalk as (
    select * from stg_commune_crosswalk
),

reporting as (
    select * from unit_reporting
),

child_share as (
    select cast(children_0_14 as double) / cast(population as double) as share
    from ref_child_share
),

-- an expectation row is valid while both it and its unit kind are (etl/reference/unit_kinds.csv:
-- district police ended on 2025-03-01, district offices on 2025-07-01)
expectations as (
    select
        expected.expectation,
        expected.unit_kind,
        expected.applies_where,
        greatest(
            try_cast(nullif(expected.valid_from, '') as date),
            try_cast(nullif(kinds.valid_from, '') as date)
        ) as valid_from,
        least(
            try_cast(nullif(expected.valid_to, '') as date),
            try_cast(nullif(kinds.valid_to, '') as date)
        ) as valid_to,
    from ref_expectations as expected
    inner join ref_unit_kinds as kinds using (unit_kind)
),

-- the communes of each geography, with the 2019 population of the area they cover
geographies as (
    select
        '2020' as geography,
        commune_id,
        population_2019,
    from communes
    where epoch = '2020'
    union all
    select
        '2025',
        crosswalk.new_commune_id,
        sum(old.population_2019)::integer,
    from crosswalk
    inner join communes as new on new.commune_id = crosswalk.new_commune_id
    inner join communes as old on old.commune_id = crosswalk.old_commune_id
    where new.epoch = '2025' and old.epoch = '2020'
    group by crosswalk.new_commune_id
),

commune_periods as (
    select
        periods.period_id,
        periods.period_kind,
        periods.period_start,
        periods.period_end,
        geographies.*,
    from periods
    cross join geographies
),

cleaned as (
    select
        period_id,
        geography,
        commune_id,
        count(*) filter (where is_applicable) as villages_applicable,
        count(*) filter (where state = 'reached') as villages_reached,
        count(*) filter (where state = 'indirect') as villages_indirect,
        count(*) filter (where state = 'not_reached') as villages_not_reached,
        count(*) filter (where state = 'not_reported') as villages_not_reported,
        count(*) filter (where state = 'not_applicable') as villages_not_applicable,
    from source
    group by all
),

school_counts as (
    select
        period_id,
        geography,
        commune_id,
        count(*) as schools,
        count(*) filter (where reached) as schools_reached,
    from schools
    group by all
),

-- activities that took place in the commune (a 2025-named commune-wide activity counts in each
-- of its old communes in the 2020 geography)
placed as (
    select
        period_id,
        '2020' as geography,
        unnest(commune_ids_2020) as commune_id,
        activities.* exclude (period_id),
    from activities
    union all
    select
        period_id,
        '2025',
        commune_id_2025,
        activities.* exclude (period_id),
    from activities
    where commune_id_2025 is not null
),

activity_counts as (
    select
        placed.period_id,
        placed.geography,
        placed.commune_id,
        (sum(placed.activities))::bigint as activities,
        (sum(placed.activities) filter (where placed.coverage = 'direct'))::bigint as direct_activities,
        (sum(placed.activities) filter (where placed.coverage = 'indirect'))::bigint
            as indirect_activities,
        (sum(placed.joint_activities))::bigint as joint_activities,
        unit_kinds_in_mask(bit_or(placed.unit_kinds_mask)) as unit_kinds_active,
        (sum(placed.participants_children))::bigint as participants_children,
        (sum(placed.participants_parents))::bigint as participants_parents,
        (sum(placed.participants_teachers))::bigint as participants_teachers,
        (sum(placed.participants_officials))::bigint as participants_officials,
        (sum(placed.participants_media))::bigint as participants_media,
        (sum(placed.participants_community))::bigint as participants_community,
        (sum(placed.participants_total))::bigint as participants_total,
        (sum(placed.children_reached))::bigint as children_reached,
    from placed
    group by placed.period_id, placed.geography, placed.commune_id
),

-- an expectation applies when one of its rows is valid in the period (and, for has_schools,
-- the commune has schools); it is met when any of its unit kinds was active
period_expectations as (
    select
        periods.period_id,
        expectations.expectation,
        expectations.applies_where,
        list(expectations.unit_kind order by expectations.unit_kind) as unit_kinds,
    from periods
    inner join expectations
        on coalesce(expectations.valid_from <= periods.period_end, true)
        and coalesce(expectations.valid_to >= periods.period_start, true)
    group by all
),

expected as (
    select
        commune_periods.period_id,
        commune_periods.geography,
        commune_periods.commune_id,
        array_to_string(period_expectations.unit_kinds, '|') as unit_kinds,
        len(list_intersect(
            period_expectations.unit_kinds, coalesce(activity_counts.unit_kinds_active, [])
        )) > 0 as met,
    from commune_periods
    inner join period_expectations using (period_id)
    left join school_counts using (period_id, geography, commune_id)
    left join activity_counts using (period_id, geography, commune_id)
    where period_expectations.applies_where = 'every_commune'
        or (period_expectations.applies_where = 'has_schools'
            and coalesce(school_counts.schools, 0) > 0)
),

missing as (
    select
        period_id,
        geography,
        commune_id,
        list(unit_kinds order by unit_kinds) filter (where not met) as missing_unit_kinds,
    from expected
    group by all
),

-- the units of the commune's area: its own (People's Committee and police), or in a period of
-- the other epoch those of the communes its area was then (its 2020 predecessors, or its 2025
-- successor)
unit_counts as (
    select
        period_id,
        commune_id,
        count(*) filter (where expected) as units_expected,
        count(*) filter (where expected and submitted) as units_reported,
        count(*) filter (where expected and submitted and complete) as units_complete,
    from (
        select
            period_id,
            unnest(list_distinct(area_commune_ids)) as commune_id,
            expected,
            submitted,
            complete,
        from reporting
    )
    group by period_id, commune_id
),

measured as (
    select
        commune_periods.period_id,
        commune_periods.period_kind,
        commune_periods.period_start,
        commune_periods.period_end,
        commune_periods.geography,
        commune_periods.commune_id,
        communes.commune_code,
        communes.commune_name,
        communes.full_name,
        coalesce(cleaned.villages_applicable, 0) as villages_applicable,
        coalesce(cleaned.villages_reached, 0) as villages_reached,
        coalesce(cleaned.villages_indirect, 0) as villages_indirect,
        coalesce(cleaned.villages_not_reached, 0) as villages_not_reached,
        coalesce(cleaned.villages_not_reported, 0) as villages_not_reported,
        coalesce(cleaned.villages_not_applicable, 0) as villages_not_applicable,
        coverage_share(cleaned.villages_reached, cleaned.villages_applicable,
            cleaned.villages_not_reported) as coverage_pct,
        coverage_status(cleaned.villages_applicable, cleaned.villages_not_reported)
            as coverage_status,
        coalesce(school_counts.schools, 0) as schools,
        coalesce(school_counts.schools_reached, 0) as schools_reached,
        coalesce(activity_counts.activities, 0) as activities,
        coalesce(activity_counts.direct_activities, 0) as direct_activities,
        coalesce(activity_counts.indirect_activities, 0) as indirect_activities,
        coalesce(activity_counts.joint_activities, 0) as joint_activities,
        round(100.0 * activity_counts.joint_activities / nullif(activity_counts.activities, 0), 1)
            as joint_share_pct,
        coalesce(activity_counts.unit_kinds_active, []) as unit_kinds_active,
        coalesce(missing.missing_unit_kinds, []) as missing_unit_kinds,
        activity_counts.participants_children,
        activity_counts.participants_parents,
        activity_counts.participants_teachers,
        activity_counts.participants_officials,
        activity_counts.participants_media,
        activity_counts.participants_community,
        activity_counts.participants_total,
        activity_counts.children_reached,
        commune_periods.population_2019,
        round(commune_periods.population_2019 * child_share.share)::integer as child_population,
        true as children_estimated,
        round(100.0 * activity_counts.children_reached
            / nullif(round(commune_periods.population_2019 * child_share.share), 0), 1)
            as children_reached_pct,
    from commune_periods
    cross join child_share
    left join cleaned using (period_id, geography, commune_id)
    left join school_counts using (period_id, geography, commune_id)
    left join activity_counts using (period_id, geography, commune_id)
    left join missing using (period_id, geography, commune_id)
    left join communes on communes.commune_id = commune_periods.commune_id
)

select
    measured.*,
    -- no school listed: no share (null), not 0 %
    round(100.0 * measured.schools_reached / nullif(measured.schools, 0), 1) as schools_pct,
    -- the figures of the KPI cards: no activity means nobody attended (0); unknown counts of
    -- real activities stay null
    case when measured.activities = 0 then 0 else measured.participants_total end
        as kpi_participants_total,
    case when measured.activities = 0 then 0 else measured.children_reached end
        as kpi_children_reached,
    case when measured.activities = 0 then 0 else measured.children_reached_pct end
        as kpi_children_reached_pct,
    coalesce(unit_counts.units_expected, 0) as units_expected,
    coalesce(unit_counts.units_reported, 0) as units_reported,
    coalesce(unit_counts.units_complete, 0) as units_complete,
    -- children reached are contacts: more of them than the estimated children is possible, and
    -- every output that shows both says so
    coalesce(measured.children_reached > measured.child_population, false)
        as contacts_exceed_children,
    -- reported, but their reports leave days of the period uncovered
    coalesce(unit_counts.units_reported - unit_counts.units_complete, 0) as units_partial,
from measured
left join unit_counts using (period_id, commune_id)
