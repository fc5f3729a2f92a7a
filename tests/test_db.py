"""Connections: a read-only connection reads the warehouse file as it is now."""

import os
from pathlib import Path

import duckdb
import pytest

from etl import db


def test_a_swapped_in_file_is_read_while_an_old_connection_is_open(tmp_path: Path) -> None:
    path, fresh = tmp_path / "warehouse.duckdb", tmp_path / "warehouse.duckdb.building"
    for target, value in ((path, 1), (fresh, 2)):
        con = db.connect_path(target)
        con.execute("create table t as select ? as v", [value])
        con.close()
    old = db.connect_path(path, read_only=True)
    os.replace(fresh, path)  # what etl.pipeline.build does
    new = db.connect_path(path, read_only=True)
    assert old.execute("select v from t").fetchall() == [(1,)]
    assert new.execute("select v from t").fetchall() == [(2,)]
    old.close()
    new.close()


def test_a_read_only_connection_cannot_write(tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    db.connect_path(path).close()
    con = db.connect_path(path, read_only=True)
    try:
        con.execute("create table t as select 1")
    except Exception as error:  # DuckDB's InvalidInputException
        assert "read-only" in str(error) or "attached in read-only mode" in str(error)
    else:
        raise AssertionError("a read-only connection wrote a table")
    finally:
        con.close()


def test_a_connection_may_skip_the_extensions(tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    con = db.connect_path(path)
    con.execute("create table t as select 'Bằng Lũng' as name, st_point(105.8, 22.15) as geom")
    con.close()
    bare = db.connect_path(path, read_only=True, extensions=())
    try:
        assert bare.execute("select name from t").fetchall() == [("Bằng Lũng",)]
        with pytest.raises(duckdb.CatalogException, match="spatial"):
            bare.execute("select st_x(geom) from t").fetchall()
    finally:
        bare.close()
    with pytest.raises(ValueError, match="extensions must be among"):
        db.connect_path(path, extensions=("httpfs",))
