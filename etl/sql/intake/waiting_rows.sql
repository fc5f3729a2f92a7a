-- one row per name of an activity row refused only because its commune, village or school
-- could not be placed (no place, or several; $fields and $unplaced: etl.reports.name_choices):
-- the row waits for a reviewer's choice (etl.reports.review)
with errors as (
    select
        receipt_no,
        source_row,
        bool_and(list_contains($fields, column_name)
            and list_contains($unplaced, problem)) as only_names,
    from problems
    where severity = 'error'
    group by receipt_no, source_row
)

select
    resolved.submission_id,
    resolved.source_row,
    problems.column_name as field,
    problems.value,
    resolved.commune_id,
    resolved.start_on,
    problems.problem,
from errors
inner join problems using (receipt_no, source_row)
inner join resolved using (receipt_no, source_row)
where errors.only_names and problems.severity = 'error'
order by resolved.submission_id, resolved.source_row, field
