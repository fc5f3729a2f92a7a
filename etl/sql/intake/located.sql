-- one row per report row: what kind of row it is, its dates, lead unit, activity type and
-- commune (the lead unit's own when the row names none)
with source as (
    select * from report_rows
),

totals as (
    select receipt_no, min(source_row) as total_row
    from row_kinds
    where kind = 'total'
    group by receipt_no
),

located as (
    select
        source.*,
        starts.day as start_on,
        ends.day as end_on,
        case
            when coalesce(
                source.row_number, source.start_date, source.end_date, source.lead_unit,
                source.partners, source.activity_type, source.audience, source.commune,
                source.village, source.school, source.participants, source.children,
                source.content, source.latitude, source.longitude, source.note
            ) is null then 'blank'
            when source.source_row > totals.total_row then 'footer'
            when types.code = 'none_declared' then 'declaration'
            else coalesce(row_kinds.kind, 'activity')
        end as kind,
        types.code as activity_type_code,
        types.problem as activity_type_problem,
        types.fields as activity_type_fields,
        units.unit_id as lead_unit_id,
        units.unit_kind as lead_unit_kind,
        units.problem as lead_unit_problem,
        units.fields as lead_unit_fields,
        units.read_as as lead_unit_read_as,
        coalesce(
            communes.commune_id,
            case when source.commune is null or communes.blank then units.unit_commune_id end
        ) as commune_id,
        communes.problem as commune_problem,
        communes.fields as commune_fields,
        communes.read_as as commune_read_as,
    from source
    left join lk_dates as starts on starts.date_text = source.start_date
    left join lk_dates as ends on ends.date_text = source.end_date
    left join row_kinds using (receipt_no, source_row)
    left join totals using (receipt_no)
    left join lk_type as types on types.activity_type = source.activity_type
    left join lk_unit as units
        on units.lead_unit = source.lead_unit
        and units.start_on is not distinct from starts.day
    left join lk_commune as communes
        on communes.commune = source.commune
        and communes.start_on is not distinct from starts.day
)

select * from located
