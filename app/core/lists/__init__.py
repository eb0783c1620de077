"""Reading cases for people to look at: the desktop lists and whole-case reads.

The lists: :mod:`~app.core.lists.columns` (what a list looks like, no SQLAlchemy),
:mod:`~app.core.lists.specs` (its SELECT), :mod:`~app.core.lists.queries` (running it)
and :mod:`~app.core.lists.links` (what is tied to one record). A whole case:
:mod:`~app.core.lists.case_loader` (every record, as plain data) and
:mod:`~app.core.lists.casedump` (that, as ``casefile show --json`` prints it).
No Qt here.
"""
