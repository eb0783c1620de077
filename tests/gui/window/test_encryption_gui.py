"""The desktop app and encrypted workspaces: the passphrase prompt, and the File menu."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.storage import crypto
from tests.gui.recording import RecordingInteraction

pytestmark = pytest.mark.skipif(
    not crypto.available(),
    reason="SQLCipher (sqlcipher3) or cryptography is not installed: "
    "install Casefile with the 'encryption' extra",
)


@pytest.fixture(autouse=True)
def cheap_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(crypto, "WORKSPACE_KDF", crypto.KdfParams(log2_n=10))


def test_the_prompt_asks_again_after_a_wrong_passphrase(tmp_path: Path, qapp: object) -> None:
    from app.core.storage.workspace import open_workspace
    from app.gui.dialogs.workspace import open_asking_passphrase

    path = tmp_path / "w.casefile"
    open_workspace(path, "right one", user="t").close()
    talk = RecordingInteraction(texts=["wrong one", "right one"])
    ws = open_asking_passphrase(str(path), None, talk, exclusive=False)
    assert ws.encrypted
    ws.close()
    asked = [said.text for said in talk.of_kind("text")]
    assert asked == [
        "w.casefile is encrypted. Passphrase:",
        "Wrong passphrase. Try again.\n\nw.casefile is encrypted. Passphrase:",
    ]

    cancelled = RecordingInteraction(texts=[None])
    with pytest.raises(crypto.PassphraseRequired, match="give its passphrase"):
        open_asking_passphrase(str(path), None, cancelled, exclusive=False)


def test_change_passphrase_from_the_file_menu(tmp_path: Path, qtbot: object) -> None:
    from app.context import AppContext
    from app.core.storage.workspace import open_workspace
    from app.gui.window.main_window import MainWindow

    path = tmp_path / "w.casefile"
    ws = open_workspace(path, "old one", user="t")
    talk = RecordingInteraction(texts=["old one", "new one", "new one"])
    window = MainWindow(AppContext(ws, settings={}, interaction=talk))  # type: ignore[arg-type]
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    menu = window.encryption_menu
    assert menu.new_encrypted_action.text().startswith("New &Encrypted")
    menu.change_action.trigger()
    assert window.ctx.tasks.wait(30)  # the re-key runs off the window's thread
    shown = [said.text for said in talk.of_kind("inform")]
    assert shown and "changed" in shown[0]
    ws.close()
    with pytest.raises(crypto.WrongPassphrase):
        open_workspace(path, "old one")
    open_workspace(path, "new one").close()
