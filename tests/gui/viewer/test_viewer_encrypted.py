"""Viewing a file of an encrypted workspace writes nothing readable to disk: the bytes
are decrypted in memory and PDFium, Qt and python-docx read them from there."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path
from typing import Any

import pytest
from reportlab.pdfgen import canvas

from app.context import AppContext
from app.core.services import cases, documents
from app.core.storage import crypto
from app.core.storage.workspace import open_workspace

pytestmark = pytest.mark.skipif(
    not crypto.available(), reason="SQLCipher (sqlcipher3) or cryptography is not installed"
)

NEEDLE = b"99-ZEBRA-4411"
PASSPHRASE = "correct horse battery staple"


def _scan(*folders: Path) -> list[Path]:
    return [
        path
        for folder in folders
        for path in sorted(folder.rglob("*"))
        if path.is_file() and NEEDLE in path.read_bytes()
    ]


def _pdf() -> bytes:
    out = io.BytesIO()
    drawing = canvas.Canvas(out, pageCompression=0)  # the words stay readable in the bytes
    for number in (1, 2, 3):
        drawing.drawString(72, 700, f"Receipt 99-ZEBRA-4411 page {number}")
        drawing.showPage()
    drawing.save()
    return out.getvalue()


def test_viewing_an_encrypted_workspaces_files_leaves_no_plain_text(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.gui.viewer import open_document_viewer
    from tests.gui.recording import RecordingInteraction

    monkeypatch.setattr(crypto, "WORKSPACE_KDF", crypto.KdfParams(log2_n=10))
    home, outside, temp = tmp_path / "home", tmp_path / "outside", tmp_path / "temp"
    for folder in (home, outside, temp):
        folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    (outside / "receipt.pdf").write_bytes(_pdf())
    assert NEEDLE in (outside / "receipt.pdf").read_bytes()  # the scan could find it
    (outside / "receipt.txt").write_bytes(b"Receipt 99-ZEBRA-4411\n")
    ws = open_workspace(home / "w.casefile", PASSPHRASE, user="tester")
    try:
        ctx = AppContext(ws, interaction=RecordingInteraction())
        case_id = cases.add_case(ws, caption="People v. Ingram")
        for name in ("receipt.pdf", "receipt.txt"):
            document_id = documents.add_document(ws, case_id, file=outside / name)
            viewer = open_document_viewer(ctx, document_id, page=2)
            assert viewer is not None, ctx.interaction.log
            qtbot.addWidget(viewer)
            qtbot.waitUntil(lambda shown=viewer: shown.is_complete)
            if viewer.kind == "pdf":
                assert viewer.current == 1 and "99-ZEBRA-4411" in viewer.pdf.text(1)
                viewer.find_box.setText("ZEBRA")
                viewer.find_next()
                assert viewer.hit is not None
            else:
                assert "99-ZEBRA-4411" in viewer.text_view.toPlainText()
            assert _scan(home, temp) == []
            viewer.close()
        assert _scan(home, temp) == []
    finally:
        ws.close()
