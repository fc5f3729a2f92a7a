-- one row per period the pickers offer (every kind, semesters too), with its activity count
select
    periods.period_id,
    periods.period_kind,
    periods.period_start,
    periods.period_end,
    periods.is_open,
    district.activities,
from coverage_periods as periods
left join district_coverage as district
    on district.period_id = periods.period_id
    and district.geography = '2020'
order by periods.period_kind, periods.period_start
