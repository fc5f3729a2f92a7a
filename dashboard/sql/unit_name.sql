-- one row: the display name of one reporting unit in both languages, "<unit kind> – <commune>"
-- for a commune's unit (unit ids are '<kind>' or '<kind>:<epoch>:<code>')
with unit as (
    select
        split_part($unit_id, ':', 1) as unit_kind,
        nullif(regexp_extract($unit_id, '^[a-z_]+:(.+)$', 1), '') as commune_id,
)

select
    coalesce(unit_kinds.name_vi, $unit_id, '')
        || coalesce(' – ' || communes.full_name, '') as unit_name_vi,
    coalesce(unit_kinds.name_en, $unit_id, '')
        || coalesce(' – ' || communes.full_name, '') as unit_name_en,
from unit
left join ref_unit_kinds as unit_kinds on unit_kinds.unit_kind = unit.unit_kind
left join stg_communes as communes on communes.commune_id = unit.commune_id
