"""Who reports which quarter: the district offices, the commune committees and the police.

The 2025 reform shapes the calendar: district police report until 2025-02-28; the commune
police of the 20 old communes report throughout, as they existed long before the reform, and
with the district offices and the old communes' committees until 2025-06-30; from 2025-07-01
the eight new communes' People's Committees and police report, naming the new communes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from etl.demo.geography import Commune, Commune2025

FIRST_QUARTER = (2024, 1)
LAST_QUARTER = (2026, 3)
DISTRICT_POLICE_END = date(2025, 2, 28)
EPOCH_2020_END = date(2025, 6, 30)
_OPEN = date(9999, 12, 31)
_ROMAN = ("I", "II", "III", "IV")

# Unit kind → how the district offices write their own name (etl/reference/unit_kinds.csv).
DISTRICT_UNITS = {
    "vhtt": "Phòng Văn hóa và Thông tin",
    "ldtbxh": "Phòng Lao động – Thương binh và Xã hội",
    "gddt": "Phòng Giáo dục và Đào tạo",
    "cah": "Công an huyện",
    "ttvhtttt": "Trung tâm Văn hóa, Thể thao và Truyền thông",
}


@dataclass(frozen=True)
class Quarter:
    """A calendar quarter, the reporting period."""

    year: int
    number: int

    @property
    def label(self) -> str:
        """'2024-Q3', as in file names."""
        return f"{self.year}-Q{self.number}"

    @property
    def start(self) -> date:
        """First day."""
        return date(self.year, 3 * self.number - 2, 1)

    @property
    def end(self) -> date:
        """Last day."""
        following = date(self.year + self.number // 4, 3 * (self.number % 4) + 1, 1)
        return following - timedelta(days=1)


@dataclass(frozen=True)
class Unit:
    """A reporting unit and the window in which it exists."""

    unit_id: str  # "vhtt", "ubnd_xa:2020:02026", "ca_xa:2025:02026"
    kind: str  # etl/reference/unit_kinds.csv
    name: str  # as the unit writes it: "UBND xã Nam Cường"
    file_stem: str  # "vhtt", "ubnd_xa_02026"
    commune_label: str | None  # the `Xã, thị trấn` value for its own commune; None for district
    members: tuple[Commune, ...]  # 2020 communes its activities can be in
    start: date
    end: date

    def window(self, quarter: Quarter) -> tuple[date, date] | None:
        """The part of ``quarter`` in which the unit exists, or None."""
        first, last = max(self.start, quarter.start), min(self.end, quarter.end)
        return (first, last) if first <= last else None

    def period(self, quarter: Quarter) -> tuple[str, str]:
        """(label, as written in the report) of the unit's report for ``quarter``.

        A quarter ("2024-Q3", "Quý III/2024"); a unit that starts in the quarter's last month
        reports for that month ("2025-03", "Tháng 3/2025").
        """
        window = self.window(quarter)
        if window and window[0] > quarter.start and window[0].month == quarter.end.month:
            return f"{window[0]:%Y-%m}", f"Tháng {window[0].month}/{window[0].year}"
        return quarter.label, f"Quý {_ROMAN[quarter.number - 1]}/{quarter.year}"


def quarters() -> list[Quarter]:
    """2024-Q1 … 2026-Q3, in order."""
    result, (year, number) = [], FIRST_QUARTER
    while (year, number) <= LAST_QUARTER:
        result.append(Quarter(year, number))
        year, number = (year + 1, 1) if number == 4 else (year, number + 1)
    return result


def reporting_units(communes: list[Commune], new_communes: list[Commune2025]) -> list[Unit]:
    """Every unit that reports at some time in the sample, district units first."""
    everywhere = tuple(communes)
    start = date(2020, 2, 1)
    units = [
        Unit(kind, kind, name, kind, None, everywhere, start,
             DISTRICT_POLICE_END if kind == "cah" else EPOCH_2020_END)
        for kind, name in DISTRICT_UNITS.items()
    ]  # fmt: skip
    for commune in communes:
        level = "thị trấn" if commune.is_town else "xã"
        units += [
            _commune_unit("ubnd_xa", f"UBND {level} {commune.name}", "2020", commune.code,
                          commune.full_name, (commune,), start, EPOCH_2020_END),
            _commune_unit("ca_xa", f"Công an {level} {commune.name}", "2020", commune.code,
                          commune.full_name, (commune,), start, EPOCH_2020_END),
        ]  # fmt: skip
    for new in new_communes:
        reform = EPOCH_2020_END + timedelta(days=1)
        units += [
            _commune_unit("ubnd_xa", f"UBND xã {new.name}", "2025", new.code, new.full_name,
                          new.members, reform, _OPEN),
            _commune_unit("ca_xa", f"Công an xã {new.name}", "2025", new.code, new.full_name,
                          new.members, reform, _OPEN),
        ]  # fmt: skip
    return units


def _commune_unit(
    kind: str,
    name: str,
    epoch: str,
    code: str,
    label: str,
    members: tuple[Commune, ...],
    start: date,
    end: date,
) -> Unit:
    return Unit(f"{kind}:{epoch}:{code}", kind, name, f"{kind}_{code}", label, members, start, end)
