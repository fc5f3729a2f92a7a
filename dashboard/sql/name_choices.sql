-- reviewers' choices of a place for a typed name, newest first (page "Duyệt tên")
select
    choice_id,
    field,
    typed,
    commune_name,
    place_name,
    chosen_by,
    chosen_at,
    in_force,
    revoked_by,
    revoked_at,
from name_choice_list
order by chosen_at desc, choice_id desc
