-- the reviewers' choices for `python -m etl names list`, newest first
select
    choice_id,
    field,
    typed,
    commune_name,
    place_name,
    place_id,
    chosen_by,
    chosen_at,
    in_force,
    revoked_by,
    revoked_at,
from name_choice_list
order by chosen_at desc, choice_id desc
