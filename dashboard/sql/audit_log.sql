-- audit events, newest first; $action null means every action
select
    event_no,
    event_at,
    actor,
    action,
    target,
    detail,
from audit_log
where cast($action as varchar) is null or action = $action
order by event_no desc
