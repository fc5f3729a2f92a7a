-- schools with no activity in a period and geography: the longest without one first
select
    commune_code,
    commune_name,
    school_name,
    school_level,
    students,
    last_activity_date,
    days_since_activity,
from school_coverage
where period_id = $period_id and geography = $geography and not reached
order by days_since_activity desc nulls first, students desc nulls last, commune_code, school_name
