"""The frozen build, checked the way an installer leaves it (only when a build exists)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "dist" / "casefile"


@pytest.mark.slow
@pytest.mark.skipif(not (BUILD / "casefile").is_file(), reason="no build in dist/ (make package)")
def test_built_executable_runs_without_python() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "package_test.py"), str(BUILD)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "package test passed" in result.stdout


def test_desktop_entry_and_metainfo_name_the_same_application() -> None:
    desktop = (ROOT / "packaging" / "linux" / "io.github.casefile.Casefile.desktop").read_text()
    metainfo = ROOT / "packaging" / "linux" / "io.github.casefile.Casefile.metainfo.xml"
    import xml.etree.ElementTree as ET

    component = ET.parse(metainfo).getroot()
    assert component.findtext("id") == "io.github.casefile.Casefile"
    assert component.find("launchable").text == "io.github.casefile.Casefile.desktop"
    assert "Exec=casefile" in desktop
    assert "Icon=io.github.casefile.Casefile" in desktop


def test_version_is_declared_once_and_shown_by_the_command() -> None:
    import tomllib

    declared = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    shown = subprocess.run(
        [sys.executable, "-m", "app", "--version"], capture_output=True, text=True, check=True
    ).stdout
    assert shown.strip() == f"casefile {declared}"
    metainfo = (
        ROOT / "packaging" / "linux" / "io.github.casefile.Casefile.metainfo.xml"
    ).read_text()
    assert f'release version="{declared}"' in metainfo


def test_application_icon_exists_in_every_format_a_platform_needs() -> None:
    import struct

    icons = ROOT / "resources" / "icons"
    assert (icons / "casefile.svg").read_text().lstrip().startswith("<svg")
    for size in (16, 32, 48, 256, 512):
        assert (icons / f"casefile-{size}.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    ico = (icons / "casefile.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    assert (reserved, kind) == (0, 1) and count >= 5
    icns = (icons / "casefile.icns").read_bytes()
    assert icns[:4] == b"icns" and struct.unpack(">I", icns[4:8])[0] == len(icns)


def test_the_builds_own_check_runs_from_the_source(tmp_path: Path) -> None:
    """The check the frozen build runs on itself (print, preview, viewer) also runs from
    the source tree, so a renamed function it calls fails here, not only in a build."""
    from tests.gui.fresh_home import fresh_home_env

    folder = tmp_path / "check"
    folder.mkdir()
    env = fresh_home_env(tmp_path / "home", CASEFILE_PACKAGE_CHECK=str(folder))
    result = subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "casefile_entry.py")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    seen = json.loads((folder / "check.json").read_text(encoding="utf-8"))
    assert seen["printed_sheets"] == seen["preview_pages"] == seen["viewer_pages"] > 1
    assert 1 <= seen["preview_images_held"] <= 3
