"""Walks the QAccessible tree a screen reader sees and lists the controls it would read
without a name.

A control is anything a person operates (buttons, edits, combos, check boxes, spin
boxes, lists, tables, trees, tab bars, sliders); each must have a name. The items of a
list or table are named by their data, so the walk does not go inside views.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QAccessible, QAccessibleInterface
from PySide6.QtWidgets import QAbstractButton, QWidget

Role = QAccessible.Role

INTERACTIVE = {
    Role.PushButton,
    Role.CheckBox,
    Role.RadioButton,
    Role.ComboBox,
    Role.EditableText,
    Role.SpinBox,
    Role.List,
    Role.Table,
    Role.Tree,
    Role.PageTabList,
    Role.PageTab,
    Role.Slider,
    Role.ButtonMenu,
    Role.ButtonDropDown,
    Role.Dial,
    Role.ScrollBar,
}
# Views name their own items from the data; scroll bars are the view's own.
NO_DESCENT = {Role.List, Role.Table, Role.Tree, Role.ComboBox, Role.SpinBox, Role.ScrollBar}
# A scroll bar, a view's own, is read by its orientation: it needs no name of ours.
EXEMPT = {Role.ScrollBar}


@dataclass(frozen=True)
class Unnamed:
    where: str
    role: str
    widget_class: str
    object_name: str
    path: str

    def __str__(self) -> str:
        name = f" objectName={self.object_name!r}" if self.object_name else ""
        return f"{self.where}: {self.widget_class}{name} ({self.role}) at {self.path}"


def _describe(iface: QAccessibleInterface) -> tuple[str, str]:
    obj = iface.object()
    if obj is None:
        return "?", ""
    return type(obj).__name__, obj.objectName()


def _placeholder(iface: QAccessibleInterface) -> bool:
    """A hidden button with neither text nor icon: its words come when it is shown
    (an empty list's button), and until then there is nothing to read or press."""
    obj = iface.object()
    return (
        isinstance(obj, QAbstractButton)
        and not obj.isVisible()
        and not obj.text()
        and obj.icon().isNull()
    )


def unnamed_controls(root: QWidget, where: str, visible_only: bool = False) -> list[Unnamed]:
    """Every interactive control under ``root`` whose accessible name is empty."""
    found: list[Unnamed] = []

    def visit(iface: QAccessibleInterface | None, path: str) -> None:
        if iface is None or not iface.isValid():
            return
        role = iface.role()
        state = iface.state()
        if visible_only and state.invisible:
            return
        cls, obj_name = _describe(iface)
        here = f"{path}/{cls}" + (f"#{obj_name}" if obj_name else "")
        if role in INTERACTIVE and role not in EXEMPT and not _placeholder(iface):
            if not iface.text(QAccessible.Text.Name).strip():
                found.append(Unnamed(where, role.name, cls, obj_name, here))
        if role in NO_DESCENT:
            return
        for i in range(iface.childCount()):
            visit(iface.child(i), here)

    visit(QAccessible.queryAccessibleInterface(root), "")
    return found
