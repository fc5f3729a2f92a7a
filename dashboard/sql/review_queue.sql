-- the rows waiting for a reviewer's choice of a place, oldest first (page "Duyệt tên")
select
    submission_id,
    source_row,
    field,
    value,
    commune_name,
    start_on,
    unit_name_vi,
    unit_name_en,
    period,
    file_name,
    suggested,
    candidate_ids,
    candidate_names,
    locked_period,
    chosen_place_name,
    chosen_by,
    review_status,
from review_queue
order by start_on, submission_id, source_row, field
