"""The PDF brief, laid out with reportlab.

:mod:`~app.briefs.pdf.document` is the document template and ``write_pdf``;
:mod:`~app.briefs.pdf.parts` the fonts, styles and flowables; :mod:`~app.briefs.pdf.lines`
the fast plain-text paragraphs; :mod:`~app.briefs.pdf.tables` the tables;
:mod:`~app.briefs.pdf.contents` the table of contents; :mod:`~app.briefs.pdf.canvas` the
canvas that holds pages back until "Page N of M" is known.
"""
