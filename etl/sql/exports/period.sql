-- the period, if the coverage marts were computed for it
select period_id, period_kind, period_start, period_end, as_of_date, is_open,
from coverage_periods
where period_id = $period_id
