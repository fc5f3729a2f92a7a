-- the first and last day the data speaks of: activity dates and the periods reports declare
with dates as (
    select start_date as first_day, start_date as last_day from stg_activities
    union all
    select period_start, period_end from stg_submissions
)

select min(first_day)::date, max(last_day)::date from dates
