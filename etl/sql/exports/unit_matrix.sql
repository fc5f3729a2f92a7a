-- commune × unit kind for a period and geography: activities the kind led or joined there
select
    kinds.commune_id,
    kinds.unit_kind,
    kinds.activities,
    kinds.led_activities,
from commune_unit_activity as kinds
where kinds.period_id = $period_id and kinds.geography = $geography
order by kinds.commune_id, kinds.unit_kind
