-- one row per report row below the header: cells trimmed (blank = null), values parsed
with source as (
    select * from report_rows
),

cleaned as (
    select
        receipt_no,
        source_row,
        nullif(trim(row_number), '') as row_number,
        nullif(trim(start_date), '') as start_date,
        nullif(trim(end_date), '') as end_date,
        nullif(trim(lead_unit), '') as lead_unit,
        nullif(trim(partners), '') as partners,
        nullif(trim(activity_type), '') as activity_type,
        nullif(trim(audience), '') as audience,
        nullif(trim(commune), '') as commune,
        nullif(trim(village), '') as village,
        nullif(trim(school), '') as school,
        nullif(trim(participants), '') as participants,
        nullif(trim(children), '') as children,
        nullif(trim(content), '') as content,
        nullif(trim(latitude), '') as latitude,
        nullif(trim(longitude), '') as longitude,
        nullif(trim(note), '') as note,
    from source
),

parsed as (
    select
        *,
        coalesce(
            try_strptime(start_date, $date_formats)::date,
            case when regexp_full_match(start_date, $serial_pattern)
                then date '1899-12-30' + cast(floor(cast(start_date as double)) as integer)
            end
        ) as start_on,
        coalesce(
            try_strptime(end_date, $date_formats)::date,
            case when regexp_full_match(end_date, $serial_pattern)
                then date '1899-12-30' + cast(floor(cast(end_date as double)) as integer)
            end
        ) as end_on,
        case when regexp_full_match(participants, $count_pattern)
            then try_cast(regexp_replace(participants, $count_separators, '', 'g') as bigint)
        end as participants_n,
        regexp_full_match(participants, $negative_pattern) as participants_negative,
        case when regexp_full_match(children, $count_pattern)
            then try_cast(regexp_replace(children, $count_separators, '', 'g') as bigint)
        end as children_n,
        regexp_full_match(children, $negative_pattern) as children_negative,
        try_cast(replace(latitude, ',', '.') as double) as lat,
        try_cast(replace(longitude, ',', '.') as double) as lon,
    from cleaned
)

select
    *,
    coalesce(
        row_number, start_date, end_date, lead_unit, partners, activity_type, audience, commune,
        village, school, participants, children, content, latitude, longitude, note
    ) is null as is_blank,
    start_on is null or lead_unit is null or activity_type is null as is_suspect,
from parsed
