"""The floor of the overview page: a bare Streamlit page showing the same folium map alone.

Same warehouse, same cached connection and boundaries, and the overview's own map widget
(``widgets.coverage_map``: communes coloured by coverage, village and school points, legend)
for the choices a first visit gets; no sidebar, banners, headline figures, drill-down or chart.
`benchmarks/page.py` serves it from a scratch folder beside a link to ``dashboard/static``
(Streamlit serves ``static/`` next to the script), so Leaflet comes from the same local files.
"""

import streamlit as st

from benchmarks.overview import default_selection
from dashboard import state, widgets
from dashboard.resources import connection

st.set_page_config(layout="wide")
con = connection()
sel = default_selection(con)
if sel is not None:
    widgets.coverage_map(sel, state.OVERVIEW_MAP)
