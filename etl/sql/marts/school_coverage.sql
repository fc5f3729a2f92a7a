-- one row per school per period per geography: reached when at least one activity took place at
-- the school; sessions are its direct activities (Decision 830 counts those)
with source as (
    select * from stg_schools
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

cleaned as (
    select
        cast(school_id as varchar) as school_id,
        cast(commune_id as varchar) as commune_id_2020,
        cast(school_name as varchar) as school_name,
        cast(school_level as varchar) as school_level,
        cast(village_id as varchar) as village_id,
        cast(students as integer) as students,
        cast(lat as double) as lat,
        cast(lon as double) as lon,
        cast(location_approx as boolean) as location_approx,
    from source
),

school_periods as (
    select
        periods.period_id,
        periods.period_kind,
        periods.period_start,
        periods.period_end,
        periods.as_of_date,
        periods.school_year_id,
        periods.semester,
        cleaned.*,
    from periods
    cross join cleaned
),

at_school as (
    select
        period_id,
        school_id,
        (sum(activities))::bigint as activities,
        (sum(activities) filter (where coverage = 'direct'))::bigint as sessions,
        bit_or(unit_kinds_mask) as unit_kinds_mask,
        (sum(participants_children))::bigint as participants_children,
        (sum(participants_parents))::bigint as participants_parents,
        (sum(participants_teachers))::bigint as participants_teachers,
        (sum(participants_officials))::bigint as participants_officials,
        (sum(participants_media))::bigint as participants_media,
        (sum(participants_community))::bigint as participants_community,
        (sum(participants_total))::bigint as participants_total,
        (sum(children_reached))::bigint as children_reached,
    from activities
    where school_id is not null
    group by period_id, school_id
),

-- the latest activity at the school on or before each atom's last day (as_of_date is one)
by_atom as (
    select
        school_id,
        atom_end,
        max(last_start_date) as last_date,
    from activity_atoms
    where school_id is not null
    group by school_id, atom_end
),

last_activity as (
    select
        grid.school_id,
        grid.atom_end as as_of_date,
        max(by_atom.last_date) over (
            partition by grid.school_id order by grid.atom_end
        ) as last_activity_date,
    from (
        select cleaned.school_id, atom_ends.atom_end
        from cleaned
        cross join (select distinct atom_end from raw_period_atoms) as atom_ends
    ) as grid
    left join by_atom using (school_id, atom_end)
),

measured as (
    select
        school_periods.*,
        coalesce(at_school.activities, 0) > 0 as reached,
        coalesce(at_school.activities, 0) as activities,
        coalesce(at_school.sessions, 0) as sessions,
        unit_kinds_in_mask(coalesce(at_school.unit_kinds_mask, 0)) as unit_kinds,
        at_school.* exclude (period_id, school_id, activities, sessions, unit_kinds_mask),
        last_activity.last_activity_date,
        school_periods.as_of_date - last_activity.last_activity_date as days_since_activity,
    from school_periods
    left join at_school using (period_id, school_id)
    left join last_activity using (school_id, as_of_date)
),

geographies as (
    select * from commune_geographies
)

select
    measured.period_id,
    measured.period_kind,
    measured.period_start,
    measured.period_end,
    measured.as_of_date,
    measured.school_year_id,
    measured.semester,
    geographies.geography,
    geographies.commune_id,
    communes.commune_code,
    communes.commune_name,
    measured.commune_id_2020,
    measured.school_id,
    measured.school_name,
    measured.school_level,
    measured.village_id,
    measured.reached,
    measured.activities,
    measured.sessions,
    measured.unit_kinds,
    measured.participants_children,
    measured.participants_parents,
    measured.participants_teachers,
    measured.participants_officials,
    measured.participants_media,
    measured.participants_community,
    measured.participants_total,
    measured.children_reached,
    measured.last_activity_date,
    measured.days_since_activity,
    measured.students,
    measured.lat,
    measured.lon,
    measured.location_approx,
from measured
inner join geographies using (commune_id_2020)
left join communes on communes.commune_id = geographies.commune_id
