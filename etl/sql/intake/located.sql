-- one row per report row: its kind, lead unit and commune (the unit's own when none is named)
with source as (
    select * from parsed
),

totals as (
    select receipt_no, min(source_row) as total_row
    from row_kinds
    where kind = 'total'
    group by receipt_no
),

kinds as (
    select
        source.*,
        case
            when source.is_blank then 'blank'
            when source.source_row > totals.total_row then 'footer'
            when types.code = 'none_declared' then 'declaration'
            else coalesce(row_kinds.kind, 'activity')
        end as kind,
        types.code as activity_type_code,
        types.problem as activity_type_problem,
        types.fields as activity_type_fields,
    from source
    left join row_kinds using (receipt_no, source_row)
    left join totals using (receipt_no)
    left join lk_type as types on types.activity_type = source.activity_type
),

located as (
    select
        kinds.*,
        units.unit_id as lead_unit_id,
        units.unit_kind as lead_unit_kind,
        units.problem as lead_unit_problem,
        units.fields as lead_unit_fields,
        coalesce(communes.commune_id, case when kinds.commune is null then units.unit_commune_id end)
            as commune_id,
        communes.problem as commune_problem,
        communes.fields as commune_fields,
    from kinds
    left join lk_unit as units
        on units.lead_unit = kinds.lead_unit
        and units.start_on is not distinct from kinds.start_on
    left join lk_commune as communes
        on communes.commune = kinds.commune
        and communes.start_on is not distinct from kinds.start_on
)

select * from located
