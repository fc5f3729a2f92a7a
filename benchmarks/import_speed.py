"""Import speed against DuckDB's own readers, measured in the same run.

Targets: a 100,000-row .xlsx imported end to end in at most 1.5x the time DuckDB's
``read_xlsx`` takes to read it; a 1,000,000-row CSV in at most 3x ``read_csv``.

"End to end" is what `python -m etl activities import FILE` does after Python has started:
hash and scan the file, take the writer lock, store it and the ledger (journalled), rebuild the
whole warehouse (geography, every report, SQL models) and swap it in. The baseline is
``create table … as select * from read_xlsx(FILE)`` (``read_csv``), DuckDB's defaults, on a
connection that is already open. Each is run ``--rounds`` times, alternating; medians are
compared.

    .venv/bin/python benchmarks/import_speed.py [--rows-xlsx 100000] [--rows-csv 1000000]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks import limits
from etl import db, pipeline
from etl.config import Settings
from etl.geography import gazetteer
from etl.geography.schematic import SCHEMATIC_FILE, write_schematic
from etl.imports.activities import import_reports

# Rows the way units write them: text dates, names with and without prefixes, counts with
# thousands separators, some blanks.
_ROWS_SQL = """
select
    i as "STT",
    vn_day(date '2024-07-01' + (i % 90)::integer) as "Ngày bắt đầu",
    vn_day(date '2024-07-01' + (i % 90)::integer) as "Ngày kết thúc",
    ['Phòng Văn hóa và Thông tin', 'Phòng VH&TT'][1 + i % 2] as "Đơn vị chủ trì",
    ['', 'Phòng GD&ĐT', 'Đoàn Thanh niên'][1 + i % 3] as "Đơn vị phối hợp",
    ['Tuyên truyền trực tiếp', 'Phát thanh', 'Tập huấn', 'Tuyên truyền lồng ghép'][1 + i % 4]
        as "Loại hoạt động",
    ['Trẻ em', 'Phụ huynh', 'Giáo viên', 'Người dân'][1 + i % 4] as "Đối tượng",
    ['TT Bằng Lũng', 'Xã Ngọc Phái', 'xa phuong vien', 'Bằng Lãng', 'Nam Cường', 'Yên Mỹ',
     'Bản Thi', 'Quảng Bạch'][1 + i % 8] as "Xã, thị trấn",
    '' as "Thôn, tổ dân phố",
    '' as "Trường học",
    case when i % 10 = 0 then '1.200' else (20 + i % 200)::varchar end as "Số người tham dự",
    case when i % 3 = 0 then (i % 20)::varchar else '' end as "Trong đó trẻ em",
    'Tuyên truyền kỹ năng an toàn trên mạng, buổi ' || i as "Nội dung",
    '' as "Vĩ độ",
    '' as "Kinh độ",
    '' as "Ghi chú",
from range(1, $rows + 1) as t(i)
"""


def main(argv: list[str] | None = None) -> int:
    """Run both comparisons and print the ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows-xlsx", type=int, default=100_000)
    parser.add_argument("--rows-csv", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        template = _data_folder(root / "template")
        xlsx = _write(root / "vhtt_2024-Q3.xlsx", args.rows_xlsx, "xlsx")
        csv = _write(root / "vhtt_2024-Q3.csv", args.rows_csv, "csv")
        results = []
        for path, reader, target in ((xlsx, "read_xlsx", 1.5), (csv, "read_csv", 3.0)):
            base, ours = _compare(root, template, path, reader, args.rounds)
            results.append((path.suffix, reader, base, ours, target))
    for suffix, reader, base, ours, target in results:
        ratio = ours / base
        verdict = "meets" if ratio <= target else "MISSES"
        print(f"{suffix}: {reader} {base:.2f} s, import end to end {ours:.2f} s, "
              f"ratio {ratio:.2f} (target <= {target}: {verdict})")  # fmt: skip
    return 0


def _compare(
    root: Path, template: Settings, path: Path, reader: str, rounds: int
) -> tuple[float, float]:
    con = db.connect_path(":memory:")
    base_times, import_times = [], []
    for number in range(rounds):
        base_times.append(_time(lambda: con.execute(
            f"create or replace temp table t as select * from {reader}(?)", [str(path)]
        )))  # fmt: skip
        con.execute("drop table t")
        settings = _copy(template, root / f"{path.suffix[1:]}-{number}")
        start = time.perf_counter()
        outcome = import_reports(settings, [path])
        import_times.append(time.perf_counter() - start)
        _check(outcome, path)
        shutil.rmtree(settings.data_dir)
    con.close()
    return statistics.median(base_times), statistics.median(import_times)


def _check(outcome: object, path: Path) -> None:
    con = getattr(outcome, "con", None)
    assert con is not None, "the import built no warehouse"
    rows = con.execute("select sum(rows_read), sum(rows_loaded) from stg_submissions").fetchone()
    con.close()
    print(f"  {path.name}: rows read, loaded = {rows}", file=sys.stderr)


def _time(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def _data_folder(folder: Path) -> Settings:
    (folder / "activities").mkdir(parents=True)
    write_schematic(gazetteer.extract_communes_2020(), folder / "boundaries" / SCHEMATIC_FILE)
    settings = Settings.from_env(limits.BIG_FILES, data_dir=folder)
    pipeline.build(settings)
    return settings


def _copy(template: Settings, folder: Path) -> Settings:
    shutil.copytree(template.data_dir, folder)
    return Settings.from_env(limits.BIG_FILES, data_dir=folder)


def _write(path: Path, rows: int, kind: str) -> Path:
    con = db.connect_path(":memory:")
    con.execute(f"create table r as {_ROWS_SQL}", {"rows": rows})
    options = "format xlsx, header true" if kind == "xlsx" else "format csv, header true"
    # COPY takes no bound file name; the path is a temporary file this script made.
    con.execute(f"copy r to '{path}' ({options})")
    con.close()
    return path


if __name__ == "__main__":
    raise SystemExit(main())
