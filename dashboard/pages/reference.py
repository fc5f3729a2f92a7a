"""Dữ liệu nền / Reference data: the boundaries in use and their source, the village and school
lists (approximate points flagged) and the files they came from, for the chosen geography."""

from functools import partial

import streamlit as st

from dashboard import maps, queries, state, tables, widgets
from dashboard.i18n import lang as ui_lang
from dashboard.i18n import t
from dashboard.resources import boundaries, connection
from etl.present.format import number

con = connection()
geography, lang, commune_id = (
    state.geography(),
    ui_lang(),
    st.session_state.get(state.COMMUNE) or None,
)
st.title(t("page_reference_title"))
st.caption(t(f"geography_{geography}"))
shapes = boundaries(geography)

boundary_tab, village_tab, school_tab = st.tabs(
    [t("reference_tab_boundaries"), t("reference_tab_villages"), t("reference_tab_schools")]
)
with boundary_tab:
    if shapes.communes["is_schematic"].astype(bool).any():
        st.warning(t("reference_schematic_note"), icon=":material/warning:")
    left, right = st.columns([3, 2])
    with left:
        widgets.static_map(maps.boundary_map(shapes, lang), "reference_map", 460)
    with right:
        st.dataframe(tables.boundaries(shapes.communes, lang), hide_index=True, height=460)
        widgets.download(
            t("reference_tab_boundaries"),
            partial(tables.boundaries, shapes.communes, lang, True),
            f"ranh-gioi_{geography}",
        )
    widgets.boundary_note(shapes.communes)
    st.caption(t("reference_geography_note"))

with village_tab:
    villages = queries.villages(con, geography, commune_id)
    approx = int(villages["location_approx"].fillna(False).astype(bool).sum())
    st.markdown(
        t(
            "reference_villages_count",
            count=number(len(villages), lang),
            approx=number(approx, lang),
        )
    )
    st.dataframe(tables.villages(villages, lang), hide_index=True)
    widgets.download(
        t("reference_tab_villages"),
        partial(tables.villages, villages, lang, True),
        f"danh-sach-thon_{geography}",
    )

with school_tab:
    schools = queries.schools(con, geography, commune_id)
    approx = int(schools["location_approx"].fillna(False).astype(bool).sum())
    st.markdown(
        t("reference_schools_count", count=number(len(schools), lang), approx=number(approx, lang))
    )
    st.dataframe(tables.schools(schools, lang), hide_index=True)
    widgets.download(
        t("reference_tab_schools"),
        partial(tables.schools, schools, lang, True),
        f"danh-sach-truong_{geography}",
    )

st.subheader(t("reference_imports_heading"))
imports = queries.place_imports(con)
st.dataframe(tables.place_imports(imports, lang), hide_index=True)
widgets.download(
    t("reference_imports_heading"),
    partial(tables.place_imports, imports, lang, True),
    "danh-sach-dang-dung",
)
st.caption(t("reference_imports_note"))
