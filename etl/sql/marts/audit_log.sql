-- one row per audit event: logins, uploads, withdrawals, locks, user and reference-data changes
with events as (
    select * from stg_audit_events
)

select
    event_no,
    event_at,
    actor,
    action,
    target,
    detail,
from events
order by event_no
