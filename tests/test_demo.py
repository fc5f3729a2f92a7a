"""The sample generator: reproducible, and its master lists look like Chợ Đồn."""

from __future__ import annotations

import csv
import hashlib
import io
import os
import random
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from shapely.geometry import Point

from etl.config import REPO_ROOT
from etl.demo import geography
from etl.demo.generate import SCHOOLS_PATH, VILLAGES_PATH, DemoSample, generate_district
from etl.demo.places import SAMPLE, SCHOOL_HEADERS, VILLAGE_HEADERS, make_schools, make_villages
from etl.names import admin_key

DATA = REPO_ROOT / "data"


def _digests(files: dict[str, bytes]) -> dict[str, str]:
    return {path: hashlib.sha256(data).hexdigest() for path, data in files.items()}


def _table(sample: DemoSample, path: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(sample.files[path].decode("utf-8"))))


@pytest.fixture(scope="module")
def other_seed() -> DemoSample:
    return generate_district(1)


def test_same_seed_gives_identical_files(other_seed: DemoSample) -> None:
    again = generate_district(1)
    assert _digests(again.files) == _digests(other_seed.files)


def test_committed_sample_is_what_the_imports_stored(demo_sample: DemoSample) -> None:
    # `python -m etl demo` loads the sample through the real imports: the lists are stored as
    # sent, the reports as receipts S0001… with a ledger row each (received_at: from the seed).
    for path in (VILLAGES_PATH, SCHOOLS_PATH):
        assert (DATA / path).read_bytes() == demo_sample.files[path]
    with (DATA / "submissions.csv").open(encoding="utf-8") as handle:
        ledger = list(csv.DictReader(handle))
    assert [r["file_name"] for r in ledger] == [Path(r.path).name for r in demo_sample.reports]
    assert [r["submission_id"] for r in ledger[:2]] == ["S0001", "S0002"]
    assert {r["status"] for r in ledger} == {"received"}
    assert {r["received_at"] for r in ledger} == {
        demo_sample.received_at.isoformat(timespec="seconds")
    }  # from the seed, never the clock
    assert {r["mode"] for r in ledger} == {""}  # each the first report of its unit and period
    for row in ledger:
        stored = (DATA / "activities" / row["stored_as"]).read_bytes()
        assert stored == demo_sample.files[f"activities/{row['file_name']}"], row["file_name"]
        assert hashlib.sha256(stored).hexdigest() == row["sha256"]
    assert len(list((DATA / "activities").iterdir())) == len(ledger)


def test_different_seed_gives_different_files(
    demo_sample: DemoSample, other_seed: DemoSample
) -> None:
    assert demo_sample.files[VILLAGES_PATH] != other_seed.files[VILLAGES_PATH]
    shared = set(demo_sample.files) & set(other_seed.files)
    same = {p for p in shared if demo_sample.files[p] == other_seed.files[p]}
    # only a "no activities" declaration can come out the same
    assert same <= {r.path for r in demo_sample.reports if r.no_activities}


def test_default_seed_counts(demo_sample: DemoSample) -> None:
    assert (demo_sample.villages, demo_sample.schools) == (187, 58)
    assert (len(demo_sample.reports), demo_sample.activities, demo_sample.bad_rows) == (
        328,
        1727,
        8,
    )
    assert len(demo_sample.skipped) == 21


@pytest.mark.parametrize("seed", [0, 1, 7, 99999])
def test_any_seed_gives_150_to_220_villages_and_all_school_levels(seed: int) -> None:
    rng = random.Random(seed)
    villages = make_villages(geography.load_communes(), rng)
    assert 150 <= len(villages) <= 220
    schools = make_schools(villages, rng)
    assert len({s.commune.code for s in schools if s.level == "Mầm non"}) == 20


