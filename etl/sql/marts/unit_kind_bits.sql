-- one row per unit kind (etl/reference/unit_kinds.csv) with the bit that stands for it in the
-- unit_kinds_mask columns of place_activity: the one place where kinds are numbered.
-- activity_atoms makes the masks from it; the macro unit_kinds_in_mask turns one back into kinds.
with source as (
    select * from ref_unit_kinds
),

cleaned as (
    select
        unit_kind,
        (1 << (row_number() over (order by unit_kind) - 1))::integer as bit,
    from source
)

select * from cleaned
order by unit_kind
