"""Tổng quan / Overview: headline counts, commune map, monthly trend."""

import streamlit as st
from streamlit_folium import st_folium

from dashboard import charts, maps, queries
from dashboard.i18n import t
from dashboard.resources import connection

con = connection()
st.title(t("app_title"))

totals = queries.totals(con).iloc[0]
cols = st.columns(3)
cols[0].metric(t("kpi_communes"), f"{int(totals['communes']):,}".replace(",", "."))
cols[1].metric(t("kpi_activities"), f"{int(totals['activities']):,}".replace(",", "."))
cols[2].metric(t("kpi_participants"), f"{int(totals['participants']):,}".replace(",", "."))

communes = queries.commune_map(con)
st.subheader(t("map_heading"))
fmap = maps.commune_map(
    communes,
    {"commune": t("map_tooltip_commune"), "code": t("map_tooltip_code"),
     "activities": t("map_tooltip_activities")},
)  # fmt: skip
st_folium(fmap, height=520, use_container_width=True, returned_objects=[], key="overview_map")
st.caption(t("boundary_source_caption", source=communes["boundary_source"].iloc[0]))

monthly = queries.monthly_activity(con)
if monthly.empty:
    st.info(t("no_activities"))
else:
    labels = {"title": t("chart_monthly_title"), "month": t("chart_month_axis"),
              "activities": t("chart_activities_axis")}  # fmt: skip
    st.plotly_chart(charts.monthly_activity(monthly, labels), use_container_width=True)
