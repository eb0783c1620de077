"""Guards against Qt binding releases that break the app at run time."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    bare = Signal()
    with_int = Signal(int)


def test_emitting_signals_does_not_leak_references_to_true() -> None:
    # PySide6 6.12.0 dropped a reference to True on every emit from Python; after
    # a few thousand emits the interpreter aborts ("deallocating True or False").
    emitter = _Emitter()
    before = sys.getrefcount(True)
    for _ in range(200):
        emitter.bare.emit()
        emitter.with_int.emit(1)
    assert abs(sys.getrefcount(True) - before) < 20
