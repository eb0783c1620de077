"""Print and Print preview of a case's brief, drawn by Casefile itself.

The brief is rendered as a PDF in memory (:mod:`.brief_print`); the preview
(:mod:`.preview`) shows its pages on the ``QPrinter``'s paper, rendering each page only
while it is in view, and printing draws them onto the ``QPrinter`` one page image at a
time (:mod:`.pages`) after ``QPrintDialog``: no outside viewer, no ``lp``, and no copy
of the brief on disk.

Why pypdfium2 draws the pages, not QtPdf:

- Size: pypdfium2 is one ~3-9 MB wheel (PDFium built in); QtPdf comes only in
  ``PySide6-Addons``, a wheel of several hundred megabytes with every other add-on module.
- Pin: ``PySide6-Addons`` must match ``PySide6-Essentials`` release for release, so the
  ``<6.12`` pin would bind two packages; pypdfium2 is independent of the Qt version.
- Licence: PDFium and pypdfium2 are Apache-2.0 / BSD-3-Clause, compatible with our GPL-3.0.
- Speed: PDFium (Chrome's PDF engine) renders a page of a brief at 300 dpi in tens of
  milliseconds, and opens a PDF straight from bytes, so an encrypted workspace's brief
  never touches the disk.
"""
