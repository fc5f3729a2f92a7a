-- one row per period, geography, commune and audience with at least one activity placed in the
-- commune for that audience: activities and participants (null when no count was given). The
-- gaps page's audience gaps: an audience without a row had no activity there in the period
with source as (
    select * from activity_list
),

periods as (
    select * from raw_periods
),

cleaned as (
    select distinct
        periods.period_id,
        geographies.geography,
        geographies.commune_id,
        source.audience,
        source.activity_id,
        source.participants,
    from source
    inner join periods
        on source.start_date between periods.period_start and periods.period_end
    cross join lateral (
        select '2020' as geography, unnest(source.commune_ids_2020) as commune_id
        union all
        select '2025', source.commune_id_2025 where source.commune_id_2025 is not null
    ) as geographies
    where source.audience is not null
)

select
    period_id,
    geography,
    commune_id,
    audience,
    count(*) as activities,
    sum(participants)::bigint as participants,
from cleaned
group by all
order by period_id, geography, commune_id, audience
