-- one row per imported master-list file: villages or schools, how many, how many placed approx.
select
    'villages' as list_kind,
    source_file,
    count(*) as places,
    count(*) filter (where location_approx) as approx_points,
from village_list
group by source_file
union all
select
    'schools',
    source_file,
    count(*),
    count(*) filter (where location_approx),
from school_list
group by source_file
order by list_kind desc, source_file
