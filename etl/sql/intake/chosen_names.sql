-- one notice per activity row whose commune, village or school was placed by a reviewer's
-- choice (etl.reports.name_choices): the row loads, and its report says who read the name so
select
    resolved.receipt_no,
    resolved.source_row,
    resolved.submission_id,
    'commune' as column_name,
    resolved.commune as value,
    'name_chosen' as problem,
    communes.chosen as fields,
    'notice' as severity,
from resolved
inner join lk_commune as communes
    on communes.commune = resolved.commune
    and communes.start_on is not distinct from resolved.start_on
where resolved.kind = 'activity' and communes.chosen is not null
union all
select
    resolved.receipt_no,
    resolved.source_row,
    resolved.submission_id,
    'village',
    resolved.village,
    'name_chosen',
    villages.chosen,
    'notice',
from resolved
inner join lk_village as villages
    on villages.commune_id = resolved.commune_id
    and villages.village = resolved.village
    and villages.start_on is not distinct from resolved.start_on
where resolved.kind = 'activity' and villages.chosen is not null
union all
select
    resolved.receipt_no,
    resolved.source_row,
    resolved.submission_id,
    'school',
    resolved.school,
    'name_chosen',
    schools.chosen,
    'notice',
from resolved
inner join lk_school as schools
    on schools.commune_id = resolved.commune_id
    and schools.school = resolved.school
    and schools.start_on is not distinct from resolved.start_on
where resolved.kind = 'activity' and schools.chosen is not null
