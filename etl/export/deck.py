"""The meeting deck: a 16:9 PowerPoint of one period, every text editable.

Slides: title, headline figures, commune coverage map, priority list, commune × unit-kind
matrix, monthly trend, sources and definitions. Text sits in real text boxes, tables are native
PowerPoint tables and the trend is a native chart; only the map is a picture (the print map).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date

import pandas as pd
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.presentation import Presentation as Deck
from pptx.slide import Slide
from pptx.util import Emu, Inches, Length, Pt

from etl.export.captions import area_name, boundary_note, period_name, source_line
from etl.export.figures import Figures
from etl.export.maps import map_png
from etl.present import palette
from etl.present.format import kinds_text, number, percent, share, state_name, unit_kind_name
from etl.present.i18n import t

GAP_ROWS = 12  # villages listed on the priority slide
MAP_DPI = 150  # enough for a projector; the print map is in the maps export
_WIDE, _HIGH = Inches(13.333), Inches(7.5)
_MARGIN = Inches(0.5)
_INNER = Emu(_WIDE - 2 * _MARGIN)
_TEXT_SIZE = Pt(14)


def deck_bytes(figures: Figures, lang: str, made_on: date, map_dpi: int = MAP_DPI) -> bytes:
    """The deck of ``figures`` as ``.pptx`` bytes."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = _WIDE, _HIGH
    _title_slide(deck, figures, lang, made_on)
    _kpi_slide(_slide(deck, t("deck_slide_kpis", lang)), figures, lang)
    _map_slide(_slide(deck, t("deck_slide_map", lang)), figures, lang, made_on, map_dpi)
    _gap_slide(_slide(deck, t("deck_slide_gaps", lang)), figures, lang)
    _matrix_slide(_slide(deck, t("deck_slide_matrix", lang)), figures, lang)
    _trend_slide(_slide(deck, t("deck_slide_trend", lang)), figures, lang)
    _sources_slide(_slide(deck, t("deck_slide_sources", lang)), figures, lang, made_on)
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


def _title_slide(deck: Deck, figures: Figures, lang: str, made_on: date) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[0])
    title, subtitle = slide.shapes.title, slide.placeholders[1]
    title.left, title.top = _MARGIN, Inches(2.0)
    title.width, title.height = _INNER, Inches(1.6)
    subtitle.left, subtitle.top = _MARGIN, Inches(3.8)
    subtitle.width, subtitle.height = _INNER, Inches(1.8)
    title.text = t("deck_slide_title", lang)
    lines = [
        area_name(figures, lang),
        period_name(figures, lang),
        source_line(figures, lang, made_on),
    ]
    subtitle.text = "\n".join(lines)


def _slide(deck: Deck, title: str) -> Slide:
    slide = deck.slides.add_slide(deck.slide_layouts[5])  # "Title Only"
    shape = slide.shapes.title
    shape.left, shape.top = _MARGIN, Inches(0.3)
    shape.width, shape.height = _INNER, Inches(0.9)
    shape.text = title
    shape.text_frame.paragraphs[0].font.size = Pt(30)
    return slide


def _kpi_slide(slide: Slide, figures: Figures, lang: str) -> None:
    d = figures.district
    rows = [
        [t("deck_kpi_measure", lang), t("deck_kpi_value", lang), t("deck_kpi_detail", lang)],
        [t("kpi_villages", lang), share(d["coverage_pct"], lang),
         t("kpi_villages_note", lang, reached=number(d["villages_reached"], lang),
           total=number(d["villages_applicable"], lang))],
        [t("kpi_schools", lang), percent(d["schools_pct"], lang),
         t("kpi_schools_note", lang, reached=number(d["schools_reached"], lang),
           total=number(d["schools"], lang), target=percent(d["schools_target_pct"], lang, 0))],
        [t("kpi_activities", lang), number(d["activities"], lang),
         t("kpi_activities_note", lang, joint=number(d["joint_activities"], lang))],
        [t("kpi_participants", lang), number(d["participants_total"], lang),
         t("kpi_participants_note", lang)],
        [t("kpi_children", lang), number(d["children_reached"], lang),
         t("kpi_children_note", lang, pct=percent(d["children_reached_pct"], lang),
           estimate=number(d["child_population"], lang))],
        [t("kpi_units", lang), f"{number(d['units_reported'], lang)}/{number(d['units_expected'], lang)}",  # noqa: E501
         t("kpi_units_note", lang)],
    ]  # fmt: skip
    _table(slide, rows, Inches(1.4), [Inches(4.2), Inches(2.2), Inches(5.9)], Pt(16))
    _text(slide, period_name(figures, lang) + " · " + area_name(figures, lang), Inches(6.6))


def _map_slide(slide: Slide, figures: Figures, lang: str, made_on: date, dpi: int) -> None:
    picture = io.BytesIO(map_png(figures, "coverage", lang, made_on, dpi))
    height = Emu(_HIGH - Inches(1.4))
    left = Emu(int((_WIDE - height * 4 / 3) / 2))
    slide.shapes.add_picture(picture, left, Inches(1.25), height=height)


def _gap_slide(slide: Slide, figures: Figures, lang: str) -> None:
    gaps = figures.table("village_gaps")
    schools = figures.table("school_gaps")
    if gaps.empty:
        _text(slide, t("deck_no_gaps", lang), Inches(1.5))
    else:
        header = [t(k, lang) for k in ("coverage_col_priority_rank", "coverage_col_commune_name",
                  "coverage_col_village_name", "coverage_col_state", "coverage_col_priority_score",
                  "coverage_col_missing_unit_kinds")]  # fmt: skip
        rows = [header] + [
            [number(r.priority_rank, lang), str(r.commune_name), str(r.village_name),
             state_name(r.state, lang), number(r.priority_score, lang, 1),
             kinds_text(r.missing_unit_kinds, lang) or "—"]
            for r in gaps.head(GAP_ROWS).itertuples()
        ]  # fmt: skip
        widths = [Inches(w) for w in (0.8, 2.2, 3.0, 2.0, 1.3, 3.0)]
        _table(slide, rows, Inches(1.3), widths, Pt(12))
    note = t(
        "deck_gaps_note",
        lang,
        villages=number(len(gaps), lang),
        shown=number(min(len(gaps), GAP_ROWS), lang),
        schools=number(len(schools), lang),
    )
    _text(slide, note, Inches(6.7))


