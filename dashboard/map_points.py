"""Village and school points as one compact layer: the rows go to the browser as a short array
and Leaflet writes each tooltip when it opens. No Streamlit here.

A province has thousands of points; one folium feature per point made every rerun render a
megabyte of map (half a second of server time). Here a point costs one short row.

Villages are circles, schools squares, coloured by state (:mod:`etl.present.palette`); a point
placed approximately is hollow with a dashed edge, and its tooltip says so. Names are escaped
in Python before they reach the browser, so a name is always shown as text. Every point carries
``commune_id`` (and ``village_id`` / ``school_id``) as a GeoJSON feature would, so a click on
it drills down to its commune.
"""

from __future__ import annotations

import html
import json
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
from folium.template import Template

from dashboard.verbatim import Verbatim
from etl.present import palette
from etl.present.format import DASH, day, each_value, is_missing, number, state_name
from etl.present.i18n import t

EDGE = "#1a1a1a"
SCHOOL_STATES = ("reached", "not_reached")
VILLAGE_COLUMNS = {"village_id", "commune_id", "village_name", "commune_name", "state", "lat",
                   "lon", "location_approx", "direct_activities", "indirect_activities",
                   "participants_total", "last_direct_date"}  # fmt: skip
SCHOOL_COLUMNS = {"school_id", "commune_id", "school_name", "commune_name", "school_level",
                  "reached", "lat", "lon", "location_approx", "activities", "sessions",
                  "participants_total", "last_activity_date"}  # fmt: skip


@dataclass(frozen=True)
class PointData:
    """What a point layer sends to the browser, as plain data a cache can keep: ``rows_json``
    (``[[lat, lon, style, id, commune_id, text fields…], …]``, already safe inside a
    ``<script>``), ``styles`` indexed by a row's style, tooltip ``lines`` with ``@n@`` for the
    row's field n and ``@S@`` for the style's state label, and the line of an approximate
    point."""

    id_field: str
    rows_json: str
    styles: tuple[dict[str, object], ...]
    lines: tuple[str, ...]
    approx_line: str


class PointLayer(Verbatim):
    """One Leaflet feature group of circles or squares drawn from a :class:`PointData` (its script,
    the whole array of rows, goes into the page as it is)."""

    _template = Template(
        """
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = L.featureGroup().addTo({{ this._parent.get_name() }});
(function (group, idField, rows, styles, lines, approxLine) {
    function tip(row, style) {
        var text = lines.map(function (line) {
            return line.replace(/@(\\w+)@/g, function (_, key) {
                return key === "S" ? style.label : row[Number(key)];
            });
        });
        if (style.approx) { text.push("<i>" + approxLine + "</i>"); }
        return text.join("<br>");
    }
    rows.forEach(function (row) {
        var style = styles[row[2]];
        var layer = style.square
            ? L.marker([row[0], row[1]], {icon: L.divIcon({className: "cd-school",
                iconSize: [12, 12], iconAnchor: [6, 6], html: style.html})})
            : L.circleMarker([row[0], row[1]], style);
        var properties = {commune_id: row[4]};
        properties[idField] = row[3];
        layer.feature = {type: "Feature", properties: properties};
        layer.bindTooltip(function () { return tip(row, style); }, {sticky: true});
        group.addLayer(layer);
    });
})({{ this.get_name() }}, {{ this.id_field|tojson }}, {{ this.rows_json }},
   {{ this.styles|tojson }}, {{ this.lines|tojson }}, {{ this.approx_line|tojson }});
{% endmacro %}
"""
    )

    def __init__(self, data: PointData) -> None:
        super().__init__()
        self._name = "PointLayer"
        self.id_field = data.id_field
        self.rows_json = data.rows_json  # written out as it is: st_folium renders a layer twice
        self.styles = list(data.styles)
        self.lines = list(data.lines)
        self.approx_line = data.approx_line

    @property
    def rows(self) -> list[tuple[object, ...]]:
        """The rows as Python tuples (to look at: the browser gets ``rows_json``)."""
        return [tuple(row) for row in json.loads(self.rows_json)]


