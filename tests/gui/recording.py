"""A stand-in for the app's Interaction: answers from a script and records what was said.

    talk = RecordingInteraction(confirm=[True], files=["/tmp/a.pdf"])
    ctx = AppContext(workspace, interaction=talk)
    ...
    assert talk.said("warn", "could not be written")

Answers are taken in order from the lists given; a question with no answer left is
a test defect and fails loudly instead of blocking on a modal box. ``dialogs`` takes
callables that fill in a dialog and return its result code.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QDialog, QWidget


@dataclass
class Said:
    kind: str
    title: str
    text: str
    detail: str = ""

    def __contains__(self, needle: str) -> bool:
        return needle in f"{self.title}\n{self.text}\n{self.detail}"


@dataclass
class RecordingInteraction:
    confirm: list[bool] = field(default_factory=list)
    yes_no: list[bool] = field(default_factory=list)
    unsaved: list[str] = field(default_factory=list)  # "save", "discard" or "cancel"
    texts: list[str | None] = field(default_factory=list)
    files: list[str | None] = field(default_factory=list)
    file_lists: list[list[str]] = field(default_factory=list)
    saves: list[str | None] = field(default_factory=list)
    dialogs: list[Callable[[QDialog], int]] = field(default_factory=list)
    log: list[Said] = field(default_factory=list)

    # -- what tests read ---------------------------------------------------------------

    def of_kind(self, *kinds: str) -> list[Said]:
        return [s for s in self.log if s.kind in kinds]

    def said(self, kind: str, needle: str = "") -> bool:
        return any(needle in s for s in self.of_kind(kind))

    # -- the Interaction protocol ---------------------------------------------------------

    def confirm_destructive(
        self, parent: QWidget | None, title: str, text: str, detail: str, action: str
    ) -> bool:
        self.log.append(Said("confirm", title, text, detail))
        return _next(self.confirm, "confirm_destructive", text)

    def ask_yes_no(self, parent: QWidget | None, title: str, text: str, detail: str = "") -> bool:
        self.log.append(Said("question", title, text, detail))
        return _next(self.yes_no, "ask_yes_no", text)

    def ask_unsaved_changes(self, parent: QWidget | None, what: str) -> str:
        self.log.append(Said("unsaved", "Unsaved changes", f"Save the changes to this {what}?"))
        return _next(self.unsaved, "ask_unsaved_changes", what)

    def inform(self, parent: QWidget | None, title: str, text: str, detail: str = "") -> None:
        self.log.append(Said("inform", title, text, detail))

    def warn(self, parent: QWidget | None, title: str, text: str, detail: str = "") -> None:
        self.log.append(Said("warn", title, text, detail))

    def ask_text(
        self, parent: QWidget | None, title: str, label: str, *, secret: bool = False
    ) -> str | None:
        self.log.append(Said("text", title, label))
        return _next(self.texts, "ask_text", label)

    def open_file(
        self, parent: QWidget | None, title: str, folder: str | Path = "", filter: str = ""
    ) -> str | None:
        self.log.append(Said("open_file", title, str(folder)))
        return _next(self.files, "open_file", title)

    def open_files(
        self, parent: QWidget | None, title: str, folder: str | Path = "", filter: str = ""
    ) -> list[str]:
        self.log.append(Said("open_files", title, str(folder)))
        return _next(self.file_lists, "open_files", title)

    def save_file(
        self,
        parent: QWidget | None,
        title: str,
        path: str | Path = "",
        filter: str = "",
        *,
        confirm_overwrite: bool = True,
    ) -> str | None:
        self.log.append(Said("save_file", title, str(path)))
        return _next(self.saves, "save_file", title)

    def run_dialog(self, dialog: QDialog) -> int:
        self.log.append(Said("dialog", dialog.windowTitle(), type(dialog).__name__))
        return _next(self.dialogs, "run_dialog", dialog.windowTitle())(dialog)


def _next(answers: list[Any], what: str, about: str) -> Any:
    if not answers:
        raise AssertionError(f"unexpected {what}: {about!r} (no scripted answer left)")
    return answers.pop(0)
