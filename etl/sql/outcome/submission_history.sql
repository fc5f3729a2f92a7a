-- every submission, oldest first, for the command line's history
select
    submission_id,
    unit_id,
    period,
    status,
    file_name,
    vn_day(received_at, with_time := true) as received,
    rows_read,
    rows_loaded,
    rows_rejected,
    no_activities,
from stg_submissions
order by received_at nulls first, submission_id
