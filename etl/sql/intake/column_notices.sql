-- one notice per column a report fills but the import does not read (unused_columns, from
-- etl.reports.header's Layout.unused): on the header row, in the report's first submission,
-- named by its header, or by its letter when it has none
select
    columns.receipt_no,
    columns.source_row,
    firsts.submission_id,
    coalesce(nullif(columns.header, ''), columns.letter) as column_name,
    nullif(columns.header, '') as value,
    if(columns.header = '', 'column_untitled', 'column_unused') as problem,
    json_object('letter', columns.letter)::varchar as fields,
    'notice' as severity,
from unused_columns as columns
inner join assign_rest as firsts using (receipt_no)
