-- one row per problem of a report row: rejected rows (severity 'error') and notices on loaded
-- rows (a masked phone number, a name read loosely or by a reviewer's choice, a day outside
-- the report's period, a column not read)
with source as (
    select * from raw_row_problems
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
        cast(severity as varchar) as severity,
    from source
)

select * from cleaned
