-- one row per school with a point in a period and geography (optionally one commune): reached
-- or not, numbers for the tooltip, whether the point is approximate
select
    school_id,
    school_name,
    school_level,
    commune_id,
    commune_name,
    reached,
    activities,
    sessions,
    participants_total,
    last_activity_date,
    lat,
    lon,
    location_approx,
from school_coverage
where period_id = $period_id
    and geography = $geography
    and ($commune_id is null or commune_id = $commune_id)
    and lat is not null and lon is not null
order by commune_id, school_name
