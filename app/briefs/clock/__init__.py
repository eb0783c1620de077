"""The stand-alone speedy-trial exhibit, "Speedy-trial computation (CPL 30.30)".

``clock_exhibit(ws, case, as_of)`` gathers the case and its clock
(:class:`~app.briefs.clock.model.ClockExhibit`); ``write_clock_exhibit(exhibit, path,
fmt)`` writes it as PDF (:mod:`.pdf`) or Word (:mod:`.docx`), whole or not at all.
"""

from __future__ import annotations

from app.briefs.clock.export import clock_exhibit, exhibit_format, write_clock_exhibit
from app.briefs.clock.model import ClockExhibit

__all__ = ["ClockExhibit", "clock_exhibit", "exhibit_format", "write_clock_exhibit"]
