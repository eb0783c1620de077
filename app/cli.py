"""The ``casefile`` command line: parse, call a service, print.

Each subcommand lives in ``app/commands/<name>.py`` with a ``register`` function
that adds its parser and sets ``handler``; the command modules are imported only
when the full parser is built, so a plain desktop start loads none of them.
Handlers receive the parsed arguments and an open
:class:`~app.core.storage.workspace.Workspace`. Every :class:`CasefileError`
becomes one line on stderr and exit status 1: no tracebacks for a person to read.
A file that cannot be read or written is one line too; anything else (a bug) is one
line saying how to report it, exit status 70 (``CASEFILE_DEBUG=1`` shows the
traceback). Text arguments that are not valid text (bytes that are not UTF-8) are
refused before any command runs, and output never fails on a character the
terminal cannot show.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from app.core.errors import CasefileError

# Arguments that name files: a file's name may hold any bytes the system allows.
_PATH_ARGUMENTS = frozenset(
    {"db", "passphrase_file", "new_passphrase_file", "output", "archive", "report", "file", "path"}
)
EXIT_BUG = 70  # EX_SOFTWARE of sysexits.h: Casefile itself went wrong
REPORT_HINT = (
    "this is a bug in Casefile; please report it with the command you ran "
    "(CASEFILE_DEBUG=1 shows the details)"
)


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
        calendar,
        cases,
        clock,
        court,
        deadlines,
        demo_data,
        encryption,
        history,
        intake,
        person,
        safety,
        sample,
        search,
        server,
        show,
        staff,
        team,
        timeline,
    )

    for module in (
        sample, cases, show, court, clock, deadlines, calendar, archive, brief, search,
        demo_data, safety, history, intake, encryption, timeline, server, staff, team, person,
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


def _printing_never_fails() -> None:
    """Show a character the terminal cannot as an escape instead of failing on it."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors="backslashreplace")
            except (ValueError, OSError):  # a stream already written to in a test
                pass


def _check_text_arguments(args: argparse.Namespace) -> None:
    """Refuse a text argument (a name, a case, a query) that is not valid text: the
    system hands undecodable bytes over as lone surrogates, which nothing can store,
    search or print."""
    from app.core.errors import ValidationError
    from app.core.textrules import storage_problem

    for name, value in vars(args).items():
        for item in value if isinstance(value, list) else [value]:
            if not isinstance(item, str | os.PathLike):
                continue
            if name in _PATH_ARGUMENTS or isinstance(item, os.PathLike):
                problem = _file_name_problem(os.fspath(item))
            else:
                problem = storage_problem(item)
            if problem is not None:
                text = os.fspath(item)
                shown = text.encode("utf-8", "backslashreplace").decode("ascii", "replace")
                if len(shown) > 60:
                    shown = shown[:59] + "…"
                raise ValidationError(
                    name.replace("_", "-"), f"{shown!r} is not valid text: {problem}"
                )


def _file_name_problem(name: str) -> str | None:
    """A file's name may hold any byte the system allows (undecodable ones arrive as
    lone surrogates), but not NUL, and not a surrogate no byte stands for."""
    from app.core.textrules import NOT_UNICODE_MESSAGE, NUL_MESSAGE

    if "\x00" in name:
        return NUL_MESSAGE
    try:
        os.fsencode(name)
    except UnicodeError:
        return NOT_UNICODE_MESSAGE
    return None


def _file_problem(exc: OSError) -> str:
    where = f": {exc.filename}" if exc.filename else ""
    return f"cannot use the file{where}: {exc.strerror or exc}"


def main(argv: Sequence[str] | None = None) -> int:
    _printing_never_fails()
    args = _window_args(argv)
    if args is None:
        args = build_parser().parse_args(argv)
    try:
        return _run(args)
    except CasefileError as exc:
        print(f"casefile: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("casefile: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:
        print(f"casefile: {_file_problem(exc)}", file=sys.stderr)
        return 1
    except Exception as exc:
        if os.environ.get("CASEFILE_DEBUG"):
            raise
        message = " ".join(str(exc).split())[:200]
        what = f"{type(exc).__name__}: {message}" if message else type(exc).__name__
        print(f"casefile: unexpected error ({what}); {REPORT_HINT}", file=sys.stderr)
        return EXIT_BUG


def _run(args: argparse.Namespace) -> int:
    if args.command is None:
        from app.gui.app import run_gui

        return run_gui(args.db)
    from app.commands.encryption import Passphrases, open_with_passphrase
    from app.core.safety.on_open import install_hooks

    _check_text_arguments(args)
    install_hooks()  # every workspace a command opens is quick-checked and backed up
    args.passphrases = Passphrases(args.passphrase_file)
    if getattr(args, "no_workspace", False):
        return int(args.handler(args, None) or 0)
    workspace = open_with_passphrase(args)
    try:
        return int(args.handler(args, workspace) or 0)
    finally:
        workspace.close()
