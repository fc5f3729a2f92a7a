"""Write the results of a run as Markdown: machine, data sizes, figures, growth, what is missing."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from benchmarks.harness import Figure, ratio, series

INPUT_ROWS = "input rows"

SIZE_COLUMNS = {
    "communes": "communes",
    "villages": "villages",
    "schools": "schools",
    "activities": "activities",
    "geojson_kb": "commune GeoJSON sent, KB",
    "geojson_gzip_kb": "gzipped, KB",
    "map_html_kb": "whole map HTML (with points), KB",
    "map_html_gzip_kb": "gzipped, KB",
}


@dataclass
class Run:
    """Everything one `python -m benchmarks.run` measured."""

    command: str
    started: str
    seconds: float
    machine: dict[str, str]
    sizes: dict[str, dict[str, int]]  # scale → communes, villages, schools, activities
    figures: list[Figure]
    notes: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    timeline: list[tuple[str, str, float]] = field(default_factory=list)  # scale, step, s


def render(run: Run) -> str:
    """The whole RESULTS.md text."""
    parts = [
        "# Benchmark results\n",
        f"Produced by `{run.command}` on {run.started}, in {run.seconds / 60:.1f} min. "
        "Each figure is the median of several runs (min–max in brackets) and a ratio against a "
        "floor measured in the same run, subject and floor runs alternating, so that load from "
        "other processes on the machine falls on both. Peak memory is the peak resident memory "
        "(`ru_maxrss`, or `VmHWM` for the Streamlit servers) of the process that ran the "
        "operation, interpreter, pandas and DuckDB included (~200 MiB for a process that only "
        "opens DuckDB); where subject and floor show the same figure they ran in one process. "
        "How each floor is defined: `benchmarks/README.md`.\n",
        _machine(run.machine),
        _sizes(run.sizes),
        _figures(run.figures),
        _growth(run.figures, run.sizes),
    ]
    if run.timeline:
        steps = ", ".join(
            f"{scale} {step} {seconds:.0f} s" for scale, step, seconds in run.timeline
        )
        parts.append(f"## Where the run's time went\n\n{steps}.\n")
    if run.notes:
        parts.append("## Notes\n\n" + "\n".join(f"- {n}" for n in run.notes) + "\n")
    if run.missing:
        parts.append("## Not measured\n\n" + "\n".join(f"- {m}" for m in run.missing) + "\n")
    return "\n".join(parts)


def growth_rows(
    figures: Sequence[Figure], sizes: Mapping[str, Mapping[str, int]], base: str = "district"
) -> list[dict[str, Any]]:
    """One row per figure measured at ``base`` scale: its median at every scale, the factor
    over ``base``, and the factor of the data it read (its ``input rows`` when it has them,
    else the scale's activities)."""
    by_key: dict[tuple[str, str], dict[str, Figure]] = {}
    for figure in figures:
        by_key.setdefault((figure.case, figure.subject), {})[figure.scale] = figure
    rows = []
    for (case, subject), scales in by_key.items():
        if base not in scales:
            continue
        row: dict[str, Any] = {"case": case, "subject": subject, "medians": {}, "factors": {},
                               "data": {}}  # fmt: skip
        for scale, figure in scales.items():
            row["medians"][scale] = figure.median
            row["factors"][scale] = ratio(figure.median, scales[base].median)
            row["data"][scale] = ratio(_data(figure, sizes), _data(scales[base], sizes))
        rows.append(row)
    return rows


def _data(figure: Figure, sizes: Mapping[str, Mapping[str, int]]) -> float:
    rows = figure.info.get(INPUT_ROWS) or sizes.get(figure.scale, {}).get("activities") or 0
    return float(rows)


def _machine(machine: Mapping[str, str]) -> str:
    lines = ["## Machine\n", "| | |", "|---|---|"]
    lines += [f"| {key} | {value} |" for key, value in machine.items()]
    return "\n".join(lines) + "\n"


def _sizes(sizes: Mapping[str, Mapping[str, int]]) -> str:
    scales = list(sizes)
    lines = ["## Data at each scale\n", "| scale | " + " | ".join(SIZE_COLUMNS.values()) + " |",
             "|---|" + "---:|" * len(SIZE_COLUMNS)]  # fmt: skip
    for scale in scales:
        cells = [_int(sizes[scale].get(c)) for c in SIZE_COLUMNS]
        lines.append(f"| {scale} | " + " | ".join(cells) + " |")
    if "district" in sizes:
        base = sizes["district"]
        for scale in scales[1:]:
            factors = [
                f"×{ratio(sizes[scale].get(c, 0), base[c]):,.0f}" if base.get(c) else "–"
                for c in SIZE_COLUMNS
            ]
            lines.append(f"| {scale} ÷ district | " + " | ".join(factors) + " |")
    return "\n".join(lines) + "\n"


def _figures(figures: Sequence[Figure]) -> str:
    lines = [
        "## Figures\n",
        "| benchmark | scale | median (min–max) | floor | floor median (min–max) | ratio | "
        "peak memory MiB (subject / floor) | facts |",
        "|---|---|---:|---|---:|---:|---:|---|",
    ]
    for f in figures:
        memory = f"{_mb(f.peak_mb)} / {_mb(f.floor_peak_mb)}"
        facts = ", ".join(f"{k} {_fact(v)}" for k, v in f.info.items())
        lines.append(
            f"| {f.subject} | {f.scale} | {series(f.seconds)} | {f.floor} | "
            f"{series(f.floor_seconds)} | **{f.ratio:.2f}×** | {memory} | {facts} |"
        )
    return "\n".join(lines) + "\n"


def _growth(figures: Sequence[Figure], sizes: Mapping[str, Mapping[str, int]]) -> str:
    scales = [s for s in sizes if s != "district"]
    if not scales:
        return "## Growth with the data\n\nOnly one scale was measured.\n"
    header = (
        "| benchmark | district | "
        + " | ".join(f"{s} | growth | data growth" for s in scales)
        + " |"
    )
    base = sizes.get("district", {})
    data = [
        f"{s}: " + ", ".join(
            f"{column} ×{ratio(sizes[s].get(column, 0), base[column]):,.0f}"
            for column in ("communes", "villages", "activities") if base.get(column)
        )
        for s in scales
    ]  # fmt: skip
    lines = [
        "## Growth with the data\n",
        "Median time at each scale and its factor over the district figure, beside the factor "
        "of the data it read (rows of the imported file for the imports, activities otherwise). "
        "Over the district, the data grows by " + "; ".join(data) + ".\n",
        header,
        "|---|---:|" + "---:|---:|---:|" * len(scales),
    ]
    for row in growth_rows(figures, sizes):
        cells = [_seconds(row["medians"]["district"])]
        for scale in scales:
            if scale in row["medians"]:
                cells += [_seconds(row["medians"][scale]), f"×{row['factors'][scale]:,.1f}",
                          f"×{row['data'][scale]:,.0f}"]  # fmt: skip
            else:
                cells += ["–", "–", "–"]
        lines.append(f"| {row['subject']} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def _seconds(value: float) -> str:
    return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"


def _int(value: int | None) -> str:
    return "–" if value is None else f"{value:,}"


def _mb(value: float | None) -> str:
    return "–" if value is None else f"{value:,.0f}"


def _fact(value: object) -> str:
    if isinstance(value, float):
        return f"{value:,.1f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)
