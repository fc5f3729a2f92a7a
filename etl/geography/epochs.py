"""The epochs of Chợ Đồn's communes, and the two geographies maps and coverage are shown in.

``pre2020``: the 22 units until 2020-01-31; ``2020``: the 20 of 2020-02-01 … 2025-06-30;
``2025``: the 8 from :data:`EPOCH_2025_FROM` (the other dates are in
:mod:`etl.geography.gazetteer`). Coverage is counted over the 2020 communes and shown either on
them or on their 2025 successors: those two epochs are the geographies. This module imports
only the standard library, so the dashboard, the exports and the command line share it without
loading the gazetteer.
"""

from datetime import date

EPOCHS = ("pre2020", "2020", "2025")
GEOGRAPHIES = ("2020", "2025")  # the first is the default when no period is chosen
EPOCH_2025_FROM = date(2025, 7, 1)  # the district abolished, the 8 new communes in force


def geography_of(start: date, end: date) -> str:
    """The geography a period opens on: ``2020`` when it ends before the 2025 reform, ``2025``
    when it ends on or after it (wholly after, or spanning it: the communes in force today)."""
    if end < start:
        raise ValueError(f"end must not be before start, got {start} … {end}")
    return GEOGRAPHIES[1] if end >= EPOCH_2025_FROM else GEOGRAPHIES[0]
