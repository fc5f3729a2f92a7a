"""The district's report template: sheet ``Hoạt động`` with drop-down lists, and instructions.

The first sheet has a title, "Đơn vị báo cáo" and "Kỳ báo cáo" lines (read back by the import),
then the canonical header row. Excel data validation offers the allowed values for
the lead unit, activity type, audience and commune, and checks dates and counts as they are
typed. The second sheet, ``Hướng dẫn``, explains each column and holds the allowed values the
drop-downs point at.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from etl import reference
from etl.geography.place_lookup import Place
from etl.present.i18n import t

REPORT_SHEET = "Hoạt động"
GUIDE_SHEET = "Hướng dẫn"
HEADERS = (
    "STT", "Ngày bắt đầu", "Ngày kết thúc", "Đơn vị chủ trì", "Đơn vị phối hợp",
    "Loại hoạt động", "Đối tượng", "Xã, thị trấn", "Thôn, tổ dân phố", "Trường học",
    "Số người tham dự", "Trong đó trẻ em", "Nội dung", "Vĩ độ", "Kinh độ", "Ghi chú",
)  # fmt: skip
HEADER_ROW = 5
ROWS = 1000
_REQUIRED = {"Ngày bắt đầu", "Đơn vị chủ trì", "Loại hoạt động", "Đối tượng"}
_WIDTHS = {"STT": 6, "Nội dung": 40, "Ghi chú": 24, "Đơn vị chủ trì": 30, "Đơn vị phối hợp": 30}
# Rows of the instructions sheet: message keys "template_guide_<name>" (label) and
# "template_guide_<name>_text" in etl/present/messages.toml.
_GUIDE = (
    "fill", "unit", "period", "start", "lead", "partners", "type", "audience", "commune",
    "place", "counts", "coordinates", "note", "none",
)  # fmt: skip
# A commune's unit writes its name as this prefix and the commune's name ("UBND Xã Nam Cường"):
# a ``commune`` alias of etl/reference/unit_aliases.csv followed by a commune, which the import
# reads back (see written_unit_name).
_WRITTEN_PREFIX = {"ubnd_xa": "UBND", "ca_xa": "Công an"}


def write_template(
    path: Path, communes: Sequence[Place], unit_name: str | None = None, lang: str = "vi"
) -> Path:
    """Write the template to ``path`` (``.xlsx``) and return it.

    ``communes`` fill the commune and People's Committee / police lists; ``unit_name``, when
    given, is written as the reporting unit. Headers are always the canonical Vietnamese ones;
    the other text is in ``lang``.
    """
    if path.suffix.lower() != ".xlsx":
        raise ValueError(f"path must end with .xlsx, got {path.name!r}")
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = REPORT_SHEET
    guide = book.create_sheet(GUIDE_SHEET)
    lists = _lists(communes)
    ranges = _write_guide(guide, lists, lang)
    _write_report_sheet(sheet, unit_name, lang)
    _add_validation(sheet, ranges, lang)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def _lists(communes: Sequence[Place]) -> dict[str, list[str]]:
    kinds = reference.read_reference("unit_kinds").to_dict("records")
    names = sorted({c.full_name or c.name for c in communes if c.epoch != "pre2020"})
    units = [k["name_vi"] for k in kinds if k["level"] == "district"]
    units += [_written(kind, name) for kind in _WRITTEN_PREFIX for name in names]
    units += list(
        reference.read_reference("unit_aliases").query("unit_kind == 'doan_the'")["alias"]
    )
    return {
        "Đơn vị chủ trì": units,
        "Loại hoạt động": list(reference.read_reference("activity_types")["name_vi"]),
        "Đối tượng": list(reference.read_reference("audiences")["name_vi"]),
        "Xã, thị trấn": names,
    }


def _write_guide(guide: Worksheet, lists: dict[str, list[str]], lang: str) -> dict[str, str]:
    guide["A1"] = t("template_guide_title", lang)
    guide["A1"].font = Font(bold=True, size=13)
    for row, name in enumerate(_GUIDE, start=3):
        guide.cell(row=row, column=1, value=t(f"template_guide_{name}", lang)).font = Font(
            bold=True
        )
        guide.cell(row=row, column=2, value=t(f"template_guide_{name}_text", lang))
    guide.column_dimensions["A"].width = 28
    guide.column_dimensions["B"].width = 80
    ranges = {}
    for offset, (title, values) in enumerate(lists.items()):
        column = 5 + offset  # E, F, G, H
        letter = get_column_letter(column)
        guide.cell(row=2, column=column, value=title).font = Font(bold=True)
        for row, value in enumerate(values, start=3):
            guide.cell(row=row, column=column, value=value)
        guide.column_dimensions[letter].width = 34
        ranges[title] = f"'{GUIDE_SHEET}'!${letter}$3:${letter}${2 + max(len(values), 1)}"
    return ranges


def _write_report_sheet(sheet: Worksheet, unit_name: str | None, lang: str) -> None:
    sheet["A1"] = t("template_title", lang)
    sheet["A1"].font = Font(bold=True, size=13)
    sheet["A2"], sheet["B2"] = t("template_unit_label", lang), unit_name or ""
    sheet["A3"], sheet["B3"] = t("template_period_label", lang), ""
    sheet["D3"] = t("template_period_example", lang, year=date.today().year)
    fill = PatternFill("solid", fgColor="DDEBF7")
    for column, header in enumerate(HEADERS, start=1):
        cell = sheet.cell(row=HEADER_ROW, column=column, value=header)
        cell.font = Font(bold=True, color="C00000" if header in _REQUIRED else "000000")
        cell.fill = fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        sheet.column_dimensions[get_column_letter(column)].width = _WIDTHS.get(header, 16)
    for row in range(HEADER_ROW + 1, HEADER_ROW + 1 + ROWS):
        for column in (2, 3):
            sheet.cell(row=row, column=column).number_format = "dd/mm/yyyy"
    sheet.freeze_panes = sheet.cell(row=HEADER_ROW + 1, column=2)


def _add_validation(sheet: Worksheet, ranges: dict[str, str], lang: str) -> None:
    first, last = HEADER_ROW + 1, HEADER_ROW + ROWS
    for header, formula in ranges.items():
        letter = get_column_letter(HEADERS.index(header) + 1)
        rule = DataValidation(type="list", formula1=f"={formula}", allow_blank=True)
        rule.error = t("template_error_list", lang)
        rule.errorTitle = header
        rule.showErrorMessage = header != "Xã, thị trấn"  # a commune code may be typed instead
        rule.add(f"{letter}{first}:{letter}{last}")
        sheet.add_data_validation(rule)
    for header in ("Ngày bắt đầu", "Ngày kết thúc"):
        letter = get_column_letter(HEADERS.index(header) + 1)
        rule = DataValidation(type="date", operator="greaterThanOrEqual", formula1="DATE(2020,1,1)",
                              allow_blank=True)  # fmt: skip
        rule.error = t("template_error_date", lang)
        rule.add(f"{letter}{first}:{letter}{last}")
        sheet.add_data_validation(rule)
    for header in ("Số người tham dự", "Trong đó trẻ em"):
        letter = get_column_letter(HEADERS.index(header) + 1)
        rule = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0",
                              allow_blank=True)  # fmt: skip
        rule.error = t("template_error_count", lang)
        rule.add(f"{letter}{first}:{letter}{last}")
        sheet.add_data_validation(rule)


def written_unit_name(unit_id: str, communes: Sequence[Place]) -> str | None:
    """The name a unit id is written with in a report (the template's "Đơn vị báo cáo" line and
    lead-unit list, read back by the import), or None if there is no such unit.

    ``vhtt`` → "Phòng Văn hóa và Thông tin"; ``ubnd_xa:2020:02026`` → "UBND Xã Nam Cường";
    ``ca_xa:2025:02026`` → "Công an Xã Nam Cường". Screens and messages name a unit with
    ``etl.present.format.unit_display_name`` instead.
    """
    kinds = {k["unit_kind"]: k for k in reference.read_reference("unit_kinds").to_dict("records")}
    kind, _, commune_id = unit_id.partition(":")
    if kind not in kinds:
        return None
    if kinds[kind]["level"] != "commune":
        return str(kinds[kind]["name_vi"]) if not commune_id else None
    commune = next((c for c in communes if c.place_id == commune_id), None)
    if commune is None:
        return None
    return _written(kind, commune.full_name or commune.name)


def _written(kind: str, commune_name: str) -> str:
    return f"{_WRITTEN_PREFIX[kind]} {commune_name}"
