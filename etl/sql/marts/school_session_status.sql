-- one row per school per period per geography: the school's Decision 830 status in the period's
-- semester ("this semester": the latest semester that started on or before the period's
-- as_of_date, so a summer month reads the semester just ended). A semester counts when the
-- school had at least school_sessions_per_semester direct activities in it
-- (etl/reference/targets.csv). Status, the first that holds:
--   had_session  it had its session this semester;
--   never        no semester up to this one had one;
--   due          not yet this semester, but the previous semester had one;
--   overdue      none this semester and none in the previous one (it missed the last semester)
with source as (
    select * from school_coverage
    where period_kind = 'semester'
),

targets as (
    select cast(value as integer) as sessions_needed
    from ref_targets
    where target = 'school_sessions_per_semester'
),

semesters as (
    select
        period_id as semester_id,
        period_start,
        lag(period_id) over (order by period_start) as previous_semester_id,
    from raw_periods
    where period_kind = 'semester'
),

cleaned as (
    select
        source.period_id as semester_id,
        source.geography,
        source.school_id,
        source.sessions,
        source.sessions >= targets.sessions_needed as held,
        bool_or(source.sessions >= targets.sessions_needed) over (
            partition by source.geography, source.school_id
            order by source.period_start
            rows between unbounded preceding and current row
        ) as ever_held,
    from source
    cross join targets
),

statuses as (
    select
        current_semester.semester_id,
        semesters.previous_semester_id,
        current_semester.geography,
        current_semester.school_id,
        current_semester.sessions as semester_sessions,
        previous_semester.held as previous_held,
        case
            when current_semester.held then 'had_session'
            when not current_semester.ever_held then 'never'
            when coalesce(previous_semester.held, false) then 'due'
            else 'overdue'
        end as session_status,
    from cleaned as current_semester
    inner join semesters using (semester_id)
    left join cleaned as previous_semester
        on previous_semester.semester_id = semesters.previous_semester_id
        and previous_semester.geography = current_semester.geography
        and previous_semester.school_id = current_semester.school_id
),

-- each period's semester: the latest one started on or before the period's as_of_date
period_semesters as (
    select
        periods.period_id,
        arg_max(semesters.semester_id, semesters.period_start) as semester_id,
    from raw_periods as periods
    inner join semesters on semesters.period_start <= periods.as_of_date
    group by periods.period_id
)

select
    period_semesters.period_id,
    statuses.semester_id,
    statuses.previous_semester_id,
    statuses.geography,
    statuses.school_id,
    statuses.semester_sessions,
    statuses.previous_held,
    statuses.session_status,
from period_semesters
inner join statuses using (semester_id)
order by period_semesters.period_id, statuses.geography, statuses.school_id
