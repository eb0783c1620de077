"""What else happens when a workspace opens, registered by the subsystems that want it.

Storage never imports the safety subsystem (app/core/safety/), which is built on top
of it. Safety registers its quick check and daily backup here instead
(``app.core.safety.install_hooks``), and the openers that want them call that once: the
desktop app and the ``casefile`` command. Registering twice is harmless.

* An *open check* runs on an existing SQLite workspace before its schema is upgraded,
  with the engine and URL; it raises to refuse the workspace.
* An *after-open* hook runs once an existing workspace is open, with the workspace and
  whether its work belongs in the background (the desktop app). A backup thread it
  starts goes into ``workspace.backup_thread``, which closing the workspace waits for.
* A *copy finder* names the files beside a workspace that hold a copy of it (its
  backups), so encrypting a workspace can say which copies stay unencrypted.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.engine import URL

# The workspace is passed as Any: naming its class here would make workspace.py and this
# module import each other.
Workspace = Any

OpenCheck = Callable[["Engine", "URL"], None]
AfterOpen = Callable[[Workspace, bool], None]
CopyFinder = Callable[[Path], list[Path]]

_open_checks: list[OpenCheck] = []
_after_open: list[AfterOpen] = []
_copy_finders: list[CopyFinder] = []


def register_open_check(check: OpenCheck) -> None:
    if check not in _open_checks:
        _open_checks.append(check)


def register_after_open(hook: AfterOpen) -> None:
    if hook not in _after_open:
        _after_open.append(hook)


def register_copy_finder(finder: CopyFinder) -> None:
    if finder not in _copy_finders:
        _copy_finders.append(finder)


def run_open_checks(engine: Engine, url: URL) -> None:
    for check in list(_open_checks):
        check(engine, url)


def run_after_open(workspace: Workspace, background: bool) -> None:
    for hook in list(_after_open):
        hook(workspace, background)


def copies_of(workspace_file: Path) -> list[Path]:
    """Every file the registered finders know to hold a copy of the workspace."""
    return [copy for finder in list(_copy_finders) for copy in finder(workspace_file)]


def registered() -> tuple[list[OpenCheck], list[AfterOpen], list[CopyFinder]]:
    """Copies of the three registries (for tests, and to see what is installed)."""
    return list(_open_checks), list(_after_open), list(_copy_finders)


def unregister_all() -> None:
    """Forget every hook (tests that open a workspace with storage alone)."""
    _open_checks.clear()
    _after_open.clear()
    _copy_finders.clear()


__all__ = [
    "AfterOpen",
    "CopyFinder",
    "OpenCheck",
    "copies_of",
    "register_after_open",
    "register_copy_finder",
    "register_open_check",
    "registered",
    "run_after_open",
    "run_open_checks",
    "unregister_all",
]
