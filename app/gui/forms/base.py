"""The dialog every record form is built on, itself on :class:`app.gui.dialogs.base.Dialog`.

It owns the boring parts so each form only lays out its fields:

* Save / Cancel buttons, Ctrl+Return to save from anywhere, Esc to cancel;
* the unsaved-changes prompt (Save / Discard / Cancel) on Esc or close, asked
  through the context's interaction;
* errors: the core's ``ValidationError.field`` is mapped to its widget, the
  message shown right under the field (floating, so no other field moves), the
  field tinted, focused and its text selected for retyping, and a line beside the
  buttons says the record was not saved. Each goes as soon as the field is changed
  to a value its rule accepts (:meth:`RecordDialog.field_problem`);
* window geometry, remembered per form in the person's settings (the dialog base,
  :mod:`app.gui.dialogs.base`, does it; the key is ``forms/<form_key>/geometry``).

Fields follow one protocol (``value()``, ``set_value()``, ``changed``); see
``app.gui.widgets``. Tab order is the order fields are added.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QBoxLayout,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from app.core.errors import CasefileError, ConflictError, ValidationError
from app.gui.dialogs.base import Buttons, Dialog
from app.gui.interaction import CANCEL, SAVE
from app.gui.widgets.accessible import name_editors
from app.gui.widgets.field_message import FieldMessage
from app.gui.widgets.style import error_color, set_invalid, set_label_color

_VERB_STARTS = ("is ", "are ", "must ", "needs ", "expected ", "has ")


def sentence(label: str, message: str) -> str:
    """ "is required" -> "Verbatim text is required"; full sentences are kept as they are."""
    message = message.strip()
    if message.startswith(_VERB_STARTS):
        return f"{label} {message}"
    return message[:1].upper() + message[1:]


class RecordDialog(Dialog):
    """A modal form for one record. Subclasses add fields and implement ``plan()``."""

    #: Key under which geometry is remembered ("forms/<key>/geometry").
    form_key = "record"
    #: The noun used in prompts ("Save the changes to this statement?").
    noun = "record"
    default_size = (620, 480)

    def __init__(self, ctx: AppContext, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent, title=title, ctx=ctx)
        self.ctx = ctx
        self.setModal(True)
        self.setSizeGripEnabled(True)
        self.fields: dict[str, Any] = {}
        self.labels: dict[str, str] = {}
        self._messages: dict[str, str] = {}
        self._descriptions: dict[str, str] = {}
        self._targets: dict[str, QWidget] = {}
        self._aliases: dict[str, str] = {}
        self._focus_chain: list[QWidget] = []
        self._initial: Any = None
        self._forms: list[tuple[QFormLayout, bool]] = []
        #: Called on Save; raises ValidationError / ConflictError / CasefileError to refuse.
        self.save_handler: Callable[[RecordDialog], None] | None = None

        # Beside the buttons, where the eye goes after Save, in room kept for two
        # lines: showing or clearing it moves no field.
        self.banner = QLabel(self)
        self.banner.setWordWrap(True)
        self.banner.setObjectName("formBanner")
        self.banner.setAccessibleName("Not saved")
        self.banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.banner.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.banner.setMinimumHeight(self.banner.fontMetrics().lineSpacing() * 2 + 4)
        self.banner.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        set_label_color(self.banner, error_color(self.palette()))
        self.banner.setVisible(False)
        self.message = FieldMessage(self)
        self.body = QVBoxLayout()
        self.body.setSpacing(14)
        self.buttons = self.button_box(Buttons.Save | Buttons.Cancel, on_accept=self.try_save)
        self.save_button = self.buttons.button(Buttons.Save)
        self.save_button.setDefault(True)
        self.save_button.setToolTip("Save (Ctrl+Return)")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(18, 16, 18, 14)
        outer.setSpacing(10)
        outer.addLayout(self.body, 1)
        line = QFrame(self)
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        outer.addWidget(line)
        bottom = QHBoxLayout()
        bottom.setSpacing(12)
        bottom.addWidget(self.banner, 1)
        bottom.addWidget(self.buttons)
        outer.addLayout(bottom)
        # The banner's row keeps its height when the banner is hidden.
        policy = self.banner.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.banner.setSizePolicy(policy)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.try_save)

    def name(self) -> str:
        return f"{self.form_key}Form"

    def geometry_key(self) -> str:
        return f"forms/{self.form_key}/geometry"

    # -- building ----------------------------------------------------------------

    def new_form(self, into: QBoxLayout | None = None, stretch: int = 0) -> QFormLayout:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setHorizontalSpacing(12)
        form.setVerticalSpacing(8)
        (into or self.body).addLayout(form, stretch)
        self._forms.append((form, into is None))
        return form

    def section(self, title: str, into: QBoxLayout | None = None) -> QLabel:
        """A caption over a group of fields (bold text and some air, no frame)."""
        caption = QLabel(title)
        font = caption.font()
        font.setBold(True)
        caption.setFont(font)
        (into or self.body).addWidget(caption)
        return caption

    def bind(self, name: str, widget: Any, label: str = "", target: QWidget | None = None) -> Any:
        """Register ``widget`` as the editor of field ``name``."""
        self.fields[name] = widget
        self.labels[name] = label or name.replace("_", " ").capitalize()
        self._targets[name] = target or getattr(widget, "error_target", lambda: widget)()
        if isinstance(widget, QWidget):
            self._focus_chain.append(widget)
        return widget

    def add_row(
        self,
        form: QFormLayout,
        label: str,
        content: QWidget | QLayout,
        names: Iterable[str] = (),
        focus: Iterable[QWidget] = (),
    ) -> QLabel:
        """A labelled row for the fields ``names`` (bound already); ``focus`` lists its
        editors in tab order when the row holds more than one."""
        caption = QLabel(f"{label}:" if label else "")
        if isinstance(content, QLayout):
            holder = QWidget()
            holder.setLayout(content)
            content.setContentsMargins(0, 0, 0, 0)
            # A row of small fields keeps its height; spare room goes to text areas.
            holder.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
            content = holder
        form.addRow(caption, content)
        buddy = next(iter(focus), None) or content
        caption.setBuddy(buddy)
        for widget in focus:
            if widget not in self._focus_chain:
                self._focus_chain.append(widget)
        del names  # errors float under each field's own editor (FieldMessage)
        return caption

    def add_block(
        self, caption: str, widget: QWidget, names: Iterable[str], stretch: int = 1
    ) -> QLabel:
        """A full-width field under its caption (the verbatim text)."""
        label = QLabel(caption)
        label.setBuddy(widget)
        box = QVBoxLayout()
        box.setSpacing(4)
        box.addWidget(label)
        box.addWidget(widget, 1)
        self.body.addLayout(box, stretch)
        del names  # errors float under the field (FieldMessage)
        return label

    def field(
        self,
        form: QFormLayout,
        name: str,
        widget: Any,
        label: str,
        *,
        row_label: str | None = None,
    ) -> Any:
        """Bind one field and give it its own row."""
        self.bind(name, widget, label)
        self.add_row(form, label if row_label is None else row_label, widget, [name])
        return widget

    def alias(self, core_field: str, form_field: str) -> None:
        """Errors the core reports for ``core_field`` belong to ``form_field`` here."""
        self._aliases[core_field] = form_field

    def finish(self) -> None:
        """Call once the fields are laid out and loaded: fixes tab order and cleanliness."""
        self._align_label_columns()
        chain = []
        for widget in self._focus_chain:
            while widget.focusProxy() is not None:  # composite fields focus their editor
                widget = widget.focusProxy()
            if widget.focusPolicy() != Qt.FocusPolicy.NoFocus and widget not in chain:
                chain.append(widget)
        name_editors(self.fields, self.labels)  # what a screen reader reads for each
        chain += [self.save_button, self.buttons.button(Buttons.Cancel)]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)
        if chain:
            chain[0].setFocus(Qt.FocusReason.OtherFocusReason)
        for widget in self.fields.values():
            signal = getattr(widget, "changed", None)
            if signal is not None:
                # A bound method, not a lambda holding ``self``: a closed form is freed.
                signal.connect(self._on_field_changed)
        self.mark_clean()

    def _align_label_columns(self) -> None:
        # Forms stacked in the body (above and below the statement text) share one
        # label width so their fields start on the same line.
        stacked = [form for form, in_body in self._forms if in_body]
        labels = []
        for form in stacked:
            for row in range(form.rowCount()):
                item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
                if item is not None and isinstance(item.widget(), QLabel):
                    labels.append(item.widget())
        width = max((label.sizeHint().width() for label in labels), default=0)
        for label in labels:
            label.setMinimumWidth(width)
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    # -- values -------------------------------------------------------------------

    def collect(self) -> dict[str, Any]:
        return {name: widget.value() for name, widget in self.fields.items()}

    def load_values(self, values: Mapping[str, Any]) -> None:
        for name, value in values.items():
            if name in self.fields:
                self.fields[name].set_value(value)

    def mark_clean(self) -> None:
        self._initial = self.collect()

    def is_dirty(self) -> bool:
        return self.collect() != self._initial

    # -- errors --------------------------------------------------------------------

    def clear_errors(self) -> None:
        for name in list(self._messages):
            self.clear_error(name)
        self.banner.setVisible(False)

    def clear_error(self, name: str) -> None:
        """Take back the message, tint and description shown for field ``name``."""
        self._messages.pop(name, None)
        target = self._targets.get(name)
        if target is not None:
            set_invalid(target, False)
            if name in self._descriptions:
                target.setAccessibleDescription(self._descriptions.pop(name))
            if self.message.target is target:
                self.message.clear_target()
        widget = self.fields.get(name)
        if hasattr(widget, "set_error"):
            widget.set_error(None)

    def show_error(self, field: str, message: str) -> None:
        name = self._aliases.get(field, field)
        label = self.labels.get(name, name.replace("_", " ").capitalize())
        text = sentence(label, message)
        self._messages[name] = text
        widget = self.fields.get(name)
        target = self._targets.get(name)
        if hasattr(widget, "set_error"):
            widget.set_error(text)  # the widget has its own place for it (a date's reading)
        elif target is not None:
            self.message.show_for(target, text)
        if target is not None:
            set_invalid(target, True)
            # A screen reader reads the message with the field's name.
            self._descriptions.setdefault(name, target.accessibleDescription())
            target.setAccessibleDescription(text)
            target.setFocus(Qt.FocusReason.OtherFocusReason)
            if isinstance(target, QLineEdit):
                target.selectAll()  # what is typed next replaces the refused value
            self.message.place()
        self.show_banner(f"Not saved. {text}" if name in self.fields else f"Not saved: {text}")

    def show_banner(self, text: str) -> None:
        self.banner.setText(text)
        self.banner.setToolTip(text)
        self.banner.setVisible(True)

    def error_text(self, name: str) -> str:
        """The message shown for ``name`` (tests and screen readers)."""
        return self._messages.get(name, "")

    def field_problem(self, name: str) -> str | None:
        """What is still wrong with field ``name`` alone, or None when its rule accepts
        it. Forms that know the rules say; by default any change is taken as a fix."""
        del name
        return None

    def _on_field_changed(self) -> None:
        sender = self.sender()
        name = next((n for n, w in self.fields.items() if w is sender), "")
        self._on_changed(name)

    def _on_changed(self, name: str) -> None:
        # A refused field's message goes the moment the field holds a value its rule
        # accepts (and says the new problem while it does not); the banner goes with
        # the last message. A banner about the whole record goes at the first change.
        if name in self._messages:
            problem = self.field_problem(name)
            if problem is None:
                self.clear_error(name)
            else:
                label = self.labels.get(name, name)
                text = sentence(label, problem)
                self._messages[name] = text
                widget = self.fields.get(name)
                if hasattr(widget, "set_error"):
                    widget.set_error(text)
                elif self.message.target is self._targets.get(name):
                    self.message.setText(text)
                    self.message.place()
                self.show_banner(f"Not saved. {text}")
                return
        if self.banner.isVisible() and not self._messages:
            self.banner.setVisible(False)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self.message.place()

    # -- saving and closing ---------------------------------------------------------

    def try_save(self) -> bool:
        """Save through ``save_handler``; on a refusal keep the dialog open and say why."""
        self.clear_errors()
        try:
            if self.save_handler is not None:
                self.save_handler(self)
        except ValidationError as exc:
            self.show_error(exc.field, exc.message)
            return False
        except ConflictError as exc:
            self.show_banner(
                f"Not saved: {exc}. Save again to reload their version or overwrite it."
            )
            return False
        except CasefileError as exc:
            self.show_banner(f"Not saved: {exc}")
            return False
        self._initial = self.collect()
        self.accept()
        return True

    def reject(self) -> None:
        if self.is_dirty():
            answer = self.interaction.ask_unsaved_changes(self, self.noun)
            if answer == SAVE:
                self.try_save()
                return
            if answer == CANCEL:
                return
        super().reject()


def expanding(widget: QWidget) -> QWidget:
    widget.setSizePolicy(QSizePolicy.Policy.Expanding, widget.sizePolicy().verticalPolicy())
    return widget
