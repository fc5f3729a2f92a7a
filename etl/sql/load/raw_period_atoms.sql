-- the stretches of days that lie inside every period they meet, one row per atom and period
create or replace table raw_period_atoms (
    atom_start date not null,
    atom_end date not null,
    period_id varchar not null
)
