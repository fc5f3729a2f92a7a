-- one row per reporting unit due in the period (or that reported anyway)
select
    unit_id,
    unit_name,
    commune_code,
    expected,
    submitted,
    no_activities,
    submissions,
    days_covered,
    days_expected,
    complete,
from unit_reporting
where period_id = $period_id
order by commune_code nulls first, unit_id
