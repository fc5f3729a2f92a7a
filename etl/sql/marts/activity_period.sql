-- one row per activity per period it overlaps, with the places it counts for in each geography:
-- commune_ids_2020 (the 2020-2025 communes it took place in; several when a commune-wide
-- activity names a 2025 commune, none when district-wide or online) and commune_id_2025
with source as (
    select * from stg_activities
),

periods as (
    select * from raw_periods
),

communes as (
    select * from stg_communes
),

crosswalk as (
    select * from stg_commune_crosswalk
),

villages as (
    select * from stg_villages
),

schools as (
    select * from stg_schools
),

-- any commune id (pre-2020, 2020 or 2025 epoch) -> the 2020-epoch communes it covers
to_2020 as (
    select commune_id, commune_id as commune_id_2020
    from communes
    where epoch = '2020'
    union all
    select crosswalk.new_commune_id, crosswalk.old_commune_id
    from crosswalk
    inner join communes as old on old.commune_id = crosswalk.old_commune_id
    where old.epoch = '2020'
    union all
    select crosswalk.old_commune_id, crosswalk.new_commune_id
    from crosswalk
    inner join communes as new on new.commune_id = crosswalk.new_commune_id
    where new.epoch = '2020'
),

named_2020 as (
    select
        commune_id,
        list(distinct commune_id_2020 order by commune_id_2020) as commune_ids_2020,
    from to_2020
    group by commune_id
),

successor as (
    select
        crosswalk.old_commune_id as commune_id_2020,
        crosswalk.new_commune_id as commune_id_2025,
    from crosswalk
    inner join communes as new on new.commune_id = crosswalk.new_commune_id
    where new.epoch = '2025'
),

cleaned as (
    select
        source.activity_id,
        source.submission_id,
        source.lead_unit_id,
        source.lead_unit_kind,
        coalesce(source.partner_kinds, []) as partner_kinds,
        list_sort(list_distinct(
            list_prepend(source.lead_unit_kind, coalesce(source.partner_kinds, []))
        )) as unit_kinds,
        len(coalesce(source.partner_kinds, [])) > 0 as is_joint,
        source.start_date,
        coalesce(source.end_date, source.start_date) as end_date,
        source.activity_type,
        source.coverage,
        source.audience,
        source.place_scope,
        source.commune_id,
        source.village_id,
        source.school_id,
        case
            when coalesce(villages.commune_id, schools.commune_id) is not null
                then [coalesce(villages.commune_id, schools.commune_id)]
            else coalesce(named_2020.commune_ids_2020, [])
        end as commune_ids_2020,
        source.participants,
        source.children,
        -- children reached: the reported "of which children", else everyone when the audience
        -- is children
        coalesce(
            source.children,
            case when source.audience = 'children' then source.participants end
        ) as children_reached,
    from source
    left join villages on villages.village_id = source.village_id
    left join schools on schools.school_id = source.school_id
    left join named_2020 on named_2020.commune_id = source.commune_id
),

placed as (
    select
        cleaned.*,
        successor.commune_id_2025,
    from cleaned
    left join successor on successor.commune_id_2020 = cleaned.commune_ids_2020[1]
),

in_periods as (
    select
        periods.period_id,
        periods.period_kind,
        placed.*,
    from placed
    inner join periods
        on placed.start_date <= periods.period_end
        and placed.end_date >= periods.period_start
)

select * from in_periods
