-- one row per month with any activity, district total
select
    month,
    sum(activities) as activities,
    sum(participants) as participants,
from commune_monthly_activity
group by month
order by month
