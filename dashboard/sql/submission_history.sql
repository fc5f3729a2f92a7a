-- submissions, newest first; $unit_id null means every unit
select
    submission_id,
    unit_id,
    unit_name_vi,
    unit_name_en,
    period,
    period_start,
    period_end,
    status,
    no_activities,
    file_name,
    received_at,
    rows_read,
    rows_loaded,
    rows_rejected,
    submitted_by,
    lock_override,
    mode,
    supersedes,
    added_to,
    locked_period,
from submission_history
where cast($unit_id as varchar) is null or unit_id = $unit_id
order by received_at desc nulls last, submission_id desc
