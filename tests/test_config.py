from pathlib import Path

from etl.config import REPO_ROOT, Settings


def test_defaults_are_inside_the_repository() -> None:
    settings = Settings.from_env({})
    assert settings.data_dir == REPO_ROOT / "data"
    assert settings.db_path == REPO_ROOT / "data" / "warehouse.duckdb"


def test_environment_points_elsewhere(tmp_path: Path) -> None:
    env = {"CHODON_DATA_DIR": str(tmp_path / "in"), "CHODON_DB": str(tmp_path / "w.duckdb")}
    settings = Settings.from_env(env)
    assert settings.data_dir == tmp_path / "in"
    assert settings.db_path == tmp_path / "w.duckdb"
    assert settings.activities_dir == tmp_path / "in" / "activities"


def test_arguments_beat_the_environment(tmp_path: Path) -> None:
    env = {"CHODON_DB": str(tmp_path / "env.duckdb")}
    settings = Settings.from_env(env, db_path=tmp_path / "arg.duckdb")
    assert settings.db_path == tmp_path / "arg.duckdb"


def test_database_follows_the_data_folder(tmp_path: Path) -> None:
    settings = Settings.from_env({}, data_dir=tmp_path)
    assert settings.db_path == tmp_path / "warehouse.duckdb"


def test_viewing_is_open_unless_login_is_required() -> None:
    assert Settings.from_env({}).require_login is False
    assert Settings.from_env({"CHODON_REQUIRE_LOGIN": "1"}).require_login is True
    assert Settings.from_env({"CHODON_REQUIRE_LOGIN": "yes"}).require_login is True
    assert Settings.from_env({"CHODON_REQUIRE_LOGIN": "0"}).require_login is False


def test_a_misspelt_login_setting_is_refused() -> None:
    import pytest

    with pytest.raises(ValueError, match="CHODON_REQUIRE_LOGIN must be one of"):
        Settings.from_env({"CHODON_REQUIRE_LOGIN": "maybe"})


def test_every_field_has_one_environment_variable() -> None:
    import dataclasses

    from etl import config

    fields = {f.name for f in dataclasses.fields(Settings)}
    assert set(config.ENVIRONMENT) == fields
    constants = {v for k, v in vars(config).items() if k.startswith("ENV_")}
    assert set(config.ENVIRONMENT.values()) == constants


def test_the_readme_lists_every_setting() -> None:
    """Each settings table of the README (Vietnamese, then English) names every environment
    variable of ``etl.config`` and no other, as Datasette's documentation tests do."""
    import re

    from etl import config

    readme = (config.REPO_ROOT / "README.md").read_text(encoding="utf-8")
    tables = re.findall(r"^## (?:Cấu hình|Settings)\n(.*?)(?=^#)", readme, re.M | re.S)
    assert len(tables) == 2
    for table in tables:
        rows = [line for line in table.splitlines() if line.startswith("| ")]
        named = {m for line in rows for m in re.findall(r"`(CHODON_[A-Z_]+)`", line)}
        assert named == set(config.ENVIRONMENT.values())
        assert len(rows) == len(config.ENVIRONMENT) + 1  # a header row, then one row a setting
