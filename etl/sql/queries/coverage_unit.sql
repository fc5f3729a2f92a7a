-- reporting units of one period: district units first, then commune units by commune
select * from unit_reporting
where period_id = $period_id
order by commune_id nulls first, unit_kind, unit_id
