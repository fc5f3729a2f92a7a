-- commune × audience for a period and geography: activities and participants (a commune with no
-- row for an audience had no activity for it)
select
    communes.commune_id,
    communes.commune_code,
    communes.commune_name,
    audiences.audience,
    audiences.activities,
    audiences.participants,
from commune_coverage as communes
left join commune_audience as audiences
    on audiences.period_id = communes.period_id
    and audiences.geography = communes.geography
    and audiences.commune_id = communes.commune_id
where communes.period_id = $period_id and communes.geography = $geography
order by communes.commune_code, audiences.audience
