-- the rows that counted in the submissions that the submissions of $receipts replaced: one row
-- per earlier row, with the day, the activity type, the place, and the row of the new file that
-- is the same activity (same dates, type, audience, place and counts), if one is
with replacing as (
    select submission_id from raw_submissions
    where list_contains(cast($receipts as varchar[]), receipt_id)
),

replaced as (
    select
        earlier.submission_id as earlier_id,
        replacing.submission_id,
    from raw_submissions as earlier
    inner join replacing on replacing.submission_id = cast(earlier.superseded_by as varchar)
),

earlier_rows as (
    select activities.*, replaced.submission_id as replaced_by,
    from raw_activities as activities
    inner join replaced on replaced.earlier_id = activities.submission_id
),

new_rows as (
    select activities.*,
    from raw_activities as activities
    inner join replacing using (submission_id)
),

matched as (
    select
        earlier_rows.replaced_by as submission_id,
        earlier_rows.submission_id as earlier_id,
        earlier_rows.source_row,
        earlier_rows.start_date,
        earlier_rows.activity_type,
        earlier_rows.commune_id,
        earlier_rows.village_id,
        earlier_rows.school_id,
        min(new_rows.source_row) as same_row,
    from earlier_rows
    left join new_rows
        on new_rows.submission_id = earlier_rows.replaced_by
        and new_rows.lead_unit_id = earlier_rows.lead_unit_id
        and new_rows.start_date = earlier_rows.start_date
        and new_rows.end_date = earlier_rows.end_date
        and new_rows.activity_type = earlier_rows.activity_type
        and new_rows.audience is not distinct from earlier_rows.audience
        and new_rows.commune_id is not distinct from earlier_rows.commune_id
        and new_rows.village_id is not distinct from earlier_rows.village_id
        and new_rows.school_id is not distinct from earlier_rows.school_id
        and new_rows.participants is not distinct from earlier_rows.participants
        and new_rows.children is not distinct from earlier_rows.children
    group by all
)

select
    matched.submission_id,
    matched.earlier_id,
    matched.source_row,
    matched.start_date,
    types.name_vi as activity_vi,
    types.name_en as activity_en,
    coalesce(schools.school_name, villages.village_name, communes.full_name) as place,
    matched.same_row,
from matched
left join ref_activity_types as types on types.activity_type = matched.activity_type
left join (
    select school_id, any_value(school_name) as school_name from stg_schools group by school_id
) as schools on schools.school_id = matched.school_id
left join (
    select village_id, any_value(village_name) as village_name from stg_villages
    group by village_id
) as villages on villages.village_id = matched.village_id
left join stg_communes as communes on communes.commune_id = matched.commune_id
order by matched.submission_id, matched.earlier_id, matched.source_row
