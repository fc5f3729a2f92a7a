"""A unit's report file -> checked rows: grid, header, matching, validation, ledger, intake."""
