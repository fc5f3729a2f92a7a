"""`python -m etl boundaries ...`: commune boundaries (schematic default, official import)."""

from __future__ import annotations

import argparse
from pathlib import Path

from etl.access.roles import COMMAND_LINE, Refused
from etl.config import Settings
from etl.geography import gazetteer
from etl.geography.boundary_read import BoundaryError
from etl.geography.schematic import SCHEMATIC_FILE, write_schematic
from etl.imports.boundaries import BoundaryReport, import_boundaries, reset_boundaries
from etl.present.i18n import LANGUAGES, t


def register(commands: argparse._SubParsersAction) -> None:
    """Add the ``boundaries`` command group."""
    parser = commands.add_parser("boundaries", help="commune boundaries")
    actions = parser.add_subparsers(metavar="ACTION", required=True)
    schematic = actions.add_parser("schematic", help="regenerate the schematic default")
    schematic.set_defaults(handler=schematic_run)
    imported = actions.add_parser("import", help="use an official boundary file")
    imported.add_argument(
        "path", type=Path, help="GeoJSON, Shapefile (.shp, folder, .zip), GPKG, KML"
    )
    imported.add_argument("--crs", help="CRS when the file has none, e.g. 9213 or EPSG:3405")
    imported.add_argument("--code-field", help="column with the GSO commune code")
    imported.add_argument("--name-field", help="column with the commune name")
    imported.add_argument("--source", help="source label shown with the map (default: file name)")
    imported.add_argument("--lang", choices=LANGUAGES, default="vi", help="message language")
    reset = actions.add_parser("reset", help="drop the official file, back to the schematic")
    reset.add_argument("--lang", choices=LANGUAGES, default="vi", help="message language")
    for action in (imported, reset):
        action.add_argument(
            "--override-lock", action="store_true", help="even if a locked period moves (audited)"
        )
    imported.set_defaults(handler=import_run)
    reset.set_defaults(handler=reset_run)


def schematic_run(settings: Settings, _args: argparse.Namespace) -> int:
    """Write the schematic default boundary file into the data folder."""
    target = settings.boundaries_dir / SCHEMATIC_FILE
    path = write_schematic(gazetteer.extract_communes_2020(), target)
    print(f"Ranh giới minh họa / schematic boundaries: {path.name}")
    return 0


def import_run(settings: Settings, args: argparse.Namespace) -> int:
    """Import an official file; print what was found. Exit 1 when nothing changed."""
    lang = args.lang
    try:
        report = import_boundaries(
            settings, args.path, crs=args.crs, code_field=args.code_field,
            name_field=args.name_field, source=args.source, by=COMMAND_LINE,
            override_lock=args.override_lock,
        )  # fmt: skip
    except BoundaryError as error:
        print(t(error.key, lang, **error.fields))
        return 1
    except Refused as refused:  # a locked period's figures or maps would change
        print(refused.text(lang))
        return 1
    for line in report_lines(report, lang):
        print(line)
    return 0 if report.stored else 1


def reset_run(settings: Settings, args: argparse.Namespace) -> int:
    """Remove the imported official file and rebuild with the schematic default."""
    try:
        reset_boundaries(settings, by=COMMAND_LINE, override_lock=args.override_lock)
    except Refused as refused:
        print(refused.text(args.lang))
        return 1
    print(t("boundaries_reset", args.lang))
    return 0


def report_lines(report: BoundaryReport, lang: str) -> list[str]:
    """The import report as sentences in ``lang``."""
    lines = [
        t("boundaries_read", lang, file=report.file_name, features=report.features,
          crs=report.crs, code_field=report.code_field or "—",
          name_field=report.name_field or "—"),
        t("boundaries_matched", lang, matched=report.matched),
    ]  # fmt: skip
    if report.repaired:
        lines.append(t("boundaries_repaired", lang, count=report.repaired))
    if report.unmatched:
        shown = ", ".join(report.unmatched[:10]) + (" …" if len(report.unmatched) > 10 else "")
        lines.append(t("boundaries_unmatched", lang, count=len(report.unmatched), labels=shown))
    for commune, parts in report.joined.items():
        lines.append(t("boundaries_joined", lang, commune=commune, parts=" + ".join(parts)))
    if report.missing:
        lines.append(t("boundaries_missing", lang, names=", ".join(report.missing)))
    if report.duplicates:
        lines.append(t("boundaries_duplicates", lang, names=", ".join(report.duplicates)))
    if report.overlaps:
        a, b, largest = max(report.overlaps, key=lambda o: o[2])
        total = sum(o[2] for o in report.overlaps)
        lines.append(t("boundaries_overlaps", lang, count=len(report.overlaps), a=a, b=b,
                       km2=_number(total, lang), largest=_number(largest, lang)))  # fmt: skip
    if report.gaps:
        lines.append(t("boundaries_gaps", lang, count=len(report.gaps),
                       km2=_number(sum(report.gaps), lang),
                       largest=_number(report.gaps[0], lang)))  # fmt: skip
    if not report.overlaps and not report.gaps:
        lines.append(t("boundaries_clean", lang))
    lines.append(t("boundaries_web_size", lang, kb=_number(report.web_bytes / 1000, lang, 1)))
    if report.stored:
        lines.append(t("boundaries_stored", lang, source=report.source))
    else:
        lines.append(t("boundaries_refused", lang, file=report.file_name))
    return lines


def _number(value: float, lang: str, digits: int = 3) -> str:
    text = f"{value:.{digits}f}"
    return text.replace(".", ",") if lang == "vi" else text
