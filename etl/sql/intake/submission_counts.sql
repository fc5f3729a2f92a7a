-- per submission: rows read (activity rows), rows rejected (rows with an error) and notices
with problem_counts as (
    select
        submission_id,
        count(distinct source_row) filter (where severity = 'error') as rejected,
        count(*) filter (where severity = 'notice') as notices,
    from problems
    group by submission_id
)

select
    resolved.submission_id,
    count(*) filter (where resolved.kind = 'activity') as rows_read,
    coalesce(any_value(problem_counts.rejected), 0) as rows_rejected,
    coalesce(any_value(problem_counts.notices), 0) as notices,
from resolved
left join problem_counts using (submission_id)
group by resolved.submission_id
