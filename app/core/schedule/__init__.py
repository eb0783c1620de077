"""Court dates and deadlines: rules kept as data (``rules``), a case's deadlines
(``deadlines``), next court dates (``court_dates``), the office calendar (``agenda``)
and its iCalendar export (``ics``). Everything here is computed on read; nothing is stored.
"""

# The speedy-trial clock's last day joins the computed deadlines (it registers itself).
from app.core.schedule import speedy_trial  # noqa: E402, F401
