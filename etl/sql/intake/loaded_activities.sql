-- one row per activity row without errors, of every submission (staging keeps the active ones)
with rejected as (
    select distinct receipt_no, source_row from problems
    where severity = 'error'
),

source as (
    select resolved.*, submissions.file_name as source_file,
    from resolved
    inner join submission_order as submissions using (submission_id)
    anti join rejected using (receipt_no, source_row)
    where resolved.kind = 'activity'
),

cleaned as (
    select
        submission_id || ':' || source_row as activity_id,
        submission_id,
        source_file,
        source_row,
        lead_unit_id,
        lead_unit_kind,
        coalesce(string_split(nullif(partner_kinds, ''), ';'), []::varchar[]) as partner_kinds,
        start_on as start_date,
        coalesce(end_on, start_on) as end_date,
        activity_type_code as activity_type,
        coverage,
        audience_code as audience,
        if(activity_type_code = 'online', null, commune_id) as commune_id,
        if(activity_type_code = 'online', null, village_id) as village_id,
        if(activity_type_code = 'online', null, school_id) as school_id,
        case
            when activity_type_code = 'online' then 'online'
            when school_id is not null then 'school'
            when village_id is not null then 'village'
            when commune_id is not null then 'commune'
            else 'district'
        end as place_scope,
        participants_n as participants,
        children_n as children,
        if(activity_type_code = 'online', null, lat) as lat,
        if(activity_type_code = 'online', null, lon) as lon,
    from source
)

select * from cleaned
