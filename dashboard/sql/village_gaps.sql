-- villages not reached directly in a period and geography (optionally one commune), by
-- priority rank, with the parts of the priority score and the commune's missing unit kinds
select
    priority.priority_rank,
    priority.commune_id,
    priority.commune_code,
    priority.commune_name,
    priority.village_id,
    priority.village_name,
    coverage.village_kind,
    priority.state,
    priority.priority_score,
    priority.state_points,
    priority.recency_points,
    priority.children_points,
    priority.missing_kind_points,
    priority.days_since_direct,
    coverage.last_direct_date,
    priority.child_population,
    communes.missing_unit_kinds,
from village_priority as priority
inner join village_coverage as coverage
    on coverage.period_id = priority.period_id
    and coverage.geography = priority.geography
    and coverage.village_id = priority.village_id
left join commune_coverage as communes
    on communes.period_id = priority.period_id
    and communes.geography = priority.geography
    and communes.commune_id = priority.commune_id
where priority.period_id = $period_id
    and priority.geography = $geography
    and ($commune_id is null or priority.commune_id = $commune_id)
    and priority.is_gap
order by priority.priority_rank, priority.commune_code, priority.village_name
