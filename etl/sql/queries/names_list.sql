-- the reviewers' choices for `python -m etl names list`, newest first (times in the
-- machine's time zone)
select
    choice_id,
    field,
    typed,
    commune_name,
    place_name,
    place_id,
    chosen_by,
    cast(chosen_at as timestamp) as chosen_at,
    in_force,
    revoked_by,
    cast(revoked_at as timestamp) as revoked_at,
from name_choice_list
order by chosen_at desc, choice_id desc
