-- one row per submission (one unit's report for one period), whatever its status
with source as (
    select * from raw_submissions
),

cleaned as (
    select
        cast(submission_id as varchar) as submission_id,
        cast(receipt_id as varchar) as receipt_id,
        cast(unit_id as varchar) as unit_id,
        cast(unit_kind as varchar) as unit_kind,
        cast(unit_commune_id as varchar) as unit_commune_id,
        cast(period as varchar) as period,
        cast(period_start as date) as period_start,
        cast(period_end as date) as period_end,
        cast(status as varchar) as status,
        cast(no_activities as boolean) as no_activities,
        cast(file_name as varchar) as file_name,
        cast(stored_as as varchar) as stored_as,
        cast(sha256 as varchar) as sha256,
        cast(received_at as timestamptz) as received_at,
        cast(rows_read as integer) as rows_read,
        cast(rows_loaded as integer) as rows_loaded,
        cast(rows_rejected as integer) as rows_rejected,
        cast(cells_masked as integer) as cells_masked,
        cast(unit_source as varchar) as unit_source,
        cast(period_source as varchar) as period_source,
        cast(supersedes as varchar) as supersedes,
        cast(superseded_by as varchar) as superseded_by,
        cast(submitted_by as varchar) as submitted_by,
        coalesce(cast(lock_override as boolean), false) as lock_override,
        cast(mode as varchar) as mode,
        cast(added_to as varchar) as added_to,
        cast(rows_repeated as integer) as rows_repeated,
    from source
)

select * from cleaned
