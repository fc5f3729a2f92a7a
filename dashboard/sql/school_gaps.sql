-- schools with no activity in a period and geography (optionally one commune): the longest
-- without one first (never visited before everything else), then the largest
select
    commune_id,
    commune_code,
    commune_name,
    school_id,
    school_name,
    school_level,
    students,
    last_activity_date,
    days_since_activity,
    location_approx,
from school_coverage
where period_id = $period_id
    and geography = $geography
    and ($commune_id is null or commune_id = $commune_id)
    and not reached
order by days_since_activity desc nulls first, students desc nulls last, commune_code, school_name
