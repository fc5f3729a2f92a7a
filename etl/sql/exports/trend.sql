-- one row per month of the period and lead unit kind with activity (every place)
select
    trend.month,
    trend.unit_kind,
    trend.activities,
    trend.participants,
from monthly_unit_activity as trend
inner join coverage_periods as periods
    on trend.month between periods.period_start and periods.period_end
where periods.period_id = $period_id
order by trend.month, trend.unit_kind
