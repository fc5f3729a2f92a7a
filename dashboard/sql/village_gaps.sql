-- villages not reached directly in a period and geography (optionally one commune), by
-- priority rank, with the parts of the priority score
select
    priority_rank,
    commune_id,
    commune_code,
    commune_name,
    village_id,
    village_name,
    village_kind,
    state,
    priority_score,
    state_points,
    recency_points,
    children_points,
    missing_kind_points,
    days_since_direct,
    last_direct_date,
    child_population,
    missing_unit_kinds,
from village_priority
where period_id = $period_id
    and geography = $geography
    and ($commune_id is null or commune_id = $commune_id)
    and state in ('indirect', 'not_reached', 'not_reported')
order by priority_rank, commune_code, village_name
