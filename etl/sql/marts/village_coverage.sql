-- one row per village per period per geography ('2020': its 2020-2025 commune, '2025': that
-- commune's successor): coverage state (docs/warehouse.md "Coverage marts"), activities, unit kinds,
-- participants by audience, recency and the village's estimated child population (the
-- period's dates and kind: coverage_periods)
with source as (
    select * from stg_villages
),

periods as (
    select * from raw_periods
),

activities as (
    select * from place_activity
),

communes as (
    select * from stg_communes
),

epochs as (
    select * from commune_epochs
),

submissions as (
    select * from stg_submissions
    where status = 'active' and unit_kind = 'ubnd_xa'
),

child_share as (
    select cast(children_0_14 as double) / cast(population as double) as share
    from ref_child_share
),

cleaned as (
    select
        cast(village_id as varchar) as village_id,
        cast(commune_id as varchar) as commune_id_2020,
        cast(village_name as varchar) as village_name,
        cast(village_kind as varchar) as village_kind,
        cast(valid_from as date) as valid_from,
        cast(valid_to as date) as valid_to,
        cast(households as integer) as households,
        cast(lat as double) as lat,
        cast(lon as double) as lon,
        cast(location_approx as boolean) as location_approx,
    from source
),

village_periods as (
    select
        periods.period_id,
        periods.period_kind,
        periods.period_start,
        periods.period_end,
        periods.as_of_date,
        cleaned.*,
        coalesce(cleaned.valid_from <= periods.period_end, true)
            and coalesce(cleaned.valid_to >= periods.period_start, true) as is_applicable,
    from periods
    cross join cleaned
),

-- activities located in the village
in_village as (
    select
        period_id,
        village_id,
        (sum(activities) filter (where coverage = 'direct'))::bigint as direct_activities,
        (sum(activities) filter (where coverage = 'indirect'))::bigint as indirect_in_village,
        bit_or(unit_kinds_mask) filter (where coverage in ('direct', 'indirect'))
            as unit_kinds_mask,
        (sum(participants_children))::bigint as participants_children,
        (sum(participants_parents))::bigint as participants_parents,
        (sum(participants_teachers))::bigint as participants_teachers,
        (sum(participants_officials))::bigint as participants_officials,
        (sum(participants_media))::bigint as participants_media,
        (sum(participants_community))::bigint as participants_community,
        (sum(participants_total))::bigint as participants_total,
        (sum(children_reached))::bigint as children_reached,
    from activities
    where village_id is not null
    group by period_id, village_id
),

-- indirect activities for a whole commune (a 2025 commune covers all its old communes)
commune_wide as (
    select
        period_id,
        commune_id_2020,
        (sum(activities))::bigint as indirect_commune_wide,
        bit_or(unit_kinds_mask) as unit_kinds_mask,
    from (
        select
            period_id,
            unnest(commune_ids_2020) as commune_id_2020,
            activities,
            unit_kinds_mask,
        from activities
        where coverage = 'indirect' and place_scope = 'commune'
    )
    group by period_id, commune_id_2020
),

-- the commune's own People's Committee, or after the reform its successor's
people_committees as (
    select commune_id as commune_id_2020, commune_id as unit_commune_id, null::date as counts_from
    from communes
    where epoch = '2020'
    union all
    select commune_id, commune_id_2025, successor_from
    from epochs
    where epoch = '2020' and commune_id_2025 is not null
),

-- the days of each period, up to its as-of day, that the People's Committee's active reports
-- cover (its own, and after the reform its successor's from the day it took over)
committee_days as (
    select distinct
        periods.period_id,
        people_committees.commune_id_2020,
        unnest(generate_series(
            greatest(submissions.period_start, periods.period_start,
                coalesce(people_committees.counts_from, periods.period_start)),
            least(submissions.period_end, periods.as_of_date),
            interval 1 day
        )) as covered_day,
    from submissions
    inner join people_committees
        on people_committees.unit_commune_id = submissions.unit_commune_id
    inner join periods
        on greatest(submissions.period_start, people_committees.counts_from) <= periods.as_of_date
        and submissions.period_end >= periods.period_start
        and submissions.period_end >= coalesce(people_committees.counts_from, submissions.period_end)
),

-- reported for the period: every day of it so far is covered. A report for one quarter of a
-- half-year is not a report for the half-year: the other quarter's absence may be missing data.
reported as (
    select committee_days.period_id, committee_days.commune_id_2020,
    from committee_days
    inner join periods using (period_id)
    group by committee_days.period_id, committee_days.commune_id_2020, periods.period_start,
        periods.as_of_date
    having count(*) = periods.as_of_date - periods.period_start + 1
),

-- the latest direct activity on or before each atom's last day (as_of_date is one of them)
direct_by_atom as (
    select
        village_id,
        atom_end,
        max(last_start_date) as last_date,
    from activity_atoms
    where coverage = 'direct' and village_id is not null
    group by village_id, atom_end
),

last_direct as (
    select
        grid.village_id,
        grid.atom_end as as_of_date,
        max(direct_by_atom.last_date) over (
            partition by grid.village_id order by grid.atom_end
        ) as last_direct_date,
    from (
        select cleaned.village_id, atom_ends.atom_end
        from cleaned
        cross join (select distinct atom_end from raw_period_atoms) as atom_ends
    ) as grid
    left join direct_by_atom using (village_id, atom_end)
),

-- the commune's estimated children, shared among its villages by households (or equally when a
-- village's households are unknown)
child_estimate as (
    select
        village_periods.period_id,
        village_periods.village_id,
        communes.population_2019 * child_share.share * case
            when count(village_periods.households) over commune_period = count(*) over commune_period
                and sum(village_periods.households) over commune_period > 0
                then village_periods.households / sum(village_periods.households) over commune_period
            else 1.0 / count(*) over commune_period
        end as child_population,
    from village_periods
    cross join child_share
    left join communes on communes.commune_id = village_periods.commune_id_2020
    where village_periods.is_applicable
    window commune_period as (partition by village_periods.period_id, village_periods.commune_id_2020)
),

states as (
    select
        village_periods.*,
        reported.commune_id_2020 is not null as commune_reported,
        coalesce(in_village.direct_activities, 0) as direct_activities,
        coalesce(in_village.indirect_in_village, 0)
            + coalesce(commune_wide.indirect_commune_wide, 0) as indirect_activities,
        coalesce(commune_wide.indirect_commune_wide, 0) as indirect_commune_wide,
        unit_kinds_in_mask(
            coalesce(in_village.unit_kinds_mask, 0) | coalesce(commune_wide.unit_kinds_mask, 0)
        ) as unit_kinds,
        in_village.* exclude (period_id, village_id, direct_activities, indirect_in_village,
            unit_kinds_mask),
        last_direct.last_direct_date,
        child_estimate.child_population,
    from village_periods
    left join in_village using (period_id, village_id)
    left join commune_wide using (period_id, commune_id_2020)
    left join reported using (period_id, commune_id_2020)
    left join last_direct using (village_id, as_of_date)
    left join child_estimate using (period_id, village_id)
),

classified as (
    select
        states.* exclude (unit_kinds, child_population),
        case
            when not is_applicable then 'not_applicable'
            when direct_activities > 0 then 'reached'
            when indirect_activities > 0 then 'indirect'
            when commune_reported then 'not_reached'
            else 'not_reported'
        end as state,
        states.unit_kinds,
        case when is_applicable then as_of_date - last_direct_date end as days_since_direct,
        round(child_population, 1) as child_population,
        true as children_estimated,
    from states
),

geographies as (
    select * from commune_geographies
)

select
    classified.period_id,
    classified.as_of_date,
    geographies.geography,
    geographies.commune_id,
    communes.commune_code,
    communes.commune_name,
    classified.commune_id_2020,
    classified.village_id,
    classified.village_name,
    classified.village_kind,
    classified.state,
    classified.is_applicable,
    classified.commune_reported,
    classified.direct_activities,
    classified.indirect_activities,
    classified.indirect_commune_wide,
    classified.unit_kinds,
    classified.participants_children,
    classified.participants_parents,
    classified.participants_teachers,
    classified.participants_officials,
    classified.participants_media,
    classified.participants_community,
    classified.participants_total,
    classified.children_reached,
    classified.last_direct_date,
    classified.days_since_direct,
    classified.child_population,
    classified.children_estimated,
    classified.lat,
    classified.lon,
    classified.location_approx,
from classified
inner join geographies using (commune_id_2020)
left join communes on communes.commune_id = geographies.commune_id
