-- one row per period the coverage marts are computed for (every month, quarter, half-year,
-- year, school year and semester overlapping the data), for period pickers
with source as (
    select * from raw_periods
),

cleaned as (
    select
        period_id,
        period_kind,
        period_start,
        period_end,
        period_days,
        school_year_id,
        semester,
        as_of_date,
        is_open,
    from source
)

select * from cleaned
order by period_kind, period_start
