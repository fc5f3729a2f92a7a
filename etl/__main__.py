"""`python -m etl` runs the pipeline; see `python -m etl --help` for the other commands."""

from etl.cli import main

raise SystemExit(main())
