-- one row per report row with every name resolved and the submission it belongs to
with source as (
    select * from located
),

resolved as (
    select
        source.*,
        coalesce(assigned.submission_id, fallback.submission_id) as submission_id,
        receipts.received_on,
        audiences.code as audience_code,
        audiences.problem as audience_problem,
        audiences.fields as audience_fields,
        partners.kinds as partner_kinds,
        partners.problem as partners_problem,
        partners.fields as partners_fields,
        villages.village_id,
        villages.problem as village_problem,
        villages.fields as village_fields,
        schools.school_id,
        schools.problem as school_problem,
        schools.fields as school_fields,
        types.coverage,
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
    left join ref_activity_types as types on types.activity_type = source.activity_type_code
)

select * from resolved
