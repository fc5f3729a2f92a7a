-- one row per village in a period and geography: its state, activities and point
select
    commune_code,
    commune_name,
    village_name,
    village_kind,
    state,
    direct_activities,
    indirect_activities,
    participants_total,
    children_reached,
    last_direct_date,
    days_since_direct,
    lat,
    lon,
    location_approx,
from village_coverage
where period_id = $period_id and geography = $geography
order by commune_code, village_name
