-- one notice per row repeating the header (a printed sheet repeats it at each page break):
-- skipped, never read as an activity, and said so on the row
select
    receipt_no,
    source_row,
    submission_id,
    'start_date' as column_name,
    start_date as value,
    'repeated_header' as problem,
    json_object('row', source_row)::varchar as fields,
    'notice' as severity,
from resolved
where kind = 'header'
