-- one row per submission (one unit's report for one period), whatever its status, with the
-- unit's name, who sent it, what it replaced or was added to, and whether its period is locked now
with submissions as (
    select * from stg_submissions
),

kinds as (
    select * from ref_unit_kinds
),

communes as (
    select * from stg_communes
),

locks as (
    select * from stg_period_locks
),

named as (
    select
        submissions.*,
        unit_display_name(kinds.name_vi, communes.full_name) as unit_name_vi,
        unit_display_name(kinds.name_en, communes.full_name) as unit_name_en,
    from submissions
    left join kinds on kinds.unit_kind = submissions.unit_kind
    left join communes on communes.commune_id = submissions.unit_commune_id
),

locked as (
    select
        named.submission_id,
        min(locks.period) as locked_period,
    from named
    inner join locks
        on locks.period_start <= named.period_end
        and named.period_start <= locks.period_end
    group by named.submission_id
)

select
    named.submission_id,
    named.receipt_id,
    named.unit_id,
    named.unit_kind,
    coalesce(named.unit_name_vi, named.unit_id) as unit_name_vi,
    coalesce(named.unit_name_en, named.unit_id) as unit_name_en,
    named.period,
    named.period_start,
    named.period_end,
    named.status,
    named.no_activities,
    named.file_name,
    named.received_at,
    named.rows_read,
    named.rows_loaded,
    named.rows_rejected,
    named.submitted_by,
    named.lock_override,
    named.mode,
    named.supersedes,
    named.added_to,
    locked.locked_period,
from named
left join locked using (submission_id)
order by named.received_at nulls first, named.submission_id
