-- one row per distinct date text in the reports: the day it means (an Excel day number, or
-- dd/mm/yyyy and the other formats of $date_formats), NULL if none
with source as (
    select start_date as date_text from report_rows where start_date is not null
    union
    select end_date from report_rows where end_date is not null
),

cleaned as (
    select
        date_text,
        coalesce(
            try_strptime(trim(date_text), $date_formats)::date,
            case when regexp_full_match(trim(date_text), $serial_pattern)
                then date '1899-12-30' + cast(floor(cast(trim(date_text) as double)) as integer)
            end
        ) as day,
    from source
)

select * from cleaned