def _matrix_slide(slide: Slide, figures: Figures, lang: str) -> None:
    communes = figures.table("communes")
    matrix = figures.table("unit_matrix")
    kinds = [k for k in palette.UNIT_KINDS if k in set(matrix["unit_kind"])] or ["ubnd_xa"]
    counts = {(r.commune_id, r.unit_kind): int(str(r.activities)) for r in matrix.itertuples()}
    names = [unit_kind_name(k, lang) for k in kinds]
    rows: list[list[str]] = [[t("coverage_col_commune_name", lang), *names]]
    fills: dict[tuple[int, int], str] = {}
    for i, commune in enumerate(communes.itertuples(), start=1):
        missing = {k for group in _list(commune.missing_unit_kinds) for k in str(group).split("|")}
        row = [str(commune.commune_name)]
        for j, kind in enumerate(kinds, start=1):
            count = counts.get((commune.commune_id, kind), 0)
            state = "active" if count else ("missing" if kind in missing else "none")
            missing_text = t("matrix_missing", lang) if state == "missing" else ""
            row.append(number(count, lang) if count else missing_text)
            fills[(i, j)] = palette.MATRIX_COLOURS[state]
        rows.append(row)
    size = Pt(10) if len(rows) <= 12 else Pt(8)
    first = Inches(2.4)
    rest = (_INNER - first) / len(kinds)
    _table(slide, rows, Inches(1.2), [first, *[Emu(int(rest))] * len(kinds)], size, fills)
    _text(slide, t("gaps_matrix_note", lang), Inches(6.45), Pt(11))


def _trend_slide(slide: Slide, figures: Figures, lang: str) -> None:
    trend = figures.table("trend")
    if trend.empty:
        _text(slide, t("no_activities", lang), Inches(1.5))
        return
    table = trend.pivot_table(
        index="month", columns="unit_kind", values="activities", aggfunc="sum", fill_value=0
    )
    kinds = [k for k in palette.UNIT_KINDS if k in table.columns]
    data = CategoryChartData()
    data.categories = [pd.Timestamp(m).strftime("%m/%Y") for m in table.index]
    for kind in kinds:
        data.add_series(unit_kind_name(kind, lang), [int(v) for v in table[kind]])
    frame = slide.shapes.add_chart(
        XL_CHART_TYPE.COLUMN_STACKED,
        _MARGIN,
        Inches(1.3),
        _INNER,
        Inches(5.6),
        data,  # type: ignore[arg-type]
    )
    chart = frame.chart  # type: ignore[attr-defined]
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.RIGHT
    chart.legend.include_in_layout = False
    for plot in chart.plots:
        for series, kind in zip(plot.series, kinds, strict=True):
            series.format.fill.solid()
            series.format.fill.fore_color.rgb = _rgb(palette.UNIT_KIND_COLOURS[kind])
    _text(slide, t("chart_trend_title", lang), Inches(6.95), Pt(12))


def _sources_slide(slide: Slide, figures: Figures, lang: str, made_on: date) -> None:
    lines = [t(key, lang) for key in ("deck_def_coverage", "deck_def_states", "deck_def_schools",
             "coverage_children_estimated", "deck_def_matrix")]  # fmt: skip
    note = boundary_note(figures, lang)
    lines += [note] if note else []
    lines.append(source_line(figures, lang, made_on))
    box = slide.shapes.add_textbox(_MARGIN, Inches(1.3), _INNER, Inches(5.8))
    frame = box.text_frame
    frame.word_wrap = True
    for i, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.text = "• " + line
        paragraph.font.size = Pt(15)
        paragraph.space_after = Pt(8)


def _table(
    slide: Slide, rows: Sequence[Sequence[str]], top: Length, widths: Sequence[Length], size: Pt,
    fills: dict[tuple[int, int], str] | None = None,
) -> None:  # fmt: skip
    total = Emu(sum(int(w) for w in widths))
    height = Emu(int(size * 2.2 * len(rows)))
    table = slide.shapes.add_table(len(rows), len(widths), _MARGIN, top, total, height).table
    for j, width in enumerate(widths):
        table.columns[j].width = Emu(int(width))
    for i, values in enumerate(rows):
        for j, value in enumerate(values):
            cell = table.cell(i, j)
            cell.text = value
            cell.text_frame.paragraphs[0].font.size = size
            cell.margin_top = cell.margin_bottom = Emu(int(size * 0.15))
            colour = (fills or {}).get((i, j))
            if colour:
                cell.fill.solid()
                cell.fill.fore_color.rgb = _rgb(colour)


def _text(slide: Slide, text: str, top: Length, size: Length = _TEXT_SIZE) -> None:
    box = slide.shapes.add_textbox(_MARGIN, top, _INNER, Inches(0.5))
    box.text_frame.word_wrap = True
    box.text_frame.text = text
    box.text_frame.paragraphs[0].font.size = size


def _rgb(colour: str) -> RGBColor:
    return RGBColor.from_string(colour.lstrip("#").upper())


def _list(value: object) -> list[object]:
    if value is None or isinstance(value, float | str):
        return []
    return list(value)  # type: ignore[call-overload]
