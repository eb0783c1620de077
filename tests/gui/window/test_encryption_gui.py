"""The desktop app and encrypted workspaces: the passphrase prompt, and the File menu."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.storage import crypto

pytestmark = pytest.mark.skipif(
    not crypto.available(),
    reason="SQLCipher (sqlcipher3) or cryptography is not installed: "
    "install Casefile with the 'encryption' extra",
)


@pytest.fixture(autouse=True)
def cheap_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(crypto, "WORKSPACE_KDF", crypto.KdfParams(log2_n=10))


def test_the_prompt_asks_again_after_a_wrong_passphrase(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.core.storage.workspace import open_workspace
    from app.gui import app as gui_app

    path = tmp_path / "w.casefile"
    open_workspace(path, "right one", user="t").close()
    typed = iter(["wrong one", "right one"])
    problems: list[str] = []

    def ask(_parent: object, _target: str, problem: str = "") -> str | None:
        problems.append(problem)
        return next(typed)

    monkeypatch.setattr(gui_app, "ask_passphrase", ask)
    ws = gui_app.open_asking_passphrase(str(path), None, exclusive=False)
    assert ws.encrypted
    ws.close()
    assert problems == ["", "Wrong passphrase. Try again."]

    monkeypatch.setattr(gui_app, "ask_passphrase", lambda *_a, **_k: None)  # cancelled
    with pytest.raises(crypto.PassphraseRequired, match="give its passphrase"):
        gui_app.open_asking_passphrase(str(path), None, exclusive=False)


def test_change_passphrase_from_the_file_menu(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot: object
) -> None:
    from app.context import AppContext
    from app.core.storage.workspace import open_workspace
    from app.gui.window import encryption_menu
    from app.gui.window.main_window import MainWindow

    path = tmp_path / "w.casefile"
    ws = open_workspace(path, "old one", user="t")
    window = MainWindow(AppContext(ws, settings={}))  # type: ignore[arg-type]
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    new_encrypted, change = window.encryption_actions  # type: ignore[attr-defined]
    assert new_encrypted.text().startswith("New &Encrypted")
    typed = iter(["old one", "new one", "new one"])
    monkeypatch.setattr(encryption_menu, "ask_secret", lambda *_a: next(typed))
    shown: list[str] = []
    monkeypatch.setattr(
        encryption_menu.QMessageBox, "information", lambda _p, _t, text: shown.append(text)
    )
    change.trigger()
    assert shown and "changed" in shown[0]
    ws.close()
    with pytest.raises(crypto.WrongPassphrase):
        open_workspace(path, "old one")
    open_workspace(path, "new one").close()
