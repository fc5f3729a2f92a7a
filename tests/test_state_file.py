"""Small state files changed by many processes at once keep every change."""

from __future__ import annotations

import json
import multiprocessing
from pathlib import Path

import pytest

from etl.access import state_file


def _add(path: str, key: str) -> None:
    state_file.update_json(Path(path), lambda d: {**d, key: True}, dict)


def test_parallel_updates_all_kept(tmp_path):
    path = tmp_path / "state.json"
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=_add, args=(str(path), f"k{i}")) for i in range(10)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert sorted(json.loads(path.read_text())) == sorted(f"k{i}" for i in range(10))


def test_write_atomic_private_and_no_leftovers(tmp_path):
    path = tmp_path / "s.json"
    state_file.write_atomic(path, b"{}")
    assert path.stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.json"]


def test_failed_change_leaves_file_as_it_was(tmp_path):
    path = tmp_path / "s.json"
    state_file.update_json(path, lambda d: {"a": 1}, dict)

    def broken(data: dict) -> dict:
        data["b"] = 2
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        state_file.update_json(path, broken, dict)
    assert json.loads(path.read_text()) == {"a": 1}


def _add_user(data_dir: str, index: int) -> None:
    from etl.access import users
    from etl.config import Settings

    settings = Settings.from_env({}, data_dir=data_dir)
    users.add_user(settings, f"user{index}", "viewer", "xanh-la-cay-42")


def test_ten_concurrent_user_additions_all_kept(tmp_path):
    from etl.access import users
    from etl.config import Settings

    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=_add_user, args=(str(tmp_path), i)) for i in range(10)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    names = [u.name for u in users.list_users(Settings.from_env({}, data_dir=tmp_path))]
    assert sorted(names) == sorted(f"user{i}" for i in range(10))


def _remove_user(data_dir: str, name: str) -> None:
    from etl.access import users
    from etl.config import Settings

    users.remove_user(Settings.from_env({}, data_dir=data_dir), name)


def test_a_removed_account_stays_removed_while_others_are_added(tmp_path):
    from etl.access import users
    from etl.config import Settings

    settings = Settings.from_env({}, data_dir=tmp_path)
    users.add_user(settings, "cu_nghi_huu", "admin", "xanh-la-cay-42")
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=_remove_user, args=(str(tmp_path), "cu_nghi_huu"))]
    workers += [context.Process(target=_add_user, args=(str(tmp_path), i)) for i in range(9)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert all(worker.exitcode == 0 for worker in workers)
    names = [u.name for u in users.list_users(settings)]
    assert sorted(names) == sorted(f"user{i}" for i in range(9))
