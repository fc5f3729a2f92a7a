-- the rejected rows of one submission
select
    source_row,
    column_name,
    value,
    reason_vi,
    reason_en,
from submission_problems
where submission_id = $submission_id
order by source_row, column_name
