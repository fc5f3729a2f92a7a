-- one row per problem of a rejected report row, by submission (for the import page's history)
with rejected as (
    select * from stg_rejected_rows
)

select
    submission_id,
    file_name,
    source_row,
    column_name,
    value,
    reason_vi,
    reason_en,
from rejected
order by submission_id, source_row, column_name
