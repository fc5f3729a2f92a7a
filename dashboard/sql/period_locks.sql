-- locked periods
select
    period,
    period_start,
    period_end,
    locked_at,
    locked_by,
from period_locks
order by period_start, period_end
