-- commune × unit kind for a period and geography: activities the kind led or joined there, and
-- the commune's expected kinds that did nothing (missing_unit_kinds, alternatives joined by |)
select
    communes.commune_id,
    communes.commune_code,
    communes.commune_name,
    communes.missing_unit_kinds,
    kinds.unit_kind,
    kinds.activities,
    kinds.led_activities,
from commune_coverage as communes
left join commune_unit_activity as kinds
    on kinds.period_id = communes.period_id
    and kinds.geography = communes.geography
    and kinds.commune_id = communes.commune_id
where communes.period_id = $period_id and communes.geography = $geography
order by communes.commune_code, kinds.unit_kind
