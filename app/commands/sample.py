"""``casefile sample``: add the built-in sample case (once) and print its id."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # keep `casefile --help` fast: no database modules at import time
    from app.core.storage.workspace import Workspace


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "sample",
        help="add the sample case (People v. Derrick Ingram) and print its id",
        description="Add Casefile's built-in sample case, People v. Derrick Ingram, drawn "
        "from a 2020 news article, and print its case id. If the workspace already has it, "
        "nothing is added and the id of the existing case is printed.",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, workspace: Workspace) -> int:
    from app.core.sample import load_sample

    print(load_sample(workspace))
    return 0
