-- one row per reporting unit per period: who submitted (active submissions overlapping the
-- period), whether their reports cover every day of it on which the unit existed
-- (days_expected), the communes of either epoch its area is (area_commune_ids: itself, the
-- 2020 communes a 2025 one took over, the 2025 successor of a 2020 one; null for district
-- units), and whether the unit was expected to
-- report (unit_roster; units outside it appear, expected = false, when they submit)
with source as (
    select * from stg_submissions
    where status = 'active'
),

periods as (
    select * from raw_periods
),

communes as (
    select * from stg_communes
),

epochs as (
    select * from commune_epochs
),

unit_kinds as (
    select * from ref_unit_kinds
),

roster as (
    select * from unit_roster
),

expected as (
    select
        periods.period_id,
        roster.unit_id,
        roster.unit_kind,
        roster.commune_id,
        roster.unit_name_vi as unit_name,
        -- the days of the period on which the unit existed
        least(periods.period_end, coalesce(roster.valid_to, periods.period_end))
            - greatest(periods.period_start, coalesce(roster.valid_from, periods.period_start))
            + 1 as days_expected,
    from roster
    inner join periods
        on coalesce(roster.valid_from <= periods.period_end, true)
        and coalesce(roster.valid_to >= periods.period_start, true)
),

cleaned as (
    select
        periods.period_id,
        periods.period_start,
        periods.period_end,
        source.submission_id,
        source.unit_id,
        source.unit_kind,
        source.unit_commune_id,
        source.no_activities,
        source.received_at,
        -- only the days the unit existed count: a district police report for 2025-Q1 covers
        -- the 59 days to its end on 2025-02-28, not 90
        greatest(
            source.period_start, periods.period_start, coalesce(roster.valid_from, periods.period_start)
        ) as covered_from,
        least(
            source.period_end, periods.period_end, coalesce(roster.valid_to, periods.period_end)
        ) as covered_to,
    from source
    inner join periods
        on source.period_start <= periods.period_end
        and source.period_end >= periods.period_start
    left join roster on roster.unit_id = source.unit_id
),

submitted as (
    select
        period_id,
        unit_id,
        any_value(unit_kind) as unit_kind,
        any_value(unit_commune_id) as commune_id,
        count(distinct submission_id) as submissions,
        bool_and(no_activities) as no_activities,
        max(received_at)::timestamp as last_received_at,
    from cleaned
    group by period_id, unit_id
),

covered_days as (
    select
        period_id,
        unit_id,
        count(distinct covered_day) as days_covered,
    from (
        select
            period_id,
            unit_id,
            unnest(generate_series(covered_from, covered_to, interval 1 day)) as covered_day,
        from cleaned
    )
    group by period_id, unit_id
),

units as (
    select
        coalesce(expected.period_id, submitted.period_id) as period_id,
        coalesce(expected.unit_id, submitted.unit_id) as unit_id,
        coalesce(expected.unit_kind, submitted.unit_kind) as unit_kind,
        coalesce(expected.commune_id, submitted.commune_id) as commune_id,
        expected.unit_name as roster_name,
        expected.days_expected,
        expected.unit_id is not null as expected,
        submitted.unit_id is not null as submitted,
        coalesce(submitted.submissions, 0) as submissions,
        submitted.no_activities,
        submitted.last_received_at,
    from expected
    full outer join submitted
        on submitted.period_id = expected.period_id
        and submitted.unit_id = expected.unit_id
)

select
    units.period_id,
    periods.period_kind,
    periods.period_start,
    periods.period_end,
    units.unit_id,
    units.unit_kind,
    coalesce(
        units.roster_name,
        unit_display_name(unit_kinds.name_vi, communes.full_name)
    ) as unit_name,
    units.commune_id,
    communes.commune_code,
    units.expected,
    units.submitted,
    units.submissions,
    units.no_activities,
    coalesce(covered_days.days_covered, 0) as days_covered,
    coalesce(units.days_expected, periods.period_days) as days_expected,
    case when units.commune_id is not null then list_distinct(list_concat(
        [units.commune_id], epochs.commune_ids_2020, [epochs.commune_id_2025]
    )) end as area_commune_ids,
    coalesce(covered_days.days_covered, 0)
        >= coalesce(units.days_expected, periods.period_days) as complete,
    units.last_received_at,
from units
inner join periods using (period_id)
left join covered_days using (period_id, unit_id)
left join unit_kinds on unit_kinds.unit_kind = units.unit_kind
left join communes on communes.commune_id = units.commune_id
left join epochs on epochs.commune_id = units.commune_id
order by units.period_id, units.commune_id nulls first, units.unit_kind, units.unit_id
