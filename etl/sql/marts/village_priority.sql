-- one row per applicable village per period per geography, ranked for planners by a transparent
-- score whose parts are columns (weights: etl/reference/priority_weights.csv):
-- state points + recency points + estimated-children points + missing-unit-kind points
with source as (
    select * from village_coverage
    where is_applicable
),

communes as (
    select * from commune_coverage
),

weights as (
    select
        part,
        nullif(key, '') as key,
        cast(points as double) as points,
        try_cast(nullif(full_at, '') as double) as full_at,
    from ref_priority_weights
),

cleaned as (
    select
        source.period_id,
        source.geography,
        source.commune_id,
        source.commune_code,
        source.commune_name,
        source.village_id,
        source.village_name,
        source.state,
        source.days_since_direct,
        source.child_population,
        len(coalesce(communes.missing_unit_kinds, [])) as missing_kinds,
    from source
    left join communes using (period_id, geography, commune_id)
),

scored as (
    select
        cleaned.*,
        round(coalesce(state_weight.points, 0), 1) as state_points,
        -- a village never reached directly gets the full recency points
        round(recency.points * least(coalesce(cleaned.days_since_direct, recency.full_at),
            recency.full_at) / recency.full_at, 1) as recency_points,
        round(children.points * least(coalesce(cleaned.child_population, 0), children.full_at)
            / children.full_at, 1) as children_points,
        round(missing_kind.points * cleaned.missing_kinds, 1) as missing_kind_points,
    from cleaned
    left join weights as state_weight
        on state_weight.part = 'state' and state_weight.key = cleaned.state
    cross join (select * from weights where part = 'recency') as recency
    cross join (select * from weights where part = 'children') as children
    cross join (select * from weights where part = 'missing_kind') as missing_kind
),

totalled as (
    select
        scored.*,
        round(state_points + recency_points + children_points + missing_kind_points, 1)
            as priority_score,
    from scored
)

select
    period_id,
    geography,
    rank() over (
        partition by period_id, geography order by priority_score desc
    ) as priority_rank,
    commune_id,
    commune_code,
    commune_name,
    village_id,
    village_name,
    state,
    priority_score,
    state_points,
    recency_points,
    children_points,
    missing_kind_points,
    days_since_direct,
    child_population,
    missing_kinds,
    -- a gap: not reached directly (reached only indirectly, not reached, or not reported)
    state in ('indirect', 'not_reached', 'not_reported') as is_gap,
from totalled
