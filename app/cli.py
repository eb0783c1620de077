"""The ``casefile`` command line: parse, call a service, print.

Each subcommand lives in ``app/commands/<name>.py`` with a ``register`` function
that adds its parser and sets ``handler``; the command modules are imported only
when the full parser is built, so a plain desktop start loads none of them.
Handlers receive the parsed arguments and an open
:class:`~app.core.storage.workspace.Workspace`. Every :class:`CasefileError`
becomes one line on stderr and exit status 1: no tracebacks for a person to read.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import NoReturn

from app.core.errors import CasefileError


class _NotTheWindow(Exception):
    """The arguments are not a plain desktop start: parse them with the full parser."""


class _WindowParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _NotTheWindow(message)


def _add_global_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        metavar="PATH|URL",
        help="workspace file or database URL (default: $CASEFILE_DB, else your workspace)",
    )
    parser.add_argument(
        "--passphrase-file",
        metavar="FILE",
        help="the passphrase of an encrypted workspace or archive, on the first line of FILE "
        "(default: $CASEFILE_PASSPHRASE, else asked when needed)",
    )


def build_parser() -> argparse.ArgumentParser:
    from app.version import app_version

    parser = argparse.ArgumentParser(
        prog="casefile",
        description="Casefile: case files for defender and legal aid offices. "
        "With no command, opens the desktop app.",
    )
    parser.add_argument("--version", action="version", version=f"casefile {app_version()}")
    _add_global_options(parser)
    _add_commands(parser.add_subparsers(dest="command", metavar="COMMAND"))
    return parser


def _add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Every subcommand, in the order ``casefile --help`` lists them."""
    from app.commands import (
        archive,
        brief,
        cases,
        demo_data,
        encryption,
        history,
        intake,
        safety,
        sample,
        search,
        show,
    )

    for module in (
        sample, cases, show, archive, brief, search, demo_data, safety, history, intake, encryption
    ):  # fmt: skip
        module.register(commands)


def _window_args(argv: Sequence[str] | None) -> argparse.Namespace | None:
    """The options of a plain desktop start (no command, no --help or --version), parsed
    without importing every command module; None for anything else."""
    words = list(sys.argv[1:] if argv is None else argv)
    if any(w in ("-h", "--help", "--version") or w.startswith("--v") for w in words):
        return None
    parser = _WindowParser(prog="casefile", add_help=False, allow_abbrev=False)
    _add_global_options(parser)
    try:
        args, rest = parser.parse_known_args(words)
    except _NotTheWindow:
        return None
    if rest:
        return None
    args.command = None
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = _window_args(argv)
    if args is None:
        args = build_parser().parse_args(argv)
    try:
        if args.command is None:
            from app.gui.app import run_gui

            return run_gui(args.db)
        from app.commands.encryption import Passphrases, open_with_passphrase
        from app.core.safety.on_open import install_hooks

        install_hooks()  # every workspace a command opens is quick-checked and backed up
        args.passphrases = Passphrases(args.passphrase_file)
        if getattr(args, "no_workspace", False):
            return int(args.handler(args, None) or 0)
        workspace = open_with_passphrase(args)
        try:
            return int(args.handler(args, workspace) or 0)
        finally:
            workspace.close()
    except CasefileError as exc:
        print(f"casefile: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("casefile: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
