"""Activities → report rows as units type them: canonical values, real-world mess, planted errors.

Messy but valid (about 4 % of rows, as clerks type them): decomposed accents, a missing "Xã"/"Thôn"
prefix, "TT Bằng Lũng", "Phòng VH&TT", stray spaces, dates typed as dd/mm/yyyy text, counts with a
Vietnamese thousands separator. Per file: a "Tổng cộng" row, a blank row, header wording variants.
Genuinely bad rows (:data:`BAD_KINDS`) are added on top, so the import has errors to report.
"""

from __future__ import annotations

import random
import unicodedata
from datetime import date
from functools import cache

from etl.demo.activities import Activity
from etl.present.format import vn_day
from etl.reference import read_reference
from etl.reports.template import HEADERS

REPORT_HEADERS = HEADERS  # the template's canonical header row
HEADER_VARIANTS = {"Xã, thị trấn": "Xã/Thị trấn", "Thôn, tổ dân phố": "Thôn/Tổ dân phố",
                   "Số người tham dự": "Số người", "Ngày bắt đầu": "Ngày thực hiện"}  # fmt: skip
TOTAL_LABEL = "Tổng cộng"
MESS_KINDS = ("nfd", "no_prefix", "town_abbrev", "unit_abbrev", "text_date", "spacing")
BAD_KINDS = ("unknown_village", "children_over_participants", "future_date", "missing_audience",
             "unknown_activity_type")  # fmt: skip
MESS_RATE = 0.04
Row = dict[str, object]  # header → cell value (str, int, float, date or None)

_UNIT_ABBREVIATIONS = {"Phòng Văn hóa và Thông tin": "Phòng VH&TT",
                       "Phòng Lao động – Thương binh và Xã hội": "Phòng LĐTBXH",
                       "Phòng Giáo dục và Đào tạo": "Phòng GD&ĐT",
                       "Công an huyện": "Công an huyện Chợ Đồn",
                       "Trung tâm Văn hóa, Thể thao và Truyền thông":
                           "Trung tâm VHTT&TT"}  # fmt: skip
_PREFIXES = ("Thị trấn ", "Xã ", "Thôn ", "Bản ", "Tổ ")
_TOWN = "Thị trấn Bằng Lũng"


def render(activities: list[Activity], rng: random.Random) -> list[Row]:
    """One row per activity with the values a careful clerk would type."""
    labels = _labels()
    rows: list[Row] = []
    for activity in activities:
        kind, audience = activity.activity_type, activity.audience
        type_label = rng.choice(labels[kind]) if rng.random() < 0.2 else labels[kind][0]
        audience_label = rng.choice(labels[audience]) if rng.random() < 0.3 else labels[audience][0]
        separator = ", " if rng.random() < 0.3 else "; "
        village, school = activity.village, activity.school
        located = village is not None and rng.random() < 0.05
        rows.append({
            "Ngày bắt đầu": activity.start,
            "Ngày kết thúc": activity.end,
            "Đơn vị chủ trì": activity.lead,
            "Đơn vị phối hợp": separator.join(activity.partners) or None,
            "Loại hoạt động": type_label,
            "Đối tượng": audience_label,
            "Xã, thị trấn": activity.commune,
            "Thôn, tổ dân phố": village.name if village else None,
            "Trường học": school.name if school else None,
            "Số người tham dự": activity.participants,
            "Trong đó trẻ em": activity.children,
            "Nội dung": activity.content,
            "Vĩ độ": village.lat if village and located else None,
            "Kinh độ": village.lon if village and located else None,
        })  # fmt: skip
    return rows


def add_mess(rows: list[Row], rng: random.Random) -> list[str]:
    """Make about :data:`MESS_RATE` of ``rows`` messy in place; return the kinds applied."""
    applied = []
    for row in rows:
        participants = row["Số người tham dự"]
        if isinstance(participants, int) and participants >= 1000 and rng.random() < 0.7:
            row["Số người tham dự"] = f"{participants:,}".replace(",", ".")
            applied.append("thousands_separator")
        if rng.random() >= MESS_RATE:
            continue
        kind = rng.choice([k for k in MESS_KINDS if applies(k, row)])
        mess_row(kind, row)
        applied.append(kind)
    return applied


