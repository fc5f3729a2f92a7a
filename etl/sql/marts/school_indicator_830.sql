-- one row per school year or semester per geography per area (each commune, and the whole
-- district with area_level = 'district'): Decision 830's school indicator, the share of schools
-- that held a session in every semester of the period (a school year: all its semesters,
-- etl/reference/semesters.csv; a semester: that one), against the target of
-- etl/reference/targets.csv. A semester counts for a school when it had at least
-- school_sessions_per_semester direct activities there (targets.csv)
with source as (
    select * from school_coverage
    where period_kind = 'semester'
),

targets as (
    select
        cast(any_value(value) filter (where target = 'school_sessions_pct') as double)
            as target_pct,
        cast(any_value(value) filter (where target = 'school_sessions_per_semester') as integer)
            as sessions_needed,
    from ref_targets
),

-- each school year and each semester, with the semesters it holds
indicator_periods as (
    select
        period_id,
        period_kind,
        period_start,
        period_end,
        is_open,
        school_year_id,
        null as semester,
    from raw_periods
    where period_kind = 'school_year'
    union all
    select
        period_id,
        period_kind,
        period_start,
        period_end,
        is_open,
        school_year_id,
        semester,
    from raw_periods
    where period_kind = 'semester'
),

semesters as (
    select
        indicator_periods.period_id,
        count(*) as semesters,
    from indicator_periods
    inner join raw_periods as held
        on held.period_kind = 'semester'
        and held.school_year_id = indicator_periods.school_year_id
        and (indicator_periods.semester is null or held.semester = indicator_periods.semester)
    group by indicator_periods.period_id
),

cleaned as (
    select
        indicator_periods.period_id,
        source.semester,
        source.geography,
        source.commune_id,
        source.school_id,
        source.sessions >= targets.sessions_needed as held_session,
    from source
    cross join targets
    inner join indicator_periods
        on indicator_periods.school_year_id = source.school_year_id
        and (indicator_periods.semester is null or indicator_periods.semester = source.semester)
),

per_school as (
    select
        cleaned.period_id,
        cleaned.geography,
        cleaned.commune_id,
        cleaned.school_id,
        count(*) filter (where cleaned.held_session) = any_value(semesters.semesters)
            as every_semester,
    from cleaned
    inner join semesters using (period_id)
    group by all
),

per_semester as (
    select
        period_id,
        geography,
        commune_id,
        semester,
        count(*) filter (where held_session) as schools_with_session,
    from cleaned
    group by all
),

areas as (
    select
        per_school.period_id,
        per_school.geography,
        'commune' as area_level,
        per_school.commune_id,
        count(*) as schools,
        count(*) filter (where per_school.every_semester) as schools_every_semester,
    from per_school
    group by all
    union all
    select
        period_id,
        geography,
        'district',
        null,
        count(*),
        count(*) filter (where every_semester),
    from per_school
    group by all
),

semester_counts as (
    select
        period_id,
        geography,
        'commune' as area_level,
        commune_id,
        map_from_entries(list((semester, schools_with_session) order by semester))
            as schools_by_semester,
    from per_semester
    group by all
    union all
    select
        period_id,
        geography,
        'district',
        null,
        map_from_entries(list((semester, schools_with_session) order by semester)),
    from (
        select
            period_id,
            geography,
            semester,
            sum(schools_with_session)::bigint as schools_with_session,
        from per_semester
        group by all
    )
    group by all
),

communes as (
    select * from stg_communes
)

select
    areas.period_id,
    indicator_periods.period_kind,
    indicator_periods.period_start,
    indicator_periods.period_end,
    indicator_periods.is_open,
    areas.geography,
    areas.area_level,
    areas.commune_id,
    communes.commune_code,
    communes.commune_name,
    areas.schools,
    semester_counts.schools_by_semester,
    areas.schools_every_semester,
    round(100.0 * areas.schools_every_semester / areas.schools, 1) as share_pct,
    targets.target_pct,
    100.0 * areas.schools_every_semester / areas.schools >= targets.target_pct as target_met,
from areas
cross join targets
inner join indicator_periods on indicator_periods.period_id = areas.period_id
left join semester_counts
    on semester_counts.period_id = areas.period_id
    and semester_counts.geography = areas.geography
    and semester_counts.area_level = areas.area_level
    and semester_counts.commune_id is not distinct from areas.commune_id
left join communes on communes.commune_id = areas.commune_id
order by indicator_periods.period_kind, areas.period_id, areas.geography, areas.area_level,
    communes.commune_code
