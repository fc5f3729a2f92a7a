from pathlib import Path

import pytest

from etl import db
from etl.cli import main
from etl.config import Settings
from tests.conftest import FIXTURES, make_data_dir

VILLAGES = FIXTURES / "places" / "villages_cho_don.csv"
SCHOOLS = FIXTURES / "places" / "schools_cho_don.xlsx"


def _run(settings: Settings, *argv: str) -> int:
    return main(["--data-dir", str(settings.data_dir), *argv])


def _rows(settings: Settings, sql: str) -> list[tuple]:
    con = db.connect(settings, read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_an_empty_data_folder_builds_with_no_villages(tmp_path: Path) -> None:
    settings = make_data_dir(tmp_path, [])
    assert _run(settings, "build") == 0
    assert _rows(settings, "select count(*) from stg_villages") == [(0,)]
    assert _rows(settings, "select count(*) from stg_schools") == [(0,)]


def test_import_villages_then_schools(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    settings = make_data_dir(tmp_path, [])
    assert _run(settings, "villages", "import", str(VILLAGES)) == 0
    assert _run(settings, "schools", "import", str(SCHOOLS), "--lang", "en") == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "Đã nhập 7 thôn, tổ dân phố từ villages_cho_don.csv; 5 nơi chưa có tọa độ được đặt vị trí "
        "tạm trong xã (đánh dấu “vị trí gần đúng”).",
        "Imported 4 schools from schools_cho_don.xlsx; 3 without coordinates got a placeholder "
        "point inside their commune (flagged “approximate location”).",
    ]
    assert (settings.data_dir / "places" / "villages" / VILLAGES.name).read_bytes() == (
        VILLAGES.read_bytes()
    )
    villages = _rows(
        settings,
        "select village_id, location_approx, lat, lon from stg_villages "
        "where village_id in ('2020:02020:1', '2020:02029:na-pai') order by village_id",
    )
    assert villages == [
        ("2020:02020:1", False, 22.1605, 105.6012),
        ("2020:02029:na-pai", False, 22.3211, 105.583),
    ]
    inside = _rows(
        settings,
        "select count(*), count_if(st_contains(b.geom, st_point(v.lon, v.lat))) "
        "from stg_villages as v join stg_boundaries as b "
        "on b.commune_code = split_part(v.commune_id, ':', 2) where v.location_approx",
    )
    assert inside == [(5, 5)]
    schools = _rows(settings, "select school_id, village_id from stg_schools order by school_id")
    assert schools[1] == ("2020:02026:truong-th&thcs-nam-cuong", "2020:02026:na-pai")


def test_placeholders_are_the_same_on_every_build(tmp_path: Path) -> None:
    settings = make_data_dir(tmp_path, [])
    _run(settings, "villages", "import", str(VILLAGES))
    query = "select village_id, lat, lon from stg_villages order by village_id"
    first = _rows(settings, query)
    _run(settings, "build")
    assert _rows(settings, query) == first


def test_a_list_with_problems_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    settings = make_data_dir(tmp_path, [])
    _run(settings, "villages", "import", str(VILLAGES))
    before = settings.db_path.read_bytes()
    bad = tmp_path / "thon_moi.csv"
    bad.write_text("Xã,Thôn\nXã Hà Nội,Nà Pài\n", encoding="utf-8")
    capsys.readouterr()
    assert _run(settings, "villages", "import", str(bad)) == 1
    assert capsys.readouterr().out.splitlines() == [
        "Dòng 2: không tìm thấy xã, thị trấn “Xã Hà Nội” của huyện Chợ Đồn.",
        "Không nhập thon_moi.csv: 1 lỗi ở trên. Danh sách và kho dữ liệu không thay đổi.",
    ]
    assert settings.db_path.read_bytes() == before
    assert [p.name for p in (settings.data_dir / "places" / "villages").iterdir()] == [
        VILLAGES.name
    ]


def test_a_file_that_is_not_a_list_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    settings = make_data_dir(tmp_path, [])
    other = tmp_path / "bao_cao.csv"
    other.write_text("Ngày,Nội dung\n01/02/2024,họp\n", encoding="utf-8")
    assert _run(settings, "schools", "import", str(other)) == 1
    assert "không tìm thấy dòng tiêu đề" in capsys.readouterr().err  # etl.cli: stderr
    assert not (settings.data_dir / "places").exists()
