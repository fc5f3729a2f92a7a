-- every problem found in the rows of the receipts in $receipts: rejected rows (severity
-- 'error') and notices, in the order a clerk reads the file
select
    problems.file_name,
    problems.submission_id,
    problems.source_row,
    problems.column_name,
    problems.value,
    problems.reason_vi,
    problems.reason_en,
    problems.severity,
from raw_row_problems as problems
inner join raw_submissions as submissions using (submission_id)
where list_contains(cast($receipts as varchar[]), submissions.receipt_id)
order by problems.file_name, problems.submission_id, problems.source_row, problems.column_name
