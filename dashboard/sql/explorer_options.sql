-- the values the explorer's filters offer, as found in the activities: field, value, labels
select distinct 'unit' as field, lead_unit_id as value, lead_unit_name_vi as label_vi,
    lead_unit_name_en as label_en,
from activity_list
union all
select distinct 'type', activity_type, activity_type_vi, activity_type_en,
from activity_list
union all
select distinct 'audience', audience, audience_vi, audience_en,
from activity_list
where audience is not null
order by field, label_vi
