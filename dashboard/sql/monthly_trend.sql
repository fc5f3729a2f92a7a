-- one row per month and lead unit kind with activity
select
    month,
    period_id,
    unit_kind,
    activities,
    participants,
from monthly_unit_activity
order by month, unit_kind
