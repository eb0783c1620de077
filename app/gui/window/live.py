"""Live colleagues in the main window: on a server workspace, what others save shows
within a second.

A :class:`~app.core.storage.notify.ChangeListener` hears colleagues' commits on its own
thread; a Qt signal carries each batch to the window's thread, which re-reads what
shows those records the way an undo step does (``MainWindow.show_changes``: the case
list, the sections of the open case, the search results) and tells a form open on one
of them, in a banner at its top, that saving it will be refused. Closing the window or
switching workspace stops the listener and its thread.

Nothing happens on a SQLite workspace (one person, one window). Nothing here imports
SQLAlchemy before a server workspace is followed.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QBoxLayout, QLabel, QMainWindow, QWidget

if TYPE_CHECKING:
    from app.core.storage.notify import Change, ChangeListener
    from app.core.storage.workspace import Workspace

BANNER_NAME = "colleagueChangedBanner"
NOTICE_NAME = "serverDisconnectedNotice"
DISCONNECTED = (
    "Connection to the server lost: colleagues' changes do not show until it is back. Reconnecting…"
)


class LivePart(QObject):
    """The window's ear for colleagues' changes."""

    heard = Signal(object)  # a list of Change, from the listener's thread
    status = Signal(bool)  # connected or not, from the listener's thread

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.listener: ChangeListener | None = None
        # Queued: the listener emits on its own thread, the window re-reads on its own.
        self.heard.connect(self._show, Qt.ConnectionType.QueuedConnection)
        self.status.connect(self._show_status, Qt.ConnectionType.QueuedConnection)
        self.notice: QLabel | None = None  # in the status bar while not hearing

    def follow(self, workspace: Workspace) -> None:
        """Hear the colleagues of ``workspace`` (a server one) instead of the last one's."""
        self.stop()
        if workspace.is_sqlite:
            return
        from app.core.storage.notify import ChangeListener

        try:
            listener = ChangeListener(workspace, self.heard.emit, self.status.emit)
            listener.start()
        except Exception as exc:  # the server refused another connection: work goes on
            self.window.statusBar().showMessage(
                f"Colleagues' changes show when a list is re-read (not live: {exc})", 15000
            )
            return
        self.listener = listener

    def stop(self) -> None:
        """Stop hearing (waits for the listener's thread)."""
        listener, self.listener = self.listener, None
        if listener is not None:
            listener.stop()
        self._show_status(True)

    # -- on the window's thread -------------------------------------------------------

    def _show_status(self, connected: bool) -> None:
        """While the server's connection is lost, a notice stays in the status bar: what
        colleagues save does not show until it is back (then everything is re-read)."""
        if connected:
            if self.notice is not None:
                self.window.statusBar().removeWidget(self.notice)
                self.notice.deleteLater()
                self.notice = None
                if self.listener is not None:
                    self.window.statusBar().showMessage(
                        "Connected to the server again: showing colleagues' changes", 8000
                    )
            return
        if self.listener is None or self.notice is not None:
            return
        notice = QLabel("Server connection lost: reconnecting…", self.window)
        notice.setObjectName(NOTICE_NAME)
        notice.setAccessibleName("Not connected to the server")
        notice.setAccessibleDescription(DISCONNECTED)
        notice.setToolTip(DISCONNECTED)
        notice.setStyleSheet("QLabel { color: palette(highlighted-text);"
                             " background: palette(highlight); padding: 2px 6px; }")  # fmt: skip
        self.window.statusBar().addPermanentWidget(notice)
        self.notice = notice

    def _show(self, batch: list[Change]) -> None:
        if self.listener is None:  # stopped since: the workspace is gone
            return
        from app.core.services.operations import Changes

        if any(change.everything for change in batch):
            changes = Changes(everything=True)
        else:
            changes = Changes.of(pair for change in batch for pair in change.kind_ids())
        show_changes = getattr(self.window, "show_changes", None)
        if changes and show_changes is not None:
            show_changes(changes)
        self._tell_open_forms(batch)
        self._tell_team_joins(batch)

    def _tell_team_joins(self, batch: list[Change]) -> None:
        """Someone joined the team of a case this login sees: say who put them there (an
        admin who added themselves to a walled team is seen by the team at once)."""
        listener = self.listener
        added = {case for c in batch if c.table == "case_team" and c.op == "insert"
                 for case in c.cases}  # fmt: skip
        if listener is None or not added:
            return
        from app.core.server.teams import recent_joins

        since = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=2)
        for case_id in sorted(added):
            for member in recent_joins(listener.workspace, case_id, since):
                self.window.statusBar().showMessage(join_text(case_id, member), 30000)

    def _tell_open_forms(self, batch: list[Change]) -> None:
        from app.core.kinds import KINDS
        from app.gui.forms.record import EntityForm

        for form in self.window.findChildren(EntityForm):
            if form.record_id is None or not form.isVisible():
                continue
            for change in batch:  # the record's own row, not a part of it (a case's clock)
                if change.table == KINDS[form.kind].table and form.record_id in change.records:
                    show_banner(form, banner_text(change))


def banner_text(change: Change) -> str:
    """What a form on a record a colleague just saved says."""
    when = (change.at or dt.datetime.now(dt.UTC)).astimezone().strftime("%H:%M")
    who = change.by or "a colleague"
    if change.op == "delete":
        return f"Deleted by {who} at {when}. Saving this form will be refused."
    return (
        f"Changed by {who} at {when}. This form shows it as it was before: saving will be "
        "refused unless you choose to overwrite their change. Close the form and open the "
        "record again to see theirs."
    )


def join_text(case_id: int, member: dict[str, str]) -> str:
    """What the window says when someone is put on the team of a case it shows."""
    login, by = member["login"], member["added_by"]
    who = f"{by} added themselves" if by == login else f"{by} added {login}"
    when = dt.datetime.fromisoformat(member["added_at"]).astimezone().strftime("%H:%M")
    return f"{who} to case {case_id}'s team, {when}"


def show_banner(form: QWidget, text: str) -> QLabel:
    """Put (or update) the banner at the top of ``form``: a colleague changed its record."""
    banner = form.findChild(QLabel, BANNER_NAME)
    if banner is None:
        banner = QLabel(form)
        banner.setObjectName(BANNER_NAME)
        banner.setWordWrap(True)
        banner.setAccessibleName("Changed by a colleague")
        banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        banner.setStyleSheet(
            "QLabel { background: palette(tool-tip-base); color: palette(tool-tip-text);"
            " border: 1px solid palette(mid); border-radius: 4px; padding: 6px 8px; }"
        )
        layout = form.layout()
        if isinstance(layout, QBoxLayout):
            layout.insertWidget(0, banner)
    banner.setText(text)
    banner.setAccessibleDescription(text)
    banner.setToolTip(text)
    banner.setVisible(True)
    return banner
