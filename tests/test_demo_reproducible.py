"""`python -m etl demo` is byte-for-byte reproducible: no clock value in any file it writes."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from etl.cli import main

# Build outputs and the audit trail (who ran what, when: a clock by design) are not the sample;
# they are gitignored and never committed.
NOT_SAMPLE = ("warehouse.duckdb", "audit.jsonl", ".writer.lock")


def digests(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.relative_to(folder).parts[0].startswith(NOT_SAMPLE)
    }


def test_two_demo_runs_give_identical_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("a", "b"):
        assert main(["--data-dir", str(tmp_path / name), "demo"]) == 0
    capsys.readouterr()
    first, second = digests(tmp_path / "a"), digests(tmp_path / "b")
    assert len(first) > 250  # 328 reports, two lists, the boundaries, the ledger
    assert first == second
    ledger = (tmp_path / "a" / "submissions.csv").read_text(encoding="utf-8")
    assert "2026-10-0" in ledger  # received in the week after the last period (2026-Q3) ends