def applies(kind: str, row: Row) -> bool:
    """Whether mess ``kind`` (one of :data:`MESS_KINDS`) can be applied to ``row``."""
    commune = row["Xã, thị trấn"]
    if kind in ("nfd", "spacing"):
        return commune is not None
    if kind == "no_prefix":
        return commune is not None and commune != _TOWN
    if kind == "town_abbrev":
        return commune == _TOWN
    if kind == "unit_abbrev":
        return row["Đơn vị chủ trì"] in _UNIT_ABBREVIATIONS
    if kind == "text_date":
        return True
    raise ValueError(f"kind must be one of {MESS_KINDS}, got {kind!r}")


def bad_row(kind: str, template: Row, rng: random.Random) -> Row:
    """A copy of ``template`` made invalid in the way ``kind`` (one of :data:`BAD_KINDS`) says.

    It is dated another day of the template's month, so that it is not also a duplicate of it.
    """
    if kind not in BAD_KINDS:
        raise ValueError(f"kind must be one of {BAD_KINDS}, got {kind!r}")
    row = dict(template)
    start = row["Ngày bắt đầu"]
    if not isinstance(start, date):
        raise ValueError("template must have a date in `Ngày bắt đầu`")
    start = start.replace(day=rng.choice([d for d in range(1, 29) if d != start.day]))
    row["Ngày bắt đầu"], row["Ngày kết thúc"] = start, None
    if kind == "unknown_village":
        row["Thôn, tổ dân phố"] = f"Thôn Khuổi {rng.randint(90, 99)} (mẫu)"
        row["Trường học"] = None
    elif kind == "children_over_participants":
        participants = row["Số người tham dự"]
        count = participants if isinstance(participants, int) else 40
        row["Số người tham dự"], row["Trong đó trẻ em"] = count, count + rng.randint(5, 40)
    elif kind == "future_date":
        typo = int(f"{start.year // 100}{start.year % 10}{start.year // 10 % 10}")  # 2025 → 2052
        row["Ngày bắt đầu"] = replace_year(start, typo)
    elif kind == "missing_audience":
        row["Đối tượng"] = None
    else:
        row["Loại hoạt động"] = "Văn nghệ quần chúng"
    return row


def total_row(rows: list[Row]) -> Row:
    """The "Tổng cộng" row a clerk adds under the table (sums of the counts)."""
    return {
        "STT": TOTAL_LABEL,
        "Số người tham dự": sum(_number(r["Số người tham dự"]) for r in rows),
        "Trong đó trẻ em": sum(_number(r["Trong đó trẻ em"]) for r in rows),
    }


def replace_year(day: date, year: int) -> date:
    """``day`` in ``year`` (29 February becomes 28 February)."""
    return day.replace(year=year) if (day.month, day.day) != (2, 29) else date(year, 2, 28)


def mess_row(kind: str, row: Row) -> None:
    """Apply mess ``kind`` to ``row`` in place (check :func:`applies` first)."""
    fields = ("Xã, thị trấn", "Thôn, tổ dân phố")
    if kind == "nfd":
        for field in (*fields, "Đơn vị chủ trì"):
            if isinstance(row[field], str):
                row[field] = unicodedata.normalize("NFD", str(row[field]))
    elif kind == "no_prefix":
        for field in fields:
            value = row[field]
            if isinstance(value, str):
                row[field] = next(
                    (value[len(p) :] for p in _PREFIXES if value.startswith(p)), value
                )
    elif kind == "town_abbrev":
        row["Xã, thị trấn"] = "TT Bằng Lũng"
    elif kind == "unit_abbrev":
        row["Đơn vị chủ trì"] = _UNIT_ABBREVIATIONS[str(row["Đơn vị chủ trì"])]
    elif kind == "spacing":
        row["Xã, thị trấn"] = " " + str(row["Xã, thị trấn"]).replace(" ", "  ", 1) + " "
    else:
        for field in ("Ngày bắt đầu", "Ngày kết thúc"):
            value = row[field]
            if isinstance(value, date):
                row[field] = vn_day(value)


def _number(value: object) -> int:
    if isinstance(value, int):
        return value
    return int(value.replace(".", "")) if isinstance(value, str) else 0


@cache
def _labels() -> dict[str, list[str]]:
    """Code → [canonical Vietnamese label, valid aliases…] for activity types and audiences."""
    labels: dict[str, list[str]] = {}
    for table, code in (("activity_types", "activity_type"), ("audiences", "audience")):
        for row in read_reference(table).to_dict("records"):
            labels[str(row[code])] = [str(row["name_vi"])]
    for table, code in (
        ("activity_type_aliases", "activity_type"),
        ("audience_aliases", "audience"),
    ):
        for row in read_reference(table).to_dict("records"):
            if row["alias"] not in labels[str(row[code])]:
                labels[str(row[code])].append(str(row["alias"]))
    return labels
