"""Pausing Python's cycle collector while a brief is built and laid out.

Reading a case and laying out its brief makes millions of short-lived objects. Each
of the collector's full passes walks every live object - the case's records, the brief,
its story and every page drawn so far - so on a long brief those passes grew faster than
the brief: about a tenth of a 2,500-page export, and a twice-as-long case took more
than twice as long. Reference counting still frees nearly everything as it goes;
what cycles are left are collected when the collector resumes. The peak memory of
that export is the same either way (284 MiB).
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def cycle_collector_paused() -> Iterator[None]:
    """Pause the cycle collector for the block, and put it back as it was."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:  # (another export, on another thread, may have paused it first)
            gc.enable()
