"""An open case: a list of sections on the left, the chosen section on the right."""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from app.gui import style
from app.gui.sections import LIST_SECTIONS, SECTION_NAMES, SECTION_OF_KIND, SECTION_READS
from app.gui.sections.clock import ClockSection
from app.gui.sections.deadlines import DeadlinesSection
from app.gui.sections.documents import DocumentsSection
from app.gui.sections.list_section import ChronologySection, ListSection
from app.gui.sections.overview import OverviewSection
from app.gui.sections.timeline import TimelineSection
from app.gui.widgets.accessible import tab_order

# After the filter (at the top right), Tab goes through a list page as it reads.
LIST_TAB_ORDER = ("add_button", "edit_button", "delete_button", "table", "detail")

if TYPE_CHECKING:
    from app.core.services.operations import Changes


def target_of_hit(
    ctx: AppContext, kind: str, case_id: int, record_id: int
) -> tuple[str, dict[str, Any]] | None:
    """Where a search hit lives in a case: (section, row key). Search finds people;
    the People section lists their parts in cases, so a person becomes a party."""
    if not case_id:
        return None
    if kind == "person":
        from app.core.lists import links as record_links

        party = record_links.party_of_person(ctx.workspace, case_id, record_id)
        if party is None:
            return None
        kind, record_id = "party", party
    section = SECTION_OF_KIND.get(kind)
    if section is None:
        return None
    return section, ({"record": "event", "id": record_id} if kind == "event" else {"id": record_id})


COMPACT_WIDTH = 760  # a case narrower than this shows its sections as icons only


class PageArea(QScrollArea):
    """A page in a frameless scroll area: a page wider (or taller) than the window has
    room for scrolls, instead of holding the whole window to the widest page's size.
    A page with a ``fit_width`` method is told the width it has before it is laid out,
    so it can make itself narrower (a list's buttons show their icons only)."""

    def __init__(self, page: QWidget, title: str) -> None:
        super().__init__()
        self.setWidget(page)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the page's own controls take the focus
        self.setAccessibleName(title)

    def resizeEvent(self, event: Any) -> None:
        fit_width = getattr(self.widget(), "fit_width", None)
        if fit_width is not None:
            fit_width(event.size().width())
        super().resizeEvent(event)


