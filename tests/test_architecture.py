"""docs/architecture.md names every folder and top-level module of etl/, and nothing else."""

from __future__ import annotations

import ast
import re

from etl.config import REPO_ROOT

ETL = REPO_ROOT / "etl"
PAGE = REPO_ROOT / "docs" / "architecture.md"


def _tree() -> list[str]:
    text = PAGE.read_text(encoding="utf-8")
    block = re.search(r"## The tree\n\n```\n(.*?)```", text, re.S)
    assert block, "docs/architecture.md has no tree"
    return block.group(1).splitlines()


def _etl_entries() -> list[str]:
    """The names on the lines indented once under ``etl/`` (folders end in ``/``)."""
    lines = _tree()
    start = lines.index(next(line for line in lines if line.startswith("etl/")))
    names: list[str] = []
    for line in lines[start + 1 :]:
        if not line.startswith("  "):
            break
        if not line.startswith("   "):
            names += line.split("  ")[1].split()
    return names


def test_the_page_names_every_etl_folder_and_top_level_module() -> None:
    named = set(_etl_entries())
    folders = {f"{p.name}/" for p in ETL.iterdir() if p.is_dir() and not p.name.startswith("_")}
    modules = {p.name for p in ETL.glob("*.py") if p.name != "__init__.py"}
    assert folders | modules == named


def test_the_page_names_every_sql_folder() -> None:
    lines = _tree()
    start = next(i for i, line in enumerate(lines) if line.strip().startswith("sql/"))
    named = set()
    for line in lines[start + 1 :]:
        if not line.startswith("    "):
            break
        named |= {n for n in line.split("  ")[2].split() if n.endswith("/")}
    assert named == {f"{p.name}/" for p in (ETL / "sql").iterdir() if p.is_dir()}


def test_etl_keeps_a_small_spine() -> None:
    assert len(list(ETL.glob("*.py"))) <= 12


def test_every_etl_package_says_what_it_is_for_in_one_line() -> None:
    for init in sorted(ETL.glob("*/__init__.py")):
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert doc, f"{init.parent.name}/__init__.py has no docstring"
        assert "\n" not in doc.strip() or init.parent.name in {"demo", "commands"}, init
