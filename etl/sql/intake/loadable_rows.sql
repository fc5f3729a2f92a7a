-- per submission: its activity rows, and how many of them it would load: rows with no error,
-- and rows refused only because a name could not be placed, which wait for a reviewer's choice
-- (waiting_rows.sql; $fields and $unplaced: etl.reports.name_choices) and are not lost. Read
-- after ``problems`` is complete.
with rejected as (
    select receipt_no, source_row from problems
    where severity = 'error'
    group by receipt_no, source_row
    having not bool_and(list_contains($fields, column_name)
        and list_contains($unplaced, problem))
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
