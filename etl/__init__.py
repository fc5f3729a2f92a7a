"""ETL for outreach coverage: reports and geography in, DuckDB warehouse out."""
