"""How one search hit is drawn in the search panel.

A hit takes a few lines: its title (a person's name, a statement's speaker and date),
the case it belongs to when the search covers every case, and its snippet wrapped to
at most :data:`SNIPPET_LINES` lines with the matched words in bold. Titles and a
snippet too long for their lines end in an ellipsis, so nothing is cut mid-letter at
the panel's edge. A row is as tall as what it shows at the panel's width.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QPointF, QRect, QSize, Qt
from PySide6.QtGui import (
    QFont,
    QFontMetrics,
    QPainter,
    QPalette,
    QTextCharFormat,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
)

from app.core.search.query import Hit

HIT_ROLE = Qt.ItemDataRole.UserRole + 1
SNIPPET_LINES = 3
PAD = 4  # pixels around a hit's text, inside its row
ELLIPSIS = "…"


def snippet_layout(hit: Hit, font: QFont, width: int, max_lines: int) -> tuple[QTextLayout, bool]:
    """The hit's snippet laid out in at most ``max_lines`` lines of ``width`` pixels,
    its matches in bold; True if text was left over (the last line then leaves room
    for an ellipsis)."""
    layout = QTextLayout(hit.snippet, font)
    bold = QTextCharFormat()
    bold.setFontWeight(QFont.Weight.Bold)
    ranges = []
    for start, end in hit.highlights:
        marked = QTextLayout.FormatRange()
        marked.start, marked.length, marked.format = start, end - start, bold
        ranges.append(marked)
    layout.setFormats(ranges)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    width = max(width, 1)
    more = False
    y = 0.0
    layout.beginLayout()
    for number in range(1, max_lines + 1):
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        line.setPosition(QPointF(0, y))
        y += line.height()
        if number == max_lines and line.textStart() + line.textLength() < len(hit.snippet):
            # Lay the last line out again, short enough for the ellipsis after it.
            line.setLineWidth(max(width - QFontMetrics(font).horizontalAdvance(ELLIPSIS), 1))
            more = True
    layout.endLayout()
    return layout, more


class HitDelegate(QStyledItemDelegate):
    """Draws the items that hold a :class:`Hit` (``HIT_ROLE``); group rows are drawn
    as usual. ``show_case`` says whether each hit names its case (a search of every
    case) or not (a search within the case on screen)."""

    def __init__(self, view: QTreeView, show_case: Callable[[], bool]) -> None:
        super().__init__(view)
        self._view = view
        self._show_case = show_case
        # Snippet line counts by (kind, id, width): sizeHint is asked often, and a
        # layout per ask would be wasted. Cleared when the results change.
        self._lines: dict[tuple[str, int, int], int] = {}

    def forget_sizes(self) -> None:
        self._lines.clear()

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        hit = index.data(HIT_ROLE)
        if not isinstance(hit, Hit):
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        # Background, selection and focus, as for any item.
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        group = (
            QPalette.ColorGroup.Active
            if opt.state & QStyle.StateFlag.State_Active
            else QPalette.ColorGroup.Inactive
        )
        ink = opt.palette.color(
            group, QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        muted = ink if selected else opt.palette.color(group, QPalette.ColorRole.PlaceholderText)
        rect = opt.rect.adjusted(PAD, PAD, -PAD, -PAD)
        metrics = QFontMetrics(opt.font)
        step = metrics.lineSpacing()
        painter.save()
        painter.setClipRect(opt.rect)
        painter.setFont(opt.font)
        y = rect.top()
        for text, secondary in self._heading(hit):
            painter.setPen(muted if secondary else ink)
            line = QRect(rect.left(), y, rect.width(), step)
            elided = metrics.elidedText(text, Qt.TextElideMode.ElideRight, rect.width())
            painter.drawText(
                line, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, elided
            )
            y += step
        if hit.snippet:
            painter.setPen(ink)
            layout, more = snippet_layout(hit, opt.font, rect.width(), SNIPPET_LINES)
            layout.draw(painter, QPointF(rect.left(), y))
            if more:
                last = layout.lineAt(layout.lineCount() - 1)
                where = QPointF(rect.left() + last.naturalTextWidth(), y + last.y())
                painter.drawText(
                    QRect(where.toPoint(), QSize(metrics.horizontalAdvance(ELLIPSIS) + 2, step)),
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                    ELLIPSIS,
                )
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        hit = index.data(HIT_ROLE)
        if not isinstance(hit, Hit):
            return super().sizeHint(option, index)
        width = self._text_width(index)
        step = QFontMetrics(option.font).lineSpacing()
        lines = len(self._heading(hit))
        if hit.snippet:
            key = (hit.kind, hit.id, width)
            count = self._lines.get(key)
            if count is None:
                layout, _more = snippet_layout(hit, option.font, width, SNIPPET_LINES)
                count = self._lines[key] = layout.lineCount()
            lines += count
        return QSize(width + 2 * PAD, lines * step + 2 * PAD)

    def _heading(self, hit: Hit) -> list[tuple[str, bool]]:
        """The lines above the snippet, each with whether it is drawn muted."""
        lines = [(hit.title or "(untitled)", False)]
        if hit.case_caption and self._show_case():
            lines.append((hit.case_caption, True))
        return lines

    def _text_width(self, index: QModelIndex) -> int:
        """The width a hit's text has in the view: the viewport less the indentation
        of the item's level and the padding."""
        view = self._view
        level = 0
        parent = index.parent()
        while parent.isValid():
            level += 1
            parent = parent.parent()
        if view.rootIsDecorated():
            level += 1
        return max(view.viewport().width() - level * view.indentation() - 2 * PAD, 40)


class HitTree(QTreeView):
    """The results tree: rows are as tall as their wrapped snippets, so a change of
    width lays them out again."""

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.scheduleDelayedItemsLayout()
