"""The epochs of Chợ Đồn's communes, and the two geographies maps and coverage are shown in.

``pre2020``: the 22 units until 2020-01-31; ``2020``: the 20 of 2020-02-01 … 2025-06-30;
``2025``: the 8 from 2025-07-01 (the dates are in :mod:`etl.geography.gazetteer`). Coverage is
counted over the 2020 communes and shown either on them or on their 2025 successors: those two
epochs are the geographies. This module imports nothing, so the dashboard, the exports and the
command line share it without loading the gazetteer.
"""

EPOCHS = ("pre2020", "2020", "2025")
GEOGRAPHIES = ("2020", "2025")  # the first is the default
