-- one page of the activities started between $first and $last that match the filters (an
-- empty list matches everything), newest first; activities_count.sql counts them all
select
    activity_id,
    start_date,
    end_date,
    lead_unit_name_vi,
    lead_unit_name_en,
    partner_kinds,
    activity_type_vi,
    activity_type_en,
    audience_vi,
    audience_en,
    place_scope,
    commune_name,
    coalesce(village_name, school_name) as place_name,
    participants,
    children,
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
order by start_date desc, activity_id
limit $limit offset $offset
