-- villages of one period and geography, highest priority first
select * from village_priority
where period_id = $period_id and geography = $geography
order by priority_rank, commune_code, village_name, village_id
