-- the figures a period lock holds (etl/reports/locks.py: fingerprint): one JSON line per mart row
-- of period $period_id, both geographies, in a stable order; JSON keeps null apart from 0. Left
-- out: villages not applicable in the period (a village valid only later is no figure of it) and
-- their count; the commune boundaries shown on its maps (no period: every lock holds them)
with villages as (
    select to_json(v) as line
    from (
        select * exclude (is_applicable)
        from village_coverage
        where period_id = $period_id and is_applicable
    ) as v
),

schools as (
    select to_json(s) as line
    from (select * from school_coverage where period_id = $period_id) as s
),

communes as (
    select to_json(c) as line
    from (
        select * exclude (villages_not_applicable)
        from commune_coverage
        where period_id = $period_id
    ) as c
),

district as (
    select to_json(d) as line
    from (select * from district_coverage where period_id = $period_id) as d
),

units as (
    select to_json(u) as line
    from (select * from unit_reporting where period_id = $period_id) as u
),

decision830 as (
    select to_json(i) as line
    from (select * from school_indicator_830 where period_id = $period_id) as i
),

boundaries as (
    select to_json(b) as line
    from (select * exclude (geom) from commune_boundaries) as b
)

select 'village_coverage' as part, line::varchar as line from villages
union all
select 'school_coverage', line::varchar from schools
union all
select 'commune_coverage', line::varchar from communes
union all
select 'district_coverage', line::varchar from district
union all
select 'unit_reporting', line::varchar from units
union all
select 'school_indicator_830', line::varchar from decision830
union all
select 'commune_boundaries', line::varchar from boundaries
order by part, line
