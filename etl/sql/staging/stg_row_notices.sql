-- one row per notice on a loaded report row: personal data masked, a name read by a reviewer's
-- choice (the row counts; its report says how it was read)
with source as (
    select * from raw_row_problems
    where severity = 'notice'
),

cleaned as (
    select
        cast(submission_id as varchar) as submission_id,
        cast(file_name as varchar) as file_name,
        cast(source_row as integer) as source_row,
        cast(column_name as varchar) as column_name,
        cast(column_key as varchar) as column_key,
        cast(value as varchar) as value,
        cast(reason_vi as varchar) as reason_vi,
        cast(reason_en as varchar) as reason_en,
    from source
)

select * from cleaned
