-- per submission: its activity rows, and how many of them have no error (the rows it would
-- load). Read after ``problems`` is complete.
with rejected as (
    select distinct receipt_no, source_row from problems
    where severity = 'error'
)

select
    resolved.submission_id,
    count(*) as activities,
    count(*) filter (where rejected.source_row is null) as loadable,
from resolved
left join rejected
    on rejected.receipt_no = resolved.receipt_no
    and rejected.source_row = resolved.source_row
where resolved.kind = 'activity'
group by resolved.submission_id
