-- Decision 830's school indicator for one school year and geography: communes, then the district
select * from school_indicator_830
where period_id = $period_id and geography = $geography
order by area_level, commune_code
