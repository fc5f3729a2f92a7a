"""The floor of the overview page: a bare Streamlit page showing the same folium map alone.

Same warehouse, same cached connection, same query and the same ``maps.commune_map`` as the
overview; no sidebar, banners, headline metrics or chart. `benchmarks/page.py` serves it from a
scratch folder beside a link to ``dashboard/static`` (Streamlit serves ``static/`` next to the
script), so Leaflet comes from the same local files.
"""

import streamlit as st
from streamlit_folium import st_folium

from dashboard import maps, queries
from dashboard.i18n import t
from dashboard.resources import connection

st.set_page_config(layout="wide")
communes = queries.commune_map(connection())
fmap = maps.commune_map(
    communes,
    {"commune": t("map_tooltip_commune"), "code": t("map_tooltip_code"),
     "activities": t("map_tooltip_activities")},
)  # fmt: skip
st_folium(fmap, height=520, use_container_width=True, returned_objects=[], key="overview_map")
