"""Benchmarks: `python -m benchmarks.run` times the ETL and the dashboard against physical floors
at district, province and (opt-in) national scale and writes `benchmarks/RESULTS.md`."""
