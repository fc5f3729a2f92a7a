-- one row: the display name of one reporting unit in both languages, "<unit kind> – <commune>"
-- for a commune's unit; its id when it is not on the roster
select
    coalesce(any_value(unit_name_vi), $unit_id, '') as unit_name_vi,
    coalesce(any_value(unit_name_en), $unit_id, '') as unit_name_en,
from unit_roster
where unit_id = $unit_id
