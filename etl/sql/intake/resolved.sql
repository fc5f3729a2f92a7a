-- one row per report row with every name resolved, counts and coordinates parsed, and the
-- submission it belongs to. Descriptions and notes are not kept: only a hash of the description
-- (to find repeated rows) and whether either held a phone or ID number (masked in report_rows
-- by etl.reports.privacy before any check: the mask is what is left of it).
with source as (
    select * from located
),

resolved as (
    select
        source.* exclude (content, note),
        hash(source.content) as content_hash,
        coalesce(contains(source.content, $mask), false) as content_personal,
        coalesce(contains(source.note, $mask), false) as note_personal,
        coalesce(assigned.submission_id, fallback.submission_id) as submission_id,
        receipts.received_on,
        receipts.reporter_unit,
        receipts.reporter_unit_name,
        audiences.code as audience_code,
        audiences.problem as audience_problem,
        audiences.fields as audience_fields,
        partners.kinds as partner_kinds,
        partners.problem as partners_problem,
        partners.fields as partners_fields,
        partners.read_as as partners_read_as,
        villages.village_id,
        villages.problem as village_problem,
        villages.fields as village_fields,
        villages.read_as as village_read_as,
        schools.school_id,
        schools.problem as school_problem,
        schools.fields as school_fields,
        schools.read_as as school_read_as,
        types.coverage,
        typed_count(source.participants, $count_pattern, $count_separators) as participants_n,
        typed_count(source.children, $count_pattern, $count_separators) as children_n,
        try_cast(replace(source.latitude, ',', '.') as double) as lat,
        try_cast(replace(source.longitude, ',', '.') as double) as lon,
    from source
    left join assign_unit as assigned
        on assigned.receipt_no = source.receipt_no
        and assigned.unit_id = source.lead_unit_id
    left join assign_rest as fallback on fallback.receipt_no = source.receipt_no
    left join receipt_days as receipts on receipts.receipt_no = source.receipt_no
    left join lk_audience as audiences on audiences.audience = source.audience
    left join lk_partner as partners
        on partners.partners = source.partners
        and partners.start_on is not distinct from source.start_on
    left join lk_village as villages
        on villages.commune_id = source.commune_id
        and villages.village = source.village
        and villages.start_on is not distinct from source.start_on
    left join lk_school as schools
        on schools.commune_id = source.commune_id
        and schools.school = source.school
        and schools.start_on is not distinct from source.start_on
    left join ref_activity_types as types on types.activity_type = source.activity_type_code
    where source.kind != 'blank'
)

select * from resolved
