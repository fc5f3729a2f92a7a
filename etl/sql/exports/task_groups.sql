-- one row per activity type (all of them, in the reference order): the task group of
-- Decision 830 and the period's activities, participants and children reached (every place)
select
    task_group,
    activity_type,
    name_vi,
    name_en,
    activities,
    participants,
    children,
from activity_type_totals
where period_id = $period_id
order by task_group, type_order
