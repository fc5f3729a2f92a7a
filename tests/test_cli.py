from pathlib import Path

from etl import db
from etl.cli import main
from tests.conftest import make_data_dir


def test_build_command_with_options(tmp_path: Path, capsys) -> None:
    settings = make_data_dir(tmp_path, [])
    target = tmp_path / "elsewhere.duckdb"
    code = main(["--data-dir", str(settings.data_dir), "--db", str(target), "build"])
    assert code == 0
    assert "20 xã/communes" in capsys.readouterr().out
    con = db.connect_path(target, read_only=True)
    assert con.execute(
        "select count(*) from commune_boundaries where geography = '2020'"
    ).fetchone() == (20,)


def test_schematic_command_writes_the_default(tmp_path: Path) -> None:
    assert main(["--data-dir", str(tmp_path), "boundaries", "schematic"]) == 0
    assert (tmp_path / "boundaries" / "schematic_communes_2020.geojson").exists()
