-- one row per locked period (etl/reports/locks.py)
with source as (
    select * from raw_period_locks
),

cleaned as (
    select
        cast(period as varchar) as period,
        cast(period_start as date) as period_start,
        cast(period_end as date) as period_end,
        cast(locked_at as timestamptz) as locked_at,
        cast(locked_by as varchar) as locked_by,
        cast(after_receipt as integer) as after_receipt,
    from source
)

select * from cleaned
