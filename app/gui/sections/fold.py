"""The splitter between a list and its detail pane: side by side on a wide window, the
detail folded under the list on a narrow one (and back beside it when wide again).

Each way keeps its own proportions, so a pane the person dragged wider side by side is
as wide again when the window grows back, whatever they did while it was folded.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QSplitter, QWidget

# Below this width (pixels) the list and the detail pane side by side leave the list's
# main text too little room: the detail pane goes under it. In pixels, not characters,
# so zooming the text does not move the detail pane about under the person's eyes.
FOLD_WIDTH = 900
UNFOLD_MARGIN = 40  # pixels wider than that before it comes back beside: no flicker at the edge
BESIDE = Qt.Orientation.Horizontal
BELOW = Qt.Orientation.Vertical


class FoldingSplitter(QSplitter):
    """A two-pane splitter that turns vertical below a width (always, if ``always_below``)."""

    folded = Signal(bool)  # True: the second pane is now below the first

    def __init__(self, always_below: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(BELOW if always_below else BESIDE, parent)
        self.always_below = always_below
        # Each orientation's split, as shares of the whole (first pane, second pane).
        self.shares: dict[Qt.Orientation, tuple[float, float]] = {
            BESIDE: (0.64, 0.36),
            BELOW: (0.6, 0.4),
        }
        self.splitterMoved.connect(self._remember_shares)

    def fold_width(self) -> int:
        return FOLD_WIDTH

    def is_folded(self) -> bool:
        return self.orientation() == BELOW

    def resizeEvent(self, event: Any) -> None:
        self.follow_width(event.size().width())
        super().resizeEvent(event)

    def follow_width(self, width: int | None = None) -> None:
        """Fold or unfold for ``width`` (the splitter's own, if not given)."""
        width = self.width() if width is None else width
        if self.always_below or width < self.fold_width():
            wanted = BELOW
        elif width >= self.fold_width() + UNFOLD_MARGIN:
            wanted = BESIDE
        else:
            wanted = self.orientation()
        if wanted != self.orientation():
            self._remember_shares()
            self.setOrientation(wanted)
            self.apply_shares()
            self.folded.emit(wanted == BELOW)

    def restore(self, state: bytes) -> None:
        """Bring back a saved split: its proportions for the way it was saved (beside or
        below); the window's width decides which way it shows, when it is next sized."""
        if not self.restoreState(state):
            return
        sizes = self.sizes()
        if len(sizes) == 2 and sum(sizes) > 0:
            self.shares[self.orientation()] = (sizes[0] / sum(sizes), sizes[1] / sum(sizes))
        if self.always_below and self.orientation() != BELOW:
            self.setOrientation(BELOW)
            self.apply_shares()
        elif self.width() > 0 and self.isVisible():
            self.follow_width()

    def apply_shares(self) -> None:
        first, second = self.shares[self.orientation()]
        self.setSizes([round(first * 1000), round(second * 1000)])  # proportions

    def _remember_shares(self, *_args: Any) -> None:
        sizes = self.sizes()
        if len(sizes) == 2 and sum(sizes) > 0 and self.isVisible():
            total = sum(sizes)
            self.shares[self.orientation()] = (sizes[0] / total, sizes[1] / total)
