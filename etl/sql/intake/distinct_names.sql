-- every distinct name the rows give, by the column it is in, each matched once in Python
-- (etl.reports.matching): units, partners and communes with the day they are used on (what a name
-- means depends on the date), activity types and audiences without
with dated as (
    select rows.*, dates.day as start_on,
    from report_rows as rows
    left join lk_dates as dates on dates.date_text = rows.start_date
)

select distinct 'lead_unit' as field, lead_unit as text, start_on from dated
where lead_unit is not null
union all
select distinct 'partners', partners, start_on from dated
where partners is not null
union all
select distinct 'commune', commune, start_on from dated
where commune is not null
union all
select distinct 'activity_type', activity_type, null::date from report_rows
where activity_type is not null
union all
select distinct 'audience', audience, null::date from report_rows
where audience is not null
