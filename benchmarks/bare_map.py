"""The floor of the overview page: a bare Streamlit page showing the same folium map alone.

Same warehouse, same cached connection, same queries and the same ``maps.coverage_map`` as the
overview; no sidebar, banners, headline metrics or chart. `benchmarks/page.py` serves it from a
scratch folder beside a link to ``dashboard/static`` (Streamlit serves ``static/`` next to the
script), so Leaflet comes from the same local files.
"""

import streamlit as st
from streamlit_folium import st_folium

from dashboard import maps, queries, state
from dashboard.resources import boundaries, connection

st.set_page_config(layout="wide")
con = connection()
period_id = state.default_period(queries.periods(con))
fmap = maps.coverage_map(
    boundaries("2020"),
    queries.commune_coverage(con, period_id, "2020"),
    "vi",
    queries.village_points(con, period_id, "2020"),
    queries.school_points(con, period_id, "2020"),
)
st_folium(fmap, height=520, use_container_width=True, returned_objects=[], key="overview_map")
