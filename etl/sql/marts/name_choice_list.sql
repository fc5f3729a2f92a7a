-- one row per reviewer's choice of a place for a typed name, in force or revoked, newest first
-- (page "Duyệt tên", `python -m etl names list`): who chose, when, and who revoked it; a
-- commune chosen names no commune of its own (commune_name '—')
with choices as (
    select * from stg_name_choices
),

communes as (
    select * from stg_communes
)

select
    choices.choice_id,
    choices.field,
    choices.typed,
    choices.commune_id,
    coalesce(communes.full_name, choices.commune_id, '—') as commune_name,
    choices.place_id,
    choices.place_name,
    choices.chosen_by,
    choices.chosen_at,
    choices.in_force,
    choices.revoked_by,
    choices.revoked_at,
from choices
left join communes on communes.commune_id = choices.commune_id
order by choices.chosen_at desc, choices.choice_id desc
