-- the whole Chợ Đồn area in one period: its figures are the same in both geographies, so the
-- 2020 row (the district as it was)
select * from district_coverage
where period_id = $period_id and geography = '2020'
