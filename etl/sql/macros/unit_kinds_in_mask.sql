-- the unit kinds whose bit (unit_kind_bits) is set in mask, in unit-kind order; [] for 0 or null.
-- The table is named, not written in the body: DuckDB binds a macro's tables when the macro is
-- created, and the macros exist on every connection, before a build has made unit_kind_bits.
create or replace temp macro unit_kinds_in_mask(mask, kind_bits := 'unit_kind_bits') as (
    select coalesce(list(unit_kind order by unit_kind) filter (where (mask & bit) != 0), [])
    from query_table(kind_bits)
)
