-- per receipt, lead unit and start day: how many activity rows and "no activities" rows, and
-- whether the day lies between $earliest and the day the report was received (the days a
-- report's period is inferred from)
select
    located.receipt_no,
    located.lead_unit_id,
    located.start_on,
    located.start_on between $earliest and receipts.received_on as in_range,
    count(*) filter (where located.kind = 'activity') as activities,
    count(*) filter (where located.kind = 'declaration') as declarations,
from located
inner join receipt_days as receipts using (receipt_no)
where located.kind in ('activity', 'declaration')
group by all
