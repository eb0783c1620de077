"""Forwarding for callers not yet converted: ask through ``ctx.interaction`` instead."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from app.gui.interaction import QtInteraction


def ask_destructive(
    parent: QWidget | None, title: str, text: str, detail: str, action: str
) -> bool:
    """The same as :meth:`QtInteraction.confirm_destructive` (Cancel is the default)."""
    return QtInteraction().confirm_destructive(parent, title, text, detail, action)
