-- per submission: rows read (activity rows), rows rejected (rows with an error) and cells whose
-- phone or ID number was masked (a description or a note)
with problem_counts as (
    select
        submission_id,
        count(distinct source_row) filter (where severity = 'error') as rejected,
        count(*) filter (where problem = 'personal_data_masked') as cells_masked,
    from problems
    group by submission_id
)

select
    resolved.submission_id,
    count(*) filter (where resolved.kind = 'activity') as rows_read,
    coalesce(any_value(problem_counts.rejected), 0) as rows_rejected,
    coalesce(any_value(problem_counts.cells_masked), 0) as cells_masked,
from resolved
left join problem_counts using (submission_id)
group by resolved.submission_id
