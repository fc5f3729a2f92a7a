"""`python -m etl names queue|choose|revoke|list`: place the commune, village and school names
reports typed that matched nothing (the review queue).

The command line acts as an administrator (``etl.access.roles.COMMAND_LINE``);
``etl.imports.name_choices`` checks, commits and audits each choice; this module parses and
prints.
"""

from __future__ import annotations

import argparse

from etl import db
from etl.access.roles import COMMAND_LINE, Refused
from etl.config import Settings
from etl.imports.name_choices import choose, revoke
from etl.present.format import vn_day
from etl.present.i18n import LANGUAGES, t
from etl.reports.name_choices import FIELDS
from etl.sql_files import ETL_SQL, fetch_rows

QUERIES = ETL_SQL / "queries"


def register(commands: argparse._SubParsersAction) -> None:
    """Add the ``names`` command group."""
    parser = commands.add_parser(
        "names", help="review names that matched no commune, village or school"
    )
    parser.add_argument("--lang", choices=LANGUAGES, default="vi", help="language of messages")
    actions = parser.add_subparsers(metavar="ACTION", required=True)
    queue = actions.add_parser("queue", help="rows waiting for a name, with suggestions")
    queue.set_defaults(handler=queue_run)
    pick = actions.add_parser("choose", help="choose the place a waiting row's name means")
    pick.add_argument("submission", metavar="SUBMISSION", help="e.g. S0007")
    pick.add_argument("row", metavar="ROW", type=int, help="the row number in the file")
    pick.add_argument("place", metavar="PLACE_ID", help="a commune, village or school id offered")
    pick.add_argument("--field", choices=FIELDS, help="when the row waits on both")
    pick.set_defaults(handler=choose_run)
    undo = actions.add_parser("revoke", help="revoke a choice: its rows wait again")
    undo.add_argument("choice", metavar="CHOICE", help="e.g. N0001")
    undo.set_defaults(handler=revoke_run)
    listing = actions.add_parser("list", help="every choice, in force or revoked")
    listing.set_defaults(handler=list_run)


def queue_run(settings: Settings, args: argparse.Namespace) -> int:
    """Print the review queue."""
    rows = _read(settings, "names_queue", args.lang)
    if rows is None:
        return 1
    if not rows:
        print(t("names_queue_empty", args.lang))
    for (submission, row, field, value, commune, day, unit_vi, unit_en, status, locked,
         ids, names, _) in rows:  # fmt: skip
        shown = t(f"names_status_{status}", args.lang, period=locked or "")
        suggested = ", ".join(f"{n} ({i})" for i, n in zip(ids, names, strict=True))
        print(t("names_queue_row", args.lang, submission=submission, row=row,
                field=t(f"review_field_{field}", args.lang), value=value, commune=commune,
                day=vn_day(day), unit=unit_vi if args.lang == "vi" else unit_en,
                status=shown, suggested=suggested or "—"))  # fmt: skip
    return 0


def choose_run(settings: Settings, args: argparse.Namespace) -> int:
    """Choose a place for one waiting row."""
    try:
        choice = choose(settings, args.submission, args.row, args.place, field=args.field,
                        by=COMMAND_LINE)  # fmt: skip
    except Refused as refused:
        print(refused.text(args.lang))
        return 1
    print(t("names_chosen", args.lang, choice=choice.choice_id, value=choice.typed,
            place=choice.place_name, place_id=choice.place_id))  # fmt: skip
    return 0


def revoke_run(settings: Settings, args: argparse.Namespace) -> int:
    """Revoke one choice."""
    choice = revoke(settings, args.choice, by=COMMAND_LINE)
    if choice is None:
        print(t("names_not_in_force", args.lang, choice=args.choice))
        return 1
    print(t("names_revoked", args.lang, choice=choice.choice_id, value=choice.typed,
            place=choice.place_name))  # fmt: skip
    return 0


def list_run(settings: Settings, args: argparse.Namespace) -> int:
    """Print every choice."""
    rows = _read(settings, "names_list", args.lang)
    if rows is None:
        return 1
    if not rows:
        print(t("names_list_empty", args.lang))
    for (choice, field, typed, commune, place, place_id, by, at, in_force, revoked_by,
         revoked_at) in rows:  # fmt: skip
        revoked = f"{t('review_revoked', args.lang)} ({revoked_by}, {vn_day(revoked_at)})"
        state = t("review_in_force", args.lang) if in_force else revoked
        print(t("names_list_row", args.lang, choice=choice,
                field=t(f"review_field_{field}", args.lang), value=typed, commune=commune,
                place=place, place_id=place_id, by=by, at=vn_day(at, with_time=True),
                state=state))  # fmt: skip
    return 0


def _read(settings: Settings, query: str, lang: str) -> list[tuple] | None:
    """The rows of ``etl/sql/queries/<query>.sql`` over the warehouse; None (said why) when
    there is no warehouse yet."""
    if not settings.db_path.exists():
        print(t("names_no_warehouse", lang))
        return None
    con = db.connect(settings, read_only=True, extensions=())
    try:
        return fetch_rows(con, QUERIES, query)
    finally:
        con.close()
