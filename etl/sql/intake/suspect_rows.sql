-- the rows that may not be activities: no readable start date, no lead unit or no activity type,
-- yet something in them (etl.reports.validate.classify_rows tells blank, total and
-- "no activities" rows apart by their text keys)
select
    rows.receipt_no,
    rows.source_row,
    rows.row_number,
    rows.start_date,
    rows.end_date,
    rows.lead_unit,
    rows.partners,
    rows.activity_type,
    rows.audience,
    rows.commune,
    rows.village,
    rows.school,
    rows.participants,
    rows.children,
    rows.content,
    rows.note,
from report_rows as rows
left join lk_dates as dates on dates.date_text = rows.start_date
where (dates.day is null or rows.lead_unit is null or rows.activity_type is null)
    and coalesce(rows.row_number, rows.start_date, rows.end_date, rows.lead_unit, rows.partners,
        rows.activity_type, rows.audience, rows.commune, rows.village, rows.school,
        rows.participants, rows.children, rows.content, rows.note) is not null