def village_data(df: pd.DataFrame, lang: str) -> PointData:
    """``village_points`` rows as circles coloured by state."""
    _need(df, VILLAGE_COLUMNS)
    styles = [_circle(state, approx, lang) for state in palette.STATES for approx in (False, True)]
    fields = [
        _counts(df["direct_activities"], lang), _counts(df["indirect_activities"], lang),
        _counts(df["participants_total"], lang), _days(df["last_direct_date"], lang),
    ]  # fmt: skip
    lines = [
        "<b>@5@</b> – @6@",
        _esc(t("map_tip_state", lang, state="@S@")),
        _esc(t("map_tip_village_activities", lang, direct="@7@", indirect="@8@",
               participants="@9@")),
        _esc(t("map_tip_last_direct", lang, date="@10@")),
    ]  # fmt: skip
    rows = _rows(df, "village", df["state"].astype(str), styles, fields)
    return PointData("village_id", _script_json(rows), tuple(styles), tuple(lines),
                     _esc(t("map_tip_approx", lang)))  # fmt: skip


def school_data(df: pd.DataFrame, lang: str) -> PointData:
    """``school_points`` rows as squares: reached or not in the period."""
    _need(df, SCHOOL_COLUMNS)
    styles = [_square(state, approx, lang) for state in SCHOOL_STATES for approx in (False, True)]
    states = df["reached"].map(lambda v: "reached" if _true(v) else "not_reached")
    fields = [
        _counts(df["activities"], lang), _counts(df["sessions"], lang),
        _counts(df["participants_total"], lang), _days(df["last_activity_date"], lang),
        df["school_level"].map(_esc),
    ]  # fmt: skip
    lines = [
        "<b>@5@</b> (@11@) – @6@",
        _esc(t("map_tip_state", lang, state="@S@")),
        _esc(t("map_tip_school_activities", lang, activities="@7@", sessions="@8@",
               participants="@9@")),
        _esc(t("map_tip_last_activity", lang, date="@10@")),
    ]  # fmt: skip
    rows = _rows(df, "school", states, styles, fields)
    return PointData("school_id", _script_json(rows), tuple(styles), tuple(lines),
                     _esc(t("map_tip_approx", lang)))  # fmt: skip


def _rows(
    df: pd.DataFrame,
    kind: str,
    states: pd.Series,
    styles: Sequence[dict[str, object]],
    fields: Sequence[pd.Series],
) -> list[tuple[object, ...]]:
    """Column by column (a row-by-row loop over a province's points costs a rerun 100 ms):
    ``(lat, lon, style, id, commune_id, name, commune, *fields)``."""
    index = {(s["state"], s["approx"]): i for i, s in enumerate(styles)}
    approx = df["location_approx"].map(_true)
    style = [index[key] for key in zip(states, approx, strict=True)]
    columns = [
        df["lat"].astype(float).round(5), df["lon"].astype(float).round(5), style,
        df[f"{kind}_id"].astype(str), df["commune_id"].astype(str),
        df[f"{kind}_name"].map(_esc), df["commune_name"].map(_esc), *fields,
    ]  # fmt: skip
    return list(zip(*columns, strict=True))


def _counts(series: pd.Series, lang: str) -> pd.Series:
    return each_value(series, lambda v: number(v, lang))


def _days(series: pd.Series, lang: str) -> pd.Series:
    return each_value(series, lambda v: day(v, lang))


def _true(value: object) -> bool:
    return value is not None and value is not pd.NA and value == value and bool(value)


def _circle(state: str, approx: bool, lang: str) -> dict[str, object]:
    colour = palette.state_colour(state)
    base: dict[str, object] = {"state": state, "approx": approx, "radius": 5,
                               "label": _esc(state_name(state, lang))}  # fmt: skip
    if approx:
        edge = "#6b6b6b" if state == "not_applicable" else colour
        return {**base, "color": edge, "weight": 2.5, "dashArray": "3 2", "fill": False}
    return {**base, "fill": True, "fillColor": colour, "color": EDGE, "weight": 1,
            "fillOpacity": 0.95}  # fmt: skip


def _square(state: str, approx: bool, lang: str) -> dict[str, object]:
    colour = palette.state_colour(state)
    box = "width:9px;height:9px;"
    body = (f"{box}border:2px dashed {colour};background:transparent;" if approx
            else f"{box}border:1.5px solid {EDGE};background:{colour};")  # fmt: skip
    return {"state": state, "approx": approx, "square": True,
            "html": f'<div style="{body}"></div>',
            "label": _esc(t(f"school_state_{state}", lang))}  # fmt: skip


def _script_json(value: object) -> str:
    """JSON safe inside an HTML <script> (as jinja's ``tojson`` writes it)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("'", "\\u0027"))  # fmt: skip


def _need(df: pd.DataFrame, columns: set[str]) -> None:
    missing = columns - set(df.columns)
    if missing:
        raise ValueError(f"df lacks columns {sorted(missing)}")


def _esc(value: object) -> str:
    return DASH if is_missing(value) else html.escape(str(value))
