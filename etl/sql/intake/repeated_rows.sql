-- per submission and earlier submission: rows rejected only for repeating a row of that earlier
-- active submission (a file added to an earlier report counts them once; one replacing it would
-- count them). Read after ``problems`` is complete.
with source as (
    select
        submission_id,
        receipt_no,
        source_row,
        case when problem = 'duplicate_across_files'
            then json_extract_string(fields, '$.submission') end as earlier_id,
    from problems
    where severity = 'error'
),

repeats_only as (
    select
        submission_id,
        receipt_no,
        source_row,
        any_value(earlier_id) as earlier_id,
    from source
    group by submission_id, receipt_no, source_row
    having count(*) = count(earlier_id)
)

select submission_id, earlier_id, count(*) as repeated
from repeats_only
group by submission_id, earlier_id
