-- one row: the district's headline counts
select
    (select count(*) from commune_map) as communes,
    coalesce(sum(activities), 0) as activities,
    coalesce(sum(participants), 0) as participants,
from commune_monthly_activity
