-- how many activities started between $first and $last match the filters (the same filters
-- as activities.sql; an empty list matches everything)
select count(*) as total
from activity_list
where start_date between $first and $last
    and (
        $commune_id is null
        or ($geography = '2020' and list_contains(commune_ids_2020, $commune_id))
        or ($geography = '2025' and commune_id_2025 = $commune_id)
    )
    and (len($units) = 0 or list_contains($units, lead_unit_id))
    and (len($types) = 0 or list_contains($types, activity_type))
    and (len($audiences) = 0 or list_contains($audiences, audience))
    and (len($scopes) = 0 or list_contains($scopes, place_scope))
