-- one row per month and lead unit kind with at least one activity (every place, district-wide
-- and online included): the overview's trend by month and by unit kind
with source as (
    select * from activity_list
),

cleaned as (
    select
        date_trunc('month', start_date)::date as month,
        strftime(start_date, '%Y-%m') as period_id,
        lead_unit_kind as unit_kind,
        is_joint,
        participants,
        coalesce(children, case when audience = 'children' then participants end)
            as children_reached,
    from source
)

select
    month,
    period_id,
    unit_kind,
    count(*) as activities,
    count(*) filter (where is_joint) as joint_activities,
    sum(participants)::bigint as participants,
    sum(children_reached)::bigint as children_reached,
from cleaned
group by all
order by month, unit_kind
