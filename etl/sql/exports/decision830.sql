-- Decision 830's school indicator for every school year that overlaps the period: the whole
-- area first, then each commune
select
    indicator.period_id as school_year,
    indicator.is_open,
    indicator.area_level,
    indicator.commune_code,
    indicator.commune_name,
    indicator.schools,
    indicator.schools_every_semester,
    indicator.share_pct,
    indicator.target_pct,
    indicator.target_met,
from school_indicator_830 as indicator
inner join coverage_periods as periods
    on indicator.period_start <= periods.period_end
    and indicator.period_end >= periods.period_start
where periods.period_id = $period_id
    and indicator.geography = $geography
    and indicator.period_kind = 'school_year'
order by indicator.period_start, indicator.area_level desc, indicator.commune_code
