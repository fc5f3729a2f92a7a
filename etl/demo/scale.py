"""Synthetic volumes for benchmarks: a province (~1,400 villages, 1,000,000 activities) or the
nation (~100,000 villages, 10,000,000 activities), written as CSV outside the repository.

The places are made up ("Xã Mẫu 17", "Thôn 3 (mẫu)", codes starting with "S") on a grid, ten
villages per commune and about fifteen communes per district. Activities go in one report file per
district per quarter, in the report template's layout. Each file is generated and written on
its own from its own random stream, so memory stays bounded by one file whatever the scale.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pa_csv

from etl.demo.places import SCHOOL_HEADERS, VILLAGE_HEADERS
from etl.demo.rows import REPORT_HEADERS
from etl.demo.units import quarters
from etl.demo.workbook import SAMPLE_NOTE
from etl.present.format import vn_day
from etl.reference import read_reference

VILLAGES_PER_COMMUNE = 10
COMMUNES_PER_DISTRICT = 15
_SCHOOL_LEVELS = ("Mầm non", "Tiểu học", "THCS")
_LEADS = ("UBND xã", "Công an xã", "Phòng Văn hóa và Thông tin", "Phòng Giáo dục và Đào tạo",
          "Trung tâm Văn hóa, Thể thao và Truyền thông")  # fmt: skip
_LEAD_WEIGHTS = (0.55, 0.15, 0.1, 0.12, 0.08)
_COUNTED = ("session", "integrated", "training", "contest")
_AUDIENCE_OF = {"filtering": "children", "guidance": "teachers", "training": "officials"}


@dataclass(frozen=True)
class Scale:
    """How big a synthetic data set is."""

    villages: int
    activities: int

    @property
    def communes(self) -> int:
        """Communes (ten villages each)."""
        return self.villages // VILLAGES_PER_COMMUNE

    @property
    def districts(self) -> int:
        """Districts (about fifteen communes each)."""
        return -(-self.communes // COMMUNES_PER_DISTRICT)


SCALES = {"province": Scale(1_400, 1_000_000), "national": Scale(100_000, 10_000_000)}


@dataclass(frozen=True)
class ScaleResult:
    """What :func:`write_scale` wrote."""

    out: Path
    communes: int
    villages: int
    schools: int
    activities: int
    files: int


def write_scale(name: str, seed: int, out: Path) -> ScaleResult:
    """Write the ``name`` data set (one of :data:`SCALES`) for ``seed`` into folder ``out``."""
    if name not in SCALES:
        raise ValueError(f"name must be one of {sorted(SCALES)}, got {name!r}")
    scale = SCALES[name]
    (out / "activities").mkdir(parents=True, exist_ok=True)
    _write_places(scale, seed, out)
    periods = quarters()
    files = scale.districts * len(periods)
    per_file, extra = divmod(scale.activities, files)
    number = 0
    for district in range(scale.districts):
        for index, quarter in enumerate(periods):
            rows = per_file + (1 if number < extra else 0)
            rng = np.random.default_rng([seed, district, index])
            frame = _activities(scale, district, (quarter.start, quarter.end), rows, rng)
            path = out / "activities" / f"MAU_{name}_{district + 1:04d}_{quarter.label}.csv"
            with path.open("wb") as handle:
                handle.write(f'"{SAMPLE_NOTE}"\n'.encode())
                table = pa.Table.from_pandas(frame, preserve_index=False)
                pa_csv.write_csv(table, handle, pa_csv.WriteOptions(quoting_style="needed"))
            number += 1
    return ScaleResult(out, scale.communes, scale.villages, scale.communes * 3, scale.activities,
                       files)  # fmt: skip


def _write_places(scale: Scale, seed: int, out: Path) -> None:
    """communes.csv (a synthetic gazetteer), villages.csv and schools.csv, district by district."""
    rng = np.random.default_rng([seed, 10**6])
    targets = {"communes": ("Mã xã", "Xã", "Huyện", "Vĩ độ", "Kinh độ", "Số hộ"),
               "villages": VILLAGE_HEADERS, "schools": SCHOOL_HEADERS}  # fmt: skip
    handles = {n: (out / f"{n}.csv").open("w", encoding="utf-8", newline="") for n in targets}
    try:
        for name, headers in targets.items():
            csv.writer(handles[name]).writerow(headers)
        for district in range(scale.districts):
            first = district * COMMUNES_PER_DISTRICT
            codes = np.arange(first, min(first + COMMUNES_PER_DISTRICT, scale.communes))
            frames = _district_places(codes, district, rng)
            for name, frame in frames.items():
                frame[list(targets[name])].to_csv(handles[name], index=False, header=False)
    finally:
        for handle in handles.values():
            handle.close()


def _district_places(
    codes: np.ndarray, district: int, rng: np.random.Generator
) -> dict[str, pd.DataFrame]:
    side = 100  # communes on a 100 × 100 grid, 0.08° apart
    lat = 10.0 + (codes // side) * 0.08
    lon = 103.0 + (codes % side) * 0.08
    households = rng.integers(500, 1200, len(codes))
    names = pd.Series([f"Xã Mẫu {c + 1}" for c in codes])
    commune_codes = pd.Series([_code(c) for c in codes])
    communes = pd.DataFrame({
        "Mã xã": commune_codes, "Xã": names, "Huyện": f"Huyện Mẫu {district + 1}",
        "Vĩ độ": lat.round(5), "Kinh độ": lon.round(5), "Số hộ": households,
    })  # fmt: skip
    n = VILLAGES_PER_COMMUNE
    village_number = np.tile(np.arange(1, n + 1), len(codes))
    villages = pd.DataFrame({
        "Mã xã": commune_codes.repeat(n).to_numpy(),
        "Xã": names.repeat(n).to_numpy(),
        "Thôn, tổ dân phố": [f"Thôn {k} (mẫu)" for k in village_number],
        "Loại": "Thôn",
        "Mã thôn": [
            f"{c}.{k:03d}" for c, k in zip(commune_codes.repeat(n), village_number, strict=True)
        ],
        "Vĩ độ": (np.repeat(lat, n) + rng.uniform(-0.03, 0.03, n * len(codes))).round(5),
        "Kinh độ": (np.repeat(lon, n) + rng.uniform(-0.03, 0.03, n * len(codes))).round(5),
        "Số hộ": np.repeat(households // n, n),
        "Hiệu lực từ": "",
        "Hiệu lực đến": "",
    })  # fmt: skip
    levels = len(_SCHOOL_LEVELS)
    schools = pd.DataFrame({
        "Mã xã": commune_codes.repeat(levels).to_numpy(),
        "Xã": names.repeat(levels).to_numpy(),
        "Tên trường": [f"Trường {lv} Mẫu {c + 1} (mẫu)" for c in codes for lv in _SCHOOL_LEVELS],
        "Cấp học": list(_SCHOOL_LEVELS) * len(codes),
        "Thôn": "Thôn 1 (mẫu)",
        "Vĩ độ": np.repeat(lat, levels).round(5),
        "Kinh độ": np.repeat(lon, levels).round(5),
        "Số học sinh": rng.integers(80, 600, levels * len(codes)),
    })  # fmt: skip
    return {"communes": communes, "villages": villages, "schools": schools}


def _activities(
    scale: Scale, district: int, period: tuple[date, date], rows: int, rng: np.random.Generator
) -> pd.DataFrame:
    """``rows`` activity rows of one district's quarter, in the report columns."""
    types, audiences, forced, counted = _vocabulary()
    low = district * COMMUNES_PER_DISTRICT
    commune = rng.integers(low, min(low + COMMUNES_PER_DISTRICT, scale.communes), rows) + 1
    kind = rng.integers(0, len(types), rows)
    audience = np.where(
        rng.random(rows) < 0.5, "children", rng.choice(audiences.index.to_numpy(), rows)
    )
    audience = np.where(forced[kind] != "", forced[kind], audience)
    participants = pd.Series(rng.integers(15, 400, rows)).where(counted[kind]).astype("Int64")
    lead = rng.choice(len(_LEADS), rows, p=_LEAD_WEIGHTS)
    days = np.array([vn_day(day) for day in pd.date_range(*period)])
    village = rng.integers(1, VILLAGES_PER_COMMUNE + 1, rows).astype(str)
    frame = pd.DataFrame({
        "STT": np.arange(1, rows + 1),
        "Ngày bắt đầu": rng.choice(days, rows),
        "Đơn vị chủ trì": np.where(lead == 0, np.char.add("UBND xã Mẫu ", commune.astype(str)),
                                   np.array(_LEADS)[lead]),
        "Loại hoạt động": types["name_vi"].to_numpy()[kind],
        "Đối tượng": audiences.loc[audience].to_numpy(),
        "Xã, thị trấn": np.char.add("Xã Mẫu ", commune.astype(str)),
        "Thôn, tổ dân phố": np.char.add(np.char.add("Thôn ", village), " (mẫu)"),
        "Số người tham dự": participants,
        "Trong đó trẻ em": (participants * 9 // 10).where(audience == "children"),
    })  # fmt: skip
    return frame.reindex(columns=list(REPORT_HEADERS))


@cache
def _vocabulary() -> tuple[pd.DataFrame, pd.Series, np.ndarray, np.ndarray]:
    """Activity types, audience labels, the audience a type forces, and which types count people."""
    types = read_reference("activity_types")
    audiences = read_reference("audiences").set_index("audience")["name_vi"]
    forced = np.array([_AUDIENCE_OF.get(t, "") for t in types["activity_type"]])
    counted = types["activity_type"].isin(_COUNTED).to_numpy()
    return types, audiences, forced, counted


def _code(index: int) -> str:
    return f"S{index + 1:05d}"
