-- one row per activity row repeating an earlier one: in its own submission, or in an earlier
-- active submission (same unit, dates, type, audience, place, counts and description); rows
-- are compared exactly, among those sharing a hash of these values
with rejected as (
    select distinct receipt_no, source_row from problems
    where severity = 'error'
),

source as (
    select
        resolved.receipt_no,
        resolved.source_row,
        resolved.submission_id,
        resolved.start_date,
        resolved.lead_unit_id,
        resolved.start_on,
        resolved.end_on,
        resolved.activity_type_code,
        resolved.audience_code,
        resolved.commune_id,
        resolved.village_id,
        resolved.school_id,
        resolved.participants_n,
        resolved.children_n,
        resolved.content_hash,
        submissions.sub_order,
        submissions.status,
        submissions.file_name,
        hash(
            resolved.lead_unit_id, resolved.start_on, resolved.end_on,
            resolved.activity_type_code, resolved.audience_code, resolved.commune_id,
            resolved.village_id, resolved.school_id, resolved.participants_n,
            resolved.children_n, resolved.content_hash
        ) as same_hash,
    from resolved
    inner join submission_order as submissions using (submission_id)
    anti join rejected using (receipt_no, source_row)
    where resolved.kind = 'activity'
),

repeated as (
    select same_hash from source
    group by same_hash
    having count(*) > 1
),

candidates as (
    select * from source
    where same_hash in (select same_hash from repeated)
),

in_file as (
    select
        *,
        row_number() over same_row as repeat_no,
        first_value(source_row) over same_row as first_row,
    from candidates
    window same_row as (
        partition by submission_id, lead_unit_id, start_on, end_on, activity_type_code,
            audience_code, commune_id, village_id, school_id, participants_n, children_n,
            content_hash
        order by source_row
    )
),

across as (
    select
        *,
        first_value(submission_id) over same_row as first_submission,
        first_value(source_row) over same_row as first_row_elsewhere,
        first_value(file_name) over same_row as first_file,
    from in_file
    where repeat_no = 1 and status = 'active'
    window same_row as (
        partition by lead_unit_id, start_on, end_on, activity_type_code, audience_code,
            commune_id, village_id, school_id, participants_n, children_n, content_hash
        order by sub_order, source_row
    )
)

select
    receipt_no, source_row, submission_id, 'start_date' as column_name, start_date as value,
    'duplicate_in_file' as problem, json_object('row', first_row)::varchar as fields,
    'error' as severity,
from in_file
where repeat_no > 1
union all
select
    receipt_no, source_row, submission_id, 'start_date', start_date, 'duplicate_across_files',
    json_object('row', first_row_elsewhere, 'file', first_file, 'submission', first_submission)
        ::varchar,
    'error',
from across
where first_submission != submission_id
