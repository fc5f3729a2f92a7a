-- schools of one period and geography, by commune code and school name
select * from school_coverage
where period_id = $period_id and geography = $geography
order by commune_code, school_name, school_id
