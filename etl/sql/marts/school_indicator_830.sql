-- one row per school year per geography per area (each commune, and the whole district with
-- area_level = 'district'): Decision 830's school indicator, the share of schools that held at
-- least one session in every semester of the school year (semesters: etl/reference/semesters.csv),
-- against the 100 % target
with source as (
    select * from school_coverage
    where period_kind = 'semester'
),

school_years as (
    select * from raw_periods
    where period_kind = 'school_year'
),

semesters as (
    select
        school_year_id,
        count(*) as semesters,
    from raw_periods
    where period_kind = 'semester'
    group by school_year_id
),

cleaned as (
    select
        school_year_id,
        semester,
        geography,
        commune_id,
        commune_code,
        commune_name,
        school_id,
        sessions > 0 as held_session,
    from source
),

per_school as (
    select
        cleaned.school_year_id,
        cleaned.geography,
        cleaned.commune_id,
        cleaned.school_id,
        count(*) filter (where cleaned.held_session) = any_value(semesters.semesters)
            as every_semester,
    from cleaned
    inner join semesters using (school_year_id)
    group by all
),

per_semester as (
    select
        school_year_id,
        geography,
        commune_id,
        semester,
        count(*) filter (where held_session) as schools_with_session,
    from cleaned
    group by all
),

areas as (
    select
        per_school.school_year_id,
        per_school.geography,
        'commune' as area_level,
        per_school.commune_id,
        count(*) as schools,
        count(*) filter (where per_school.every_semester) as schools_every_semester,
    from per_school
    group by all
    union all
    select
        school_year_id,
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
        school_year_id,
        geography,
        'commune' as area_level,
        commune_id,
        map_from_entries(list((semester, schools_with_session) order by semester))
            as schools_by_semester,
    from per_semester
    group by all
    union all
    select
        school_year_id,
        geography,
        'district',
        null,
        map_from_entries(list((semester, schools_with_session) order by semester)),
    from (
        select
            school_year_id,
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
    areas.school_year_id as period_id,
    school_years.period_start,
    school_years.period_end,
    school_years.is_open,
    areas.geography,
    areas.area_level,
    areas.commune_id,
    communes.commune_code,
    communes.commune_name,
    areas.schools,
    semester_counts.schools_by_semester,
    areas.schools_every_semester,
    round(100.0 * areas.schools_every_semester / areas.schools, 1) as share_pct,
    100.0::double as target_pct,
    areas.schools_every_semester = areas.schools as target_met,
from areas
inner join school_years on school_years.period_id = areas.school_year_id
left join semester_counts
    on semester_counts.school_year_id = areas.school_year_id
    and semester_counts.geography = areas.geography
    and semester_counts.area_level = areas.area_level
    and semester_counts.commune_id is not distinct from areas.commune_id
left join communes on communes.commune_id = areas.commune_id
order by period_id, areas.geography, areas.area_level, communes.commune_code
