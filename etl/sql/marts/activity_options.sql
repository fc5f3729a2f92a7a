-- one row per value the activity explorer's filters offer (lead units, activity types,
-- audiences found in activity_list), with its labels: the filters read this small table
-- instead of scanning every activity on each rerun
with source as (
    select * from activity_list
),

cleaned as (
    select distinct
        'unit' as field,
        lead_unit_id as value,
        lead_unit_name_vi as label_vi,
        lead_unit_name_en as label_en,
    from source
    union all
    select distinct 'type', activity_type, activity_type_vi, activity_type_en,
    from source
    union all
    select distinct 'audience', audience, audience_vi, audience_en,
    from source
    where audience is not null
)

select * from cleaned
order by field, label_vi
