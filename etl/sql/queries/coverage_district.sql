-- the whole Chợ Đồn area in one period
select * from district_coverage
where period_id = $period_id
