"""Entry point of the frozen build: the same main() as the `casefile` command.

With ``CASEFILE_PACKAGE_CHECK`` naming an empty folder, the build instead checks, inside
its own frozen process, what only the GUI libraries do (``make package-test`` reads the
results back): the sample case's brief printed to a PDF file through a real ``QPrinter``,
the print preview of that brief, and the document viewer opened on a PDF attachment.
Nothing else is read or written, and only in that folder.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

CHECK_VAR = "CASEFILE_PACKAGE_CHECK"


def package_check(folder: Path) -> int:
    """Print, preview and view in the build; ``folder/check.json`` says what was seen."""
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QApplication

    from app.context import AppContext
    from app.core.sample import load_sample
    from app.core.services import documents
    from app.core.storage.workspace import open_workspace
    from app.gui.interaction import QtInteraction
    from app.gui.printing.brief_print import brief_pdf, brief_printer, preview_dialog
    from app.gui.printing.pages import paint_pdf
    from app.gui.viewer import open_document_viewer

    app = QApplication(sys.argv[:1])
    ws = open_workspace(folder / "check.casefile", user="package-check")
    try:
        case_id = load_sample(ws)
        pdf = brief_pdf(ws, case_id)
        (folder / "brief.pdf").write_bytes(pdf)

        printer = brief_printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(folder / "printed.pdf"))
        printed = paint_pdf(pdf, printer)

        ctx = AppContext(ws, interaction=QtInteraction())
        preview = preview_dialog(ctx, pdf, None)
        preview.show()
        preview.sheets.repaint()
        app.processEvents()
        previewed, held = preview.page_count(), preview.live_images()
        preview.reject()

        document_id = documents.add_document(ws, case_id, title="Printed brief", kind="other")
        documents.attach_file(ws, document_id, folder / "printed.pdf")
        viewer = open_document_viewer(ctx, document_id, page=2)
        if viewer is None:
            raise SystemExit("the viewer did not open the PDF attachment")
        app.processEvents()
        viewer.grab().save(str(folder / "viewer.png"))
        viewed = viewer.page_count
        viewer.close()
        app.processEvents()
    finally:
        ws.close()
    result = {
        "printed_sheets": printed,
        "preview_pages": previewed,
        "preview_images_held": held,
        "viewer_pages": viewed,
    }
    (folder / "check.json").write_text(json.dumps(result), encoding="utf-8")
    return 0


if __name__ == "__main__":
    checking = os.environ.get(CHECK_VAR)
    if checking:
        raise SystemExit(package_check(Path(checking)))
    from app.cli import main

    raise SystemExit(main())
