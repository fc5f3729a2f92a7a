-- villages of one period and geography, by commune code and village name
select * from village_coverage
where period_id = $period_id and geography = $geography
order by commune_code, village_name, village_id
