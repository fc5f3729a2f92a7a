-- every field of one activity, with its display names
select *
from activity_list
where activity_id = $activity_id
