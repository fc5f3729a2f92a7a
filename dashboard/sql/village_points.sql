-- one row per village with a point in a period and geography (optionally one commune): state,
-- numbers for the tooltip, whether the point is approximate
select
    village_id,
    village_name,
    village_kind,
    commune_id,
    commune_name,
    state,
    direct_activities,
    indirect_activities,
    participants_total,
    last_direct_date,
    days_since_direct,
    lat,
    lon,
    location_approx,
from village_coverage
where period_id = $period_id
    and geography = $geography
    and ($commune_id is null or commune_id = $commune_id)
    and lat is not null and lon is not null
order by commune_id, village_name
