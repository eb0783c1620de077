"""Closing the window while work runs in the background: ask, stop it, wait for it.

Every slow action runs on the context's task runner (:mod:`app.gui.tasks`). Closing
the window in the middle would end the program with a transaction half-way or a
temporary file half-written; so the person is asked, the work is told to stop at its
next report (nothing half-done is kept), and the window closes once it has.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.gui.window.host import WindowHost

# What each task on the runner is doing, for the question.
DOING = {
    "archive-import": "importing a case archive",
    "archive-export": "writing a case archive",
    "conflict-check": "checking an imported case for conflicts",
    "statements-reading": "reading a text for its statements",
    "statements-saving": "adding statements",
    "brief": "writing a brief",
    "backup": "backing up the workspace",
    "check": "checking the workspace",
    "history-chain-check": "checking the history",
    "passphrase": "changing the workspace's passphrase",
    "case-delete": "deleting a case",
    "case-restore": "putting back a deleted case",
    "attach-files": "attaching files",
    "attach-reading": "reading files to attach",
}
# Long enough for the slowest step between two reports (a big import's index rebuild).
STOP_TIMEOUT = 120.0


def may_close(window: WindowHost) -> bool:
    """True when nothing runs, or the person chose to stop what runs and it stopped."""
    tasks = window.ctx.tasks
    running = tasks.running()
    if not running:
        return True
    doing = "; ".join(dict.fromkeys(DOING.get(name, name) for name in running))
    if not window.interaction.ask_yes_no(
        window.window(),
        "Casefile is busy",
        f"Casefile is still {doing}. Stop and close?",
        "Work that is stopped changes nothing: an import adds no part of its case, an "
        "export or a backup leaves no file. A passphrase being changed is finished first.",
    ):
        return False
    window.statusBar().showMessage("Stopping\u2026")
    tasks.cancel_all()
    tasks.wait(STOP_TIMEOUT)
    return True