class CaseView(QWidget):
    """Shows one case. Emits requests; the main window turns them into actions."""

    back_requested = Signal()
    section_changed = Signal(str)
    add_requested = Signal(str)  # record kind
    edit_requested = Signal(str, int)  # record kind, id
    delete_requested = Signal(str, int)
    files_dropped = Signal(list)
    add_files_requested = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.case_id: int | None = None
        # Sections not shown since the case or its data changed; they re-read when shown.
        self._stale: set[str] = set()

        self.back = QToolButton(self)
        self.back.setIcon(style.icon("back"))
        self.back.setText("All cases")
        self.back.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.back.setAutoRaise(True)
        self.back.setToolTip("Back to the list of cases (Alt+Left)")
        self.back.clicked.connect(self.back_requested)

        self.sidebar = QListWidget(self)
        self.sidebar.setIconSize(QSize(20, 20))
        self.sidebar.setFrameShape(QFrame.Shape.NoFrame)
        self.sidebar.setSpacing(1)
        self.sidebar.setAccessibleName("Sections")
        self.sidebar.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.stack = QStackedWidget(self)

        self.overview = OverviewSection(ctx, self)
        self.overview.navigate.connect(self.navigate_to)
        self.overview.edit_requested.connect(self._edit_case)
        self.sections: dict[str, QWidget] = {"overview": self.overview}
        self._add_page("overview", "Overview", "overview", self.overview)
        for name, title, icon_name, noun, plural in LIST_SECTIONS:
            section: ListSection
            if name == "documents":
                section = DocumentsSection(ctx, self)
                section.files_dropped.connect(self.files_dropped)
                section.add_files_requested.connect(self.add_files_requested)
            elif name == "chronology":
                section = ChronologySection(ctx, name, title, icon_name, noun, plural, self)
            elif name == "deadlines":  # the computed deadlines above the hand-added ones
                section = DeadlinesSection(ctx, name, title, icon_name, noun, plural, self)
            else:
                section = ListSection(ctx, name, title, icon_name, noun, plural, self)
            section.navigate.connect(self.navigate_to)
            section.add_requested.connect(
                lambda s=section: self.add_requested.emit(s.record_kind())
            )
            section.edit_requested.connect(
                lambda key, s=section: self.edit_requested.emit(s.record_kind(key), key["id"])
            )
            section.delete_requested.connect(
                lambda key, s=section: self.delete_requested.emit(s.record_kind(key), key["id"])
            )
            self.sections[name] = section
            self._add_page(name, title, icon_name, section)

        self.sections["clock"] = ClockSection(ctx, self)
        self._add_page("clock", "Clock", "clock", self.sections["clock"])
        timeline = TimelineSection(ctx, self)
        timeline.navigate.connect(self.navigate_to)
        self.sections["timeline"] = timeline
        self._add_page("timeline", "Timeline", "timeline", timeline)
        self._wide_sidebar = max(self.sidebar.sizeHintForColumn(0) + 3 * style.MARGIN, 170)
        self.sidebar.setFixedWidth(self._wide_sidebar)
        self.compact = False
        self.sidebar.currentRowChanged.connect(self._section_chosen)

        side = QVBoxLayout()
        side.setContentsMargins(style.SPACING, style.SPACING, 0, style.SPACING)
        side.setSpacing(style.SPACING)
        side.addWidget(self.back, 0, Qt.AlignmentFlag.AlignLeft)
        side.addWidget(self.sidebar, 1)
        divider = QFrame(self)
        divider.setFrameShape(QFrame.Shape.VLine)
        divider.setFrameShadow(QFrame.Shadow.Sunken)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(side)
        layout.addWidget(divider)
        layout.addWidget(self.stack, 1)
        self.sidebar.setCurrentRow(0)
        for section in self.sections.values():  # each list read top to bottom
            if isinstance(section, ListSection):
                tab_order(
                    self.back,
                    self.sidebar,
                    section.filter,
                    *(getattr(section, name, None) for name in LIST_TAB_ORDER),
                )

    def _add_page(self, name: str, title: str, icon_name: str, widget: QWidget) -> None:
        item = QListWidgetItem(style.icon(icon_name), title)
        item.setData(Qt.ItemDataRole.UserRole, name)
        item.setData(Qt.ItemDataRole.AccessibleTextRole, title)  # also when shown as an icon
        item.setData(Qt.ItemDataRole.ToolTipRole, title)
        item.setSizeHint(QSize(0, style.row_height(self) + 8))
        self.sidebar.addItem(item)
        self.stack.addWidget(PageArea(widget, title))

    def resizeEvent(self, event: Any) -> None:
        self.set_compact(event.size().width() < COMPACT_WIDTH)
        super().resizeEvent(event)

    def set_compact(self, compact: bool) -> None:
        """On a narrow window the sections show as icons only (their names as tooltips and
        to screen readers), leaving the width to the section itself."""
        if compact == self.compact:
            return
        self.compact = compact
        for row in range(self.sidebar.count()):
            item = self.sidebar.item(row)
            item.setText("" if compact else item.data(Qt.ItemDataRole.AccessibleTextRole))
        icon_only = self.sidebar.iconSize().width() + 2 * style.MARGIN + style.SPACING
        self.sidebar.setFixedWidth(icon_only if compact else self._wide_sidebar)
        self.back.setToolButtonStyle(
            Qt.ToolButtonStyle.ToolButtonIconOnly
            if compact
            else Qt.ToolButtonStyle.ToolButtonTextBesideIcon
        )

    def _section_chosen(self, row: int) -> None:
        if row < 0:
            return
        self.stack.setCurrentIndex(row)
        self._sync(self.current_section_name())
        self.section_changed.emit(self.current_section_name())

    def _edit_case(self) -> None:
        if self.case_id is not None:
            self.edit_requested.emit("case", self.case_id)

    # -- used by the main window ---------------------------------------------

    def _sync(self, name: str) -> None:
        if name not in self._stale:
            return
        self._stale.discard(name)
        section = self.sections[name]
        if isinstance(section, (ClockSection, TimelineSection)):  # read afresh
            section.set_case(self.case_id)
            return
        assert isinstance(section, ListSection)
        if section.model.case_id != self.case_id:
            section.set_case(self.case_id)
        else:
            section.refresh()

    def _mark_all_stale(self) -> None:
        self._mark_stale({name for name in self.sections if name != "overview"})

    def _mark_stale(self, names: set[str]) -> None:
        self._stale |= names
        self._sync(self.current_section_name())

    def set_case(self, case_id: int | None) -> None:
        self.case_id = case_id
        self.overview.set_case(case_id)
        self._mark_all_stale()

    def current_section_name(self) -> str:
        return SECTION_NAMES[max(0, self.stack.currentIndex())]

    def current_section(self) -> QWidget:
        return self.sections[self.current_section_name()]

    def current_list(self) -> ListSection | None:
        section = self.current_section()
        return section if isinstance(section, ListSection) else None

    def show_section(self, name: str) -> None:
        self.sidebar.setCurrentRow(SECTION_NAMES.index(name))

    def navigate_to(self, name: str, key: dict[str, Any]) -> None:
        """Show section ``name`` and select the row ``key`` (e.g. a cross-link's target)."""
        if name not in self.sections:
            return
        self.show_section(name)
        section = self.sections[name]
        if key and isinstance(section, ListSection):
            section.select_key(key)
            section.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def refresh(self, changes: Changes | None = None) -> None:
        """Re-read the sections that show what ``changes`` names (all, without it): the
        one shown now at once, the others when they are next shown. The overview counts
        everything in the case, so it re-reads after any change."""
        self.overview.refresh()
        if changes is None or changes.everything:
            self._mark_all_stale()
            return
        self._mark_stale({name for name, reads in SECTION_READS.items() if changes.touches(reads)})

    def caption(self) -> str:
        return self.overview.caption.text()

    def save_state(self, settings: MutableMapping[str, Any]) -> None:
        for section in self.sections.values():
            if isinstance(section, ListSection):
                section.save_state(settings)

    def restore_state(self, settings: MutableMapping[str, Any]) -> None:
        for section in self.sections.values():
            if isinstance(section, ListSection):
                section.restore_state(settings)
