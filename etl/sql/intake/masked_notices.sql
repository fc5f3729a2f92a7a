-- one row per description or note that held a phone or ID number (masked when stored)
with source as (
    select * from resolved
    where kind = 'activity'
),

cells as (
    select receipt_no, source_row, submission_id, 'content' as column_name, content as text,
    from source
    where content is not null
    union all
    select receipt_no, source_row, submission_id, 'note', note from source where note is not null
)

select
    receipt_no,
    source_row,
    submission_id,
    column_name,
    null::varchar as value,
    'personal_data_masked' as problem,
    null::varchar as fields,
    'notice' as severity,
from cells
where contains(text, $mask)
    or regexp_matches(text, $phone_pattern)
    or regexp_matches(text, $citizen_id_pattern)
