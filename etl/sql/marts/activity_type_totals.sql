-- one row per period and activity type (every type of etl/reference/activity_types.csv, type_order
-- its place in that list): its Decision 830 task group, and the activities of that type that
-- started in the period (every place), their participants and children (0 when none was counted)
with types as (
    select
        *,
        rowid as type_order,
    from ref_activity_types
),

periods as (
    select * from coverage_periods
),

activities as (
    select * from activity_list
),

counted as (
    select
        periods.period_id,
        activities.activity_type,
        count(*) as activities,
        sum(activities.participants) as participants,
        sum(activities.children) as children,
    from activities
    inner join periods
        on activities.start_date between periods.period_start and periods.period_end
    group by all
)

select
    periods.period_id,
    periods.period_kind,
    periods.period_start,
    types.task_group,
    types.type_order,
    types.activity_type,
    types.name_vi,
    types.name_en,
    coalesce(counted.activities, 0) as activities,
    coalesce(counted.participants, 0) as participants,
    coalesce(counted.children, 0) as children,
from types
cross join periods
left join counted
    on counted.period_id = periods.period_id
    and counted.activity_type = types.activity_type
order by periods.period_kind, periods.period_start, types.task_group, type_order
