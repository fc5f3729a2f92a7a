"""The yearly report on Decision 830 as a Word draft, filled with the period's figures.

Structured as provinces report it: the three task groups (communication and
skills; technical measures; inspection and handling of violations), then the three targets
(schools holding sessions every semester; child victims supported; violators handled), the
coverage by commune, and the closing sections. Places for the narrative are marked (yellow,
in brackets) for the office that writes the report. The issuing body, the recipient ("Kính
gửi"), the "Nơi nhận" list and the signatory come from the settings (:func:`report_header`),
each with a default that fits the period: the district People's Committee before the 2025
reform; after it, when the district no longer exists, a marked placeholder to be set.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.text import WD_COLOR_INDEX, WD_PARAGRAPH_ALIGNMENT
from docx.shared import Pt
from docx.text.paragraph import Paragraph

from etl.config import Settings
from etl.export.captions import area_name, boundary_note, period_name, source_line, totals_notes
from etl.export.figures import Figures
from etl.geography.epochs import geography_of
from etl.present.format import number, percent, share
from etl.present.headline import children_note, units_text
from etl.present.i18n import t

TASK_GROUPS = ("1", "2", "3")
TARGETS = ("1", "2", "3")


@dataclass(frozen=True)
class ReportHeader:
    """Who issues the report, to whom it goes and who signs it. A value in square brackets is
    a placeholder: the document shows it highlighted, to be replaced."""

    issuer: str  # cơ quan ban hành, at the top left
    recipient: str  # "Kính gửi: …"
    recipients: tuple[str, ...]  # "Nơi nhận:", at the bottom left
    signer_title: str  # chức vụ (lines split by a newline), above the signature
    signer_name: str  # họ tên, under it


def report_header(settings: Settings, figures: Figures, lang: str) -> ReportHeader:
    """The header of the report on ``figures``: each setting when set, else the default of the
    period's own geography (``etl.geography.epochs.geography_of``: a period ending after
    2025-07-01, the year 2025 included, has no district to issue it)."""
    epoch = geography_of(figures.period_start, figures.period_end)
    recipients = settings.report_recipients or tuple(
        name.strip() for name in t("report_recipients_default", lang).split(";")
    )
    return ReportHeader(
        issuer=settings.report_issuer or t(f"report_issuer_default_{epoch}", lang),
        recipient=settings.report_recipient,
        recipients=recipients,
        signer_title=settings.report_signer_title or t(f"report_signer_default_{epoch}", lang),
        signer_name=settings.report_signer_name or t("report_signer_name_default", lang),
    )


def report_bytes(figures: Figures, lang: str, made_on: date, header: ReportHeader) -> bytes:
    """The report draft of ``figures`` as ``.docx`` bytes, with ``header``'s issuer,
    recipients and signatory."""
    if not header.recipient.strip():
        raise ValueError("recipient must name the ministry or agency the report goes to")
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    _front(document, figures, lang, header)
    document.add_heading(t("report_h_general", lang), level=1)
    _general(document, figures, lang)
    document.add_heading(t("report_h_tasks", lang), level=1)
    for group in TASK_GROUPS:
        document.add_heading(t(f"report_h_task_{group}", lang), level=2)
        _task_group(document, figures, lang, group)
    document.add_heading(t("report_h_targets", lang), level=1)
    for target in TARGETS:
        document.add_heading(t(f"report_h_target_{target}", lang), level=2)
        _target(document, figures, lang, target)
    document.add_heading(t("report_h_communes", lang), level=1)
    _communes(document, figures, lang)
    for key in ("report_h_difficulties", "report_h_next"):
        document.add_heading(t(key, lang), level=1)
        _narrative(document, t(f"{key}_hint", lang))
    document.add_heading(t("report_h_sources", lang), level=1)
    for line in (t("deck_def_coverage", lang), t("deck_def_schools", lang),
                 t("coverage_children_estimated", lang), boundary_note(figures, lang),
                 source_line(figures, lang, made_on)):  # fmt: skip
        if line:
            document.add_paragraph(line, style="List Bullet")
    _signature(document, lang, header)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _front(document: DocumentObject, figures: Figures, lang: str, header: ReportHeader) -> None:
    _filled(document.add_paragraph(), header.issuer, bold=True)
    title = document.add_heading(t("report_title", lang, period=period_name(figures, lang)), 0)
    title.alignment = WD_PARAGRAPH_ALIGNMENT.CENTER
    document.add_paragraph(t("report_recipient", lang, recipient=header.recipient))
    document.add_paragraph(t("report_scope", lang, area=area_name(figures, lang)))
    if figures.is_sample:
        document.add_paragraph(t("sample_banner", lang)).runs[0].bold = True


def _general(document: DocumentObject, figures: Figures, lang: str) -> None:
    d = figures.district
    document.add_paragraph(
        t("report_general_figures", lang, activities=number(d["activities"], lang),
          joint=number(d["joint_activities"], lang),
          participants=number(d["participants_total"], lang),
          children=number(d["children_reached"], lang), children_note=children_note(d, lang),
          units=units_text(d, lang))
    )  # fmt: skip
    _narrative(document, t("report_general_hint", lang))


def _task_group(document: DocumentObject, figures: Figures, lang: str, group: str) -> None:
    types = figures.table("task_groups")
    rows = types[types["task_group"].astype(str) == group]
    header = [t(k, lang) for k in ("col_activity_type", "coverage_col_activities",
              "coverage_col_participants_total", "coverage_col_children_reached")]  # fmt: skip
    body = [
        [str(getattr(r, f"name_{lang}")), number(r.activities, lang), number(r.participants, lang),
         number(r.children, lang)]
        for r in rows.itertuples()
    ]  # fmt: skip
    total = [t("report_total", lang)] + [
        number(rows[column].sum(), lang) for column in ("activities", "participants", "children")
    ]
    _table(document, [header, *body, total])
    if group == "1":
        d = figures.district
        document.add_paragraph(
            t("report_task_1_coverage", lang, reached=number(d["villages_reached"], lang),
              villages=number(d["villages_applicable"], lang), pct=share(d["coverage_pct"], lang),
              schools_reached=number(d["schools_reached"], lang),
              schools=number(d["schools"], lang))
        )  # fmt: skip
    _narrative(document, t(f"report_task_{group}_hint", lang))


def _target(document: DocumentObject, figures: Figures, lang: str, target: str) -> None:
    if target == "1":
        indicator = figures.table("decision830")
        district = indicator[indicator["area_level"] == "district"]
        header = [t(k, lang) for k in ("export_col_school_year", "coverage_col_schools",
                  "coverage_col_schools_every_semester", "coverage_col_share_pct",
                  "coverage_col_target_met")]  # fmt: skip
        body = [
            [str(r.school_year) + (f" ({t('export_open_short', lang)})" if r.is_open else ""),
             number(r.schools, lang), number(r.schools_every_semester, lang),
             percent(r.share_pct, lang), t("coverage_yes" if r.target_met else "coverage_no", lang)]
            for r in district.itertuples()
        ]  # fmt: skip
        _table(document, [header, *body])
        document.add_paragraph(t("report_target_1_rule", lang))
    elif target == "2":
        document.add_paragraph(t("report_target_2_data", lang))
    else:
        types = figures.table("task_groups")
        handled = types.loc[types["activity_type"] == "violation_handling", "activities"].sum()
        document.add_paragraph(t("report_target_3_data", lang, handled=number(handled, lang)))
    _narrative(document, t(f"report_target_{target}_hint", lang))


def _communes(document: DocumentObject, figures: Figures, lang: str) -> None:
    header = [t(k, lang) for k in ("coverage_col_commune_name", "coverage_col_villages_reached",
              "coverage_col_villages_applicable", "coverage_col_coverage_pct",
              "coverage_col_schools_reached", "coverage_col_schools",
              "coverage_col_activities")]  # fmt: skip
    communes = figures.table("communes")
    body = [
        [str(r.full_name), number(r.villages_reached, lang), number(r.villages_applicable, lang),
         share(r.coverage_pct, lang), number(r.schools_reached, lang), number(r.schools, lang),
         number(r.activities, lang)]
        for r in communes.itertuples()
    ]  # fmt: skip
    notes = totals_notes(communes, figures.district, ["activities"], lang)
    _table(document, [header, *body], notes)
    over = communes[communes["contacts_exceed_children"].astype(bool)]
    if not over.empty:
        items = [
            t("report_communes_contacts_item", lang, commune=str(r.full_name),
              children=number(r.children_reached, lang), estimate=number(r.child_population, lang))
            for r in over.itertuples()
        ]  # fmt: skip
        text = t("report_communes_contacts_exceed", lang, communes="; ".join(items))
        document.add_paragraph(text)


def _table(
    document: DocumentObject, rows: Sequence[Sequence[str]], notes: Sequence[str] = ()
) -> None:
    """A table, then its ``notes`` (why its rows do not add up) in italics right under it."""
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for i, values in enumerate(rows):
        for j, value in enumerate(values):
            cell = table.cell(i, j)
            cell.text = value
            run = cell.paragraphs[0].runs[0] if cell.paragraphs[0].runs else None
            if run is not None:
                run.font.size = Pt(11)
                run.bold = i == 0
    for note in notes:
        document.add_paragraph().add_run(note).italic = True
    document.add_paragraph()


def _signature(document: DocumentObject, lang: str, header: ReportHeader) -> None:
    """The closing block: "Nơi nhận" and its list on the left, the signatory on the right."""
    table = document.add_table(rows=1, cols=2)  # no style: no borders
    left, right = table.rows[0].cells
    heading = left.paragraphs[0].add_run(t("report_recipients_heading", lang))
    heading.bold = heading.italic = True
    last = len(header.recipients) - 1
    for index, name in enumerate(header.recipients):
        _filled(left.add_paragraph(), f"- {name}{'.' if index == last else ';'}", size=11)
    title = right.paragraphs[0]
    title.alignment = WD_PARAGRAPH_ALIGNMENT.CENTER
    _filled(title, header.signer_title, bold=True)
    right.add_paragraph().add_run(t("report_signature_hint", lang)).italic = True
    right.paragraphs[-1].alignment = WD_PARAGRAPH_ALIGNMENT.CENTER
    for _ in range(2):
        right.add_paragraph()
    name = right.add_paragraph()
    name.alignment = WD_PARAGRAPH_ALIGNMENT.CENTER
    _filled(name, header.signer_name, bold=True)


def _filled(paragraph: Paragraph, text: str, bold: bool = False, size: int | None = None) -> None:
    """``text`` as a run of ``paragraph``; highlighted when it is a placeholder (``[…]``)."""
    run = paragraph.add_run(text)
    run.bold = bold
    if size is not None:
        run.font.size = Pt(size)
    if "[" in text:
        run.font.highlight_color = WD_COLOR_INDEX.YELLOW


def _narrative(document: DocumentObject, hint: str) -> None:
    """A marked place for the narrative: the hint in brackets, highlighted."""
    run = document.add_paragraph().add_run(f"[{hint}]")
    run.italic = True
    run.font.highlight_color = WD_COLOR_INDEX.YELLOW
