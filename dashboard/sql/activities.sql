-- one page of the activities started between $first and $last that match the filters (an
-- empty list matches everything), newest first, with every field the explorer shows, named
-- from activity_labels; activities_count.sql counts them all
with page as (
    select *
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
),

labels as (
    select * from activity_labels
)

select
    page.activity_id,
    page.start_date,
    page.end_date,
    units.label_vi as lead_unit_name_vi,
    units.label_en as lead_unit_name_en,
    page.partner_kinds,
    types.label_vi as activity_type_vi,
    types.label_en as activity_type_en,
    audiences.label_vi as audience_vi,
    audiences.label_en as audience_en,
    page.place_scope,
    communes.label_vi as commune_name,
    villages.label_vi as village_name,
    schools.label_vi as school_name,
    coalesce(villages.label_vi, schools.label_vi) as place_name,
    page.participants,
    page.children,
    page.source_file,
    page.source_row,
from page
left join labels as units on units.field = 'unit' and units.value = page.lead_unit_id
left join labels as types on types.field = 'type' and types.value = page.activity_type
left join labels as audiences on audiences.field = 'audience' and audiences.value = page.audience
left join labels as communes on communes.field = 'commune' and communes.value = page.commune_id
left join labels as villages on villages.field = 'village' and villages.value = page.village_id
left join labels as schools on schools.field = 'school' and schools.value = page.school_id
order by page.start_date desc, page.activity_id
