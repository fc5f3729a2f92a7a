-- one row per commune: polygon for the map and activity totals for its tooltip
select
    communes.commune_code,
    communes.commune_name,
    communes.boundary_source,
    communes.is_schematic,
    communes.geometry_json,
    coalesce(sum(monthly.activities), 0) as activities,
from commune_map as communes
left join commune_monthly_activity as monthly using (commune_code)
group by all
order by communes.commune_code
