-- one row per name of a report row refused only because its village or school could not be
-- placed, with the places a reviewer may choose (the first `suggested` are the suggestions)
with source as (
    select * from raw_waiting_rows
),

cleaned as (
    select
        cast(submission_id as varchar) as submission_id,
        cast(source_row as integer) as source_row,
        cast(field as varchar) as field,
        cast(value as varchar) as value,
        admin_exact_key(cast(value as varchar)) as name_key,
        cast(commune_id as varchar) as commune_id,
        cast(start_on as date) as start_on,
        cast(problem as varchar) as problem,
        cast(suggested as integer) as suggested,
        cast(candidate_ids as varchar[]) as candidate_ids,
        cast(candidate_names as varchar[]) as candidate_names,
    from source
)

select * from cleaned
