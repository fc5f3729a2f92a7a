-- one row per audit event (etl/access/audit.py): who did what, when, to what; as of the build
with source as (
    select * from raw_audit_events
),

cleaned as (
    select
        cast(event_no as integer) as event_no,
        cast("at" as timestamptz) as event_at,
        cast(actor as varchar) as actor,
        cast(action as varchar) as action,
        cast(target as varchar) as target,
        cast(detail as varchar) as detail,
    from source
)

select * from cleaned
