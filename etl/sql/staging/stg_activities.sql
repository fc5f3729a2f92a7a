-- one row per loaded activity of an active submission
with source as (
    select * from raw_activities
),

submissions as (
    select * from stg_submissions
    where status = 'active'
),

communes as (
    select * from stg_communes
),

cleaned as (
    select
        cast(source.activity_id as varchar) as activity_id,
        cast(source.submission_id as varchar) as submission_id,
        cast(source.lead_unit_id as varchar) as lead_unit_id,
        cast(source.lead_unit_kind as varchar) as lead_unit_kind,
        cast(source.partner_kinds as varchar[]) as partner_kinds,
        cast(source.start_date as date) as start_date,
        cast(source.end_date as date) as end_date,
        cast(source.activity_type as varchar) as activity_type,
        cast(source.coverage as varchar) as coverage,
        cast(source.audience as varchar) as audience,
        cast(source.commune_id as varchar) as commune_id,
        communes.commune_code,
        cast(source.village_id as varchar) as village_id,
        cast(source.school_id as varchar) as school_id,
        cast(source.place_scope as varchar) as place_scope,
        cast(source.participants as integer) as participants,
        cast(source.children as integer) as children,
        cast(source.lat as double) as lat,
        cast(source.lon as double) as lon,
        cast(source.source_file as varchar) as source_file,
        cast(source.source_row as integer) as source_row,
    from source
    inner join submissions using (submission_id)
    left join communes on communes.commune_id = source.commune_id
)

select * from cleaned
