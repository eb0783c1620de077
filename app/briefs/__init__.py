"""Case briefs: a case summarised for a reader, as a Word document or a PDF.

:mod:`~app.briefs.build` makes the plain-data brief (:mod:`~app.briefs.model`) from a
case and a profile (:mod:`~app.briefs.profiles`); :mod:`~app.briefs.docx` and
:mod:`app.briefs.pdf.document` write it; :mod:`~app.briefs.export` does both in one
call for the command line and the desktop app. No Qt here.
"""
