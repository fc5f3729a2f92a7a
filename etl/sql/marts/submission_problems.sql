-- one row per problem of a rejected report row, by submission (for the import page's history),
-- and per commune, village or school name a reviewer placed or the import read (the row now
-- counts: the unit sees why)
with rejected as (
    select * from stg_rejected_rows
),

chosen as (
    select * exclude (severity) from stg_row_problems
    where severity = 'notice' and column_key in ('commune', 'village', 'school')
),

both_kinds as (
    select * from rejected
    union all
    select * from chosen
)

select
    submission_id,
    file_name,
    source_row,
    column_name,
    value,
    reason_vi,
    reason_en,
from both_kinds
order by submission_id, source_row, column_name
