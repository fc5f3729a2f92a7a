-- one row per period, geography, commune and unit kind that took part in an activity placed in
-- the commune (as lead or partner, as commune_coverage.unit_kinds_active counts them): how many
-- activities it led, how many it joined as a partner. The gaps page's commune × unit-kind matrix
with source as (
    select * from activity_list
),

periods as (
    select * from raw_periods
),

located as (
    select
        periods.period_id,
        geographies.geography,
        geographies.commune_id,
        source.activity_id,
        source.lead_unit_kind,
        source.partner_kinds,
    from source
    inner join periods
        on source.start_date between periods.period_start and periods.period_end
    cross join lateral (
        select '2020' as geography, unnest(source.commune_ids_2020) as commune_id
        union all
        select '2025', source.commune_id_2025 where source.commune_id_2025 is not null
    ) as geographies
),

cleaned as (
    select distinct
        period_id,
        geography,
        commune_id,
        activity_id,
        unnest(list_distinct(list_prepend(lead_unit_kind, partner_kinds))) as unit_kind,
        lead_unit_kind,
    from located
)

select
    period_id,
    geography,
    commune_id,
    unit_kind,
    count(*) as activities,
    count(*) filter (where unit_kind = lead_unit_kind) as led_activities,
    count(*) filter (where unit_kind <> lead_unit_kind) as partner_activities,
from cleaned
group by all
order by period_id, geography, commune_id, unit_kind
