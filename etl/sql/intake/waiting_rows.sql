-- one row per name of an activity row refused only because its village or school could not be
-- placed (no place, or several): the row waits for a reviewer's choice (etl.reports.review)
with errors as (
    select
        receipt_no,
        source_row,
        bool_and(column_name in ('village', 'school')
            and problem in ('village_unknown', 'school_unknown', 'name_ambiguous')) as only_names,
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
