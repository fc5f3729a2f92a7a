-- schools with no activity in a period and geography (optionally one commune): the longest
-- without one first (never visited before everything else), then the largest; with each one's
-- Decision 830 status in the period's semester (school_session_status)
select
    schools.commune_id,
    schools.commune_code,
    schools.commune_name,
    schools.school_id,
    schools.school_name,
    schools.school_level,
    schools.students,
    schools.last_activity_date,
    schools.days_since_activity,
    schools.location_approx,
    status.semester_id as status_semester,
    status.session_status,
from school_coverage as schools
left join school_session_status as status
    on status.period_id = schools.period_id
    and status.geography = schools.geography
    and status.school_id = schools.school_id
where schools.period_id = $period_id
    and schools.geography = $geography
    and ($commune_id is null or schools.commune_id = $commune_id)
    and not schools.reached
order by schools.days_since_activity desc nulls first, schools.students desc nulls last,
    schools.commune_code, schools.school_name