def test_village_list_shape(demo_sample: DemoSample) -> None:
    villages = _table(demo_sample, VILLAGES_PATH)
    assert tuple(villages[0]) == VILLAGE_HEADERS
    assert 150 <= len(villages) <= 220
    communes = {c.code: c for c in geography.load_communes()}
    since_2020 = Counter(v["Mã xã"] for v in villages if not v["Hiệu lực từ"])
    assert set(since_2020) == set(communes)
    for code, count in since_2020.items():
        assert 60 <= communes[code].households / count <= 90, code
    assert {v["Loại"] for v in villages if v["Mã xã"] == "02020"} == {"Tổ dân phố"}
    assert {v["Loại"] for v in villages if v["Mã xã"] != "02020"} == {"Thôn", "Bản"}
    assert all(v["Thôn, tổ dân phố"].endswith(SAMPLE) for v in villages)
    assert sorted(v["Hiệu lực từ"] for v in villages if v["Hiệu lực từ"]) == [
        "01/01/2025",
        "01/04/2025",
    ]
    sums: Counter[str] = Counter()
    for v in villages:
        sums[v["Mã xã"]] += int(v["Số hộ"])
    assert sums == {code: c.households for code, c in communes.items()}


def test_villages_and_schools_lie_inside_their_commune(demo_sample: DemoSample) -> None:
    shapes = {c.code: c.shape for c in geography.load_communes()}
    for path in (VILLAGES_PATH, SCHOOLS_PATH):
        for row in _table(demo_sample, path):
            point = Point(float(row["Kinh độ"]), float(row["Vĩ độ"]))
            assert shapes[row["Mã xã"]].contains(point), row


def test_village_names_are_unique_within_each_2025_commune(demo_sample: DemoSample) -> None:
    villages = _table(demo_sample, VILLAGES_PATH)
    successor = {c.code: c.successor for c in geography.load_communes()}
    keys = Counter((successor[v["Mã xã"]], admin_key(v["Thôn, tổ dân phố"])) for v in villages)
    assert max(keys.values()) == 1


def test_every_commune_has_the_school_levels(demo_sample: DemoSample) -> None:
    schools = _table(demo_sample, SCHOOLS_PATH)
    assert tuple(schools[0]) == SCHOOL_HEADERS
    levels: dict[str, set[str]] = {}
    for school in schools:
        levels.setdefault(school["Mã xã"], set()).add(school["Cấp học"])
        assert school["Tên trường"].endswith(SAMPLE)
    assert len(levels) == 20
    for code, found in levels.items():
        assert "Mầm non" in found, code
        assert found & {"Tiểu học", "TH&THCS"}, code
        assert found & {"THCS", "TH&THCS", "PTDTBT"}, code
    assert {"THPT", "PTDTNT"} <= levels["02020"]
    assert Counter(s["Cấp học"] for s in schools) == {
        "Mầm non": 21, "Tiểu học": 14, "THCS": 10, "TH&THCS": 7, "PTDTBT": 3, "THPT": 2,
        "PTDTNT": 1,
    }  # fmt: skip


def test_seed_must_be_a_natural_number() -> None:
    with pytest.raises(ValueError, match="seed"):
        generate_district(-1)


def test_communes_carry_census_households_and_2025_successors() -> None:
    communes = geography.load_communes()
    assert sum(c.households for c in communes) == 13520  # GSO 2019 census
    new = {n.full_name: [c.name for c in n.members] for n in geography.communes_2025(communes)}
    assert new["Xã Nam Cường"] == ["Xuân Lạc", "Nam Cường", "Đồng Lạc"]
    assert new["Xã Bạch Thông"] == ["Đồng Thắng"]
    assert len(new) == 8


def test_workbook_bytes_do_not_depend_on_lxml() -> None:
    script = (
        "import sys, datetime\n"
        "from etl.demo.workbook import report_workbook\n"
        "data = report_workbook([['DỮ LIỆU MẪU']], ['STT', 'Ngày bắt đầu'],"
        " [[1, datetime.date(2024, 6, 1)]])\n"
        "sys.stdout.buffer.write(data)\n"
    )
    outputs = [
        subprocess.run(
            [sys.executable, "-c", script], capture_output=True, check=True,
            env={**os.environ, "OPENPYXL_LXML": flag},
        ).stdout
        for flag in ("True", "False")
    ]  # fmt: skip
    assert outputs[0] == outputs[1]
    assert outputs[0][:2] == b"PK"
