-- the name a row of the review queue waits on, and the places offered for it ($field null:
-- the row's first waiting name)
select field, value, commune_id, candidate_ids, candidate_names,
from review_queue
where submission_id = $submission_id
    and source_row = $source_row
    and (cast($field as varchar) is null or field = $field)
    and review_status = 'waiting'
order by field
limit 1
