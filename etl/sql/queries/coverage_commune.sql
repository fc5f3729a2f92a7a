-- communes of one period and geography, by code
select * from commune_coverage
where period_id = $period_id and geography = $geography
order by commune_code
