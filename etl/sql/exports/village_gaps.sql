-- villages not reached directly in a period and geography, by priority rank, with the
-- commune's expected unit kinds that did nothing
select
    priority.priority_rank,
    priority.commune_code,
    priority.commune_name,
    priority.village_name,
    priority.state,
    priority.priority_score,
    priority.days_since_direct,
    priority.child_population,
    communes.missing_unit_kinds,
from village_priority as priority
left join commune_coverage as communes
    on communes.period_id = priority.period_id
    and communes.geography = priority.geography
    and communes.commune_id = priority.commune_id
where priority.period_id = $period_id
    and priority.geography = $geography
    and priority.is_gap
order by priority.priority_rank, priority.commune_code, priority.village_name
