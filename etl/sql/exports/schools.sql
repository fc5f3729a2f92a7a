-- one row per school in a period and geography: reached or not, activities, sessions
select
    commune_code,
    commune_name,
    school_name,
    school_level,
    reached,
    activities,
    sessions,
    participants_total,
    last_activity_date,
    students,
from school_coverage
where period_id = $period_id and geography = $geography
order by commune_code, school_name
