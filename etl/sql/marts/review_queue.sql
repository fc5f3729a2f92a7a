-- one row per commune, village or school name of an active submission's row that could not be
-- placed and waits for a reviewer (page "Duyệt tên", `python -m etl names queue`): the row as
-- typed, its unit, period and commune (none for a commune name), the places offered (the first
-- `suggested` are the suggestions), and, when a choice in force could not bring the row in, the
-- lock that keeps it out
with waiting as (
    select * from stg_waiting_rows
),

submissions as (
    select * from submission_history
    where status = 'active'
),

communes as (
    select * from stg_communes
),

locks as (
    select * from stg_period_locks
),

choices as (
    select * from stg_name_choices
    where in_force
),

locked as (
    select
        waiting.submission_id,
        waiting.source_row,
        waiting.field,
        min(locks.period) as locked_period,
    from waiting
    inner join locks on waiting.start_on between locks.period_start and locks.period_end
    group by waiting.submission_id, waiting.source_row, waiting.field
)

select
    waiting.submission_id,
    waiting.source_row,
    waiting.field,
    waiting.value,
    waiting.problem,
    waiting.commune_id,
    coalesce(communes.full_name, waiting.commune_id, '—') as commune_name,
    waiting.start_on,
    submissions.unit_id,
    submissions.unit_name_vi,
    submissions.unit_name_en,
    submissions.period,
    submissions.file_name,
    waiting.suggested,
    waiting.candidate_ids,
    waiting.candidate_names,
    locked.locked_period,
    choices.choice_id,
    choices.place_name as chosen_place_name,
    choices.chosen_by,
    if(choices.choice_id is null or locked.locked_period is null, 'waiting', 'held_by_lock')
        as review_status,
from waiting
inner join submissions using (submission_id)
left join communes on communes.commune_id = waiting.commune_id
left join locked using (submission_id, source_row, field)
left join choices
    on choices.field = waiting.field
    and choices.commune_id is not distinct from waiting.commune_id
    and choices.name_key = waiting.name_key
order by waiting.start_on, waiting.submission_id, waiting.source_row, waiting.field
