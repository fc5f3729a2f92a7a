-- every period overlapping the data (etl.periods.load_periods fills it): open periods are
-- measured up to as_of_date
create or replace table raw_periods (
    period_id varchar primary key,
    period_kind varchar not null,
    period_start date not null,
    period_end date not null,
    period_days integer not null,
    school_year_id varchar,
    semester varchar,
    as_of_date date not null,
    is_open boolean not null
)
