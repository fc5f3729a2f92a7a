-- one row per locked period
with locks as (
    select * from stg_period_locks
)

select
    period,
    period_start,
    period_end,
    locked_at,
    locked_by,
from locks
order by period_start, period_end
