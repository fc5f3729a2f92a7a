"""`python -m etl users add|remove|passwd|list`: manage dashboard logins.

The changes are made and audited by ``etl.access.users``, as the command line
(``etl.access.roles.COMMAND_LINE``); this module parses and prints.
"""

from __future__ import annotations

import argparse
import getpass
import sys

from etl.access import users
from etl.access.roles import COMMAND_LINE
from etl.config import Settings
from etl.present.i18n import t


def register(commands: argparse._SubParsersAction) -> None:
    """Add the ``users`` command group."""
    parser = commands.add_parser("users", help="dashboard logins: add, remove, passwd, list")
    actions = parser.add_subparsers(metavar="ACTION", required=True)
    add = actions.add_parser("add", help="create a login")
    add.add_argument("name")
    add.add_argument("--role", choices=users.ROLES, required=True)
    add.add_argument(
        "--unit", help="unit id a reporter reports for, e.g. vhtt or ubnd_xa:2020:02026"
    )
    add.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    add.set_defaults(handler=_add)
    remove = actions.add_parser("remove", help="delete a login")
    remove.add_argument("name")
    remove.set_defaults(handler=_remove)
    passwd = actions.add_parser("passwd", help="change a password")
    passwd.add_argument("name")
    passwd.add_argument("--password-stdin", action="store_true")
    passwd.set_defaults(handler=_passwd)
    listing = actions.add_parser("list", help="list logins")
    listing.set_defaults(handler=_list)


def _add(settings: Settings, args: argparse.Namespace) -> int:
    try:
        users.add_user(settings, args.name, args.role, _password(args), args.unit, by=COMMAND_LINE)
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    print(t("user_added", name=args.name, role=args.role))
    return 0


def _remove(settings: Settings, args: argparse.Namespace) -> int:
    try:
        users.remove_user(settings, args.name, by=COMMAND_LINE)
    except KeyError:
        print(t("user_unknown", name=args.name), file=sys.stderr)
        return 2
    print(t("user_removed", name=args.name))
    return 0


def _passwd(settings: Settings, args: argparse.Namespace) -> int:
    try:
        users.set_password(settings, args.name, _password(args), by=COMMAND_LINE)
    except KeyError:
        print(t("user_unknown", name=args.name), file=sys.stderr)
        return 2
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    print(t("user_password_changed", name=args.name))
    return 0


def _list(settings: Settings, _args: argparse.Namespace) -> int:
    for user in users.list_users(settings):
        print(f"{user.name}\t{user.role}\t{user.unit_id or ''}")
    return 0


def _password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    return getpass.getpass(t("password_prompt"))
