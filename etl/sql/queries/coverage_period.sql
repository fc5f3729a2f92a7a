-- the period, if the coverage marts were computed for it
select * from coverage_periods
where period_id = $period_id
