-- one row per activity type (all of them, in the reference order): the task group of
-- Decision 830 and the period's activities, participants and children reached (every place)
select
    types.task_group,
    types.activity_type,
    types.name_vi,
    types.name_en,
    count(activities.activity_id) as activities,
    coalesce(sum(activities.participants), 0) as participants,
    coalesce(sum(activities.children), 0) as children,
from ref_activity_types as types
cross join coverage_periods as periods
left join activity_list as activities
    on activities.activity_type = types.activity_type
    and activities.start_date between periods.period_start and periods.period_end
where periods.period_id = $period_id
group by all
order by types.task_group, min(types.rowid)
