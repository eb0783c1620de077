"""The case on a time axis: dated records as marks, laid out and drawn.

:mod:`~app.core.timeline.marks` reads a case's dated events, statements and court
appearances into :class:`Mark` values with a time span that follows each date's
precision; :mod:`~app.core.timeline.layout` places them on a time-scaled axis as one
list of primitive shapes; :mod:`~app.core.timeline.writers` turns that one list into
SVG, PDF or PNG, so the three never disagree. No Qt here.
"""
