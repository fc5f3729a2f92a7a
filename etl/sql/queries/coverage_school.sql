-- schools of one period and geography, by commune code and school name, with each one's
-- Decision 830 status in the period's semester (school_session_status)
select
    schools.*,
    status.semester_id as status_semester,
    status.session_status,
from school_coverage as schools
left join school_session_status as status
    on status.period_id = schools.period_id
    and status.geography = schools.geography
    and status.school_id = schools.school_id
where schools.period_id = $period_id and schools.geography = $geography
order by schools.commune_code, schools.school_name, schools.school_id
