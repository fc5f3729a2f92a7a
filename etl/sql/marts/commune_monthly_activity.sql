-- one row per commune per month with at least one activity
with activities as (
    select * from stg_activities
    where commune_code is not null
),

monthly as (
    select
        commune_code,
        date_trunc('month', start_date)::date as month,
        count(*) as activities,
        sum(participants) as participants,
    from activities
    group by all
)

select * from monthly
order by commune_code, month
