"""What the safety subsystem does when a workspace opens: the quick check and today's backup.

Storage cannot call safety (safety is built on it), so :func:`install_hooks` registers
both with storage's open hooks (app/core/storage/hooks.py), together with the backups
as the copies an encrypted workspace leaves unencrypted. The desktop app's opener and
the ``casefile`` command call it before they open a workspace.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.core.safety import backup, backup_files, check
from app.core.storage import db, encryption, hooks

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.engine import URL

    from app.core.storage.workspace import Workspace


def quick_check(engine: Engine, url: URL) -> None:
    """Refuse a damaged SQLite workspace (every open, or daily for a large one)."""
    path = db.sqlite_path(url)
    if path is not None:
        check.quick_check_on_open(engine, url, daily_due=backup_files.backup_due(path))


def start_backup(workspace: Workspace, background: bool) -> None:
    """Today's backup, if it is due; closing the workspace waits for its thread."""
    workspace.backup_thread = backup.start_daily_backup(workspace, background=background)


def install_hooks() -> None:
    """Quick-check and back up every workspace opened from now on. Calling it again is harmless."""
    hooks.register_open_check(quick_check)
    # Before today's backup: an encrypt cut short may have asked to delete the plain ones.
    hooks.register_after_open(encryption.finish_asked_deletion)
    hooks.register_after_open(start_backup)
    hooks.register_copy_finder(backup_files.list_backups)


__all__ = ["install_hooks", "quick_check", "start_backup"]
