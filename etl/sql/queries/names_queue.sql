-- the review queue for `python -m etl names queue`, oldest row first
select
    submission_id,
    source_row,
    field,
    value,
    commune_name,
    start_on,
    unit_name_vi,
    unit_name_en,
    review_status,
    locked_period,
    list_slice(candidate_ids, 1, suggested) as suggested_ids,
    list_slice(candidate_names, 1, suggested) as suggested_names,
    len(candidate_ids) as offered,
from review_queue
order by start_on, submission_id, source_row, field
