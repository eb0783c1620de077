"""Check a frozen build the way an installer would leave it: no virtualenv, no network.

    python packaging/package_test.py [dist/casefile]

Runs the built executable with QT_QPA_PLATFORM=offscreen and a PATH without the
virtualenv: --version, a new workspace, the sample case, a PDF and a DOCX brief
(both read back), the window started and quit, then the build's own GUI check
(``CASEFILE_PACKAGE_CHECK``, in packaging/casefile_entry.py): the brief printed to a
PDF file through a real QPrinter (read back with pypdf), its print preview, and the
document viewer opened on that PDF. Exits non-zero on the first failure, naming it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def clean_env(home: Path) -> dict[str, str]:
    venv = os.environ.get("VIRTUAL_ENV") or str(ROOT / ".venv")
    path = [p for p in os.environ.get("PATH", "").split(os.pathsep) if not p.startswith(venv)]
    env = {
        "PATH": os.pathsep.join(path),
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "QT_QPA_PLATFORM": "offscreen",
        "LANG": "C.UTF-8",
    }
    return env


def run(exe: Path, args: list[str], env: dict[str, str], timeout: float = 120) -> str:
    result = subprocess.run(
        [str(exe), *args], env=env, capture_output=True, text=True, timeout=timeout
    )
    if result.returncode != 0:
        raise SystemExit(
            f"FAILED: casefile {' '.join(args)} exited {result.returncode}\n{result.stderr[-2000:]}"
        )
    return result.stdout


def main(argv: list[str]) -> int:
    build = Path(argv[1]) if len(argv) > 1 else ROOT / "dist" / "casefile"
    exe = build / ("casefile.exe" if os.name == "nt" else "casefile")
    if not exe.is_file():
        print(f"no build at {exe}; run `make package` first", file=sys.stderr)
        return 2
    # reportlab loads its C helpers by name, so only the spec's hidden import brings
    # them along; without them the PDF brief still works, a fifth slower.
    if not any(build.rglob("_rl_accel*")):
        print("reportlab's C helpers (_rl_accel) are not in the build", file=sys.stderr)
        return 1
    print("ok  reportlab's C helpers bundled")
    # Print, preview and the viewer render pages with PDFium, pypdfium2's native library.
    pdfium = [p for p in build.rglob("*pdfium*") if p.is_file() and _is_library(p)]
    if not pdfium:
        print("PDFium (pypdfium2's native library) is not in the build", file=sys.stderr)
        return 1
    print(f"ok  PDFium bundled: {pdfium[0].name}, {pdfium[0].stat().st_size / 1e6:.1f} MB")
    with tempfile.TemporaryDirectory(prefix="casefile-pkg-") as tmp:
        home = Path(tmp)
        env = clean_env(home)
        workspace = home / "office.casefile"
        version = run(exe, ["--version"], env).strip()
        print(f"ok  --version: {version}")
        run(exe, ["--db", str(workspace), "cases"], env)
        print(f"ok  new workspace: {workspace.stat().st_size} bytes")
        case_id = run(exe, ["--db", str(workspace), "sample"], env).strip().splitlines()[-1]
        print(f"ok  sample case: id {case_id}")
        pdf, docx = home / "brief.pdf", home / "brief.docx"
        run(exe, ["--db", str(workspace), "brief", case_id, "--format", "pdf", "-o", str(pdf)], env)
        run(
            exe,
            ["--db", str(workspace), "brief", case_id, "--format", "docx", "-o", str(docx)],
            env,
        )
        check_pdf(pdf)
        check_docx(docx)
        run(exe, ["--db", str(workspace)], {**env, "CASEFILE_SMOKE_TEST": "1"}, timeout=60)
        print("ok  window started and quit cleanly")
        check_print_and_view(exe, env, home / "gui-check")
    print("package test passed")
    return 0


def _is_library(path: Path) -> bool:
    return path.suffix in (".so", ".dll", ".dylib") or ".so." in path.name


def check_print_and_view(exe: Path, env: dict[str, str], folder: Path) -> None:
    """The build prints the sample brief to a PDF file through a real QPrinter, previews
    it and opens the viewer on it (packaging/casefile_entry.py); read back here."""
    import json

    from PIL import Image
    from pypdf import PdfReader

    folder.mkdir()
    run(exe, [], {**env, "CASEFILE_PACKAGE_CHECK": str(folder)}, timeout=300)
    seen = json.loads((folder / "check.json").read_text(encoding="utf-8"))
    pages = len(PdfReader(folder / "brief.pdf").pages)
    printed = PdfReader(folder / "printed.pdf").pages
    if seen["printed_sheets"] != pages or len(printed) != pages:
        raise SystemExit(
            f"FAILED: printed {seen['printed_sheets']} sheets, {len(printed)} PDF pages, "
            f"for a {pages}-page brief"
        )
    if not all(page.images for page in printed):
        raise SystemExit("FAILED: a printed page holds no picture of the brief's page")
    print(f"ok  printed through QPrinter to PDF: {len(printed)} pages, read back")
    if seen["preview_pages"] != pages or not 1 <= seen["preview_images_held"] <= 3:
        raise SystemExit(f"FAILED: the print preview showed {seen}")
    print(f"ok  print preview: {pages} pages, {seen['preview_images_held']} held in memory")
    shot = Image.open(folder / "viewer.png").convert("L")
    dark = sum(shot.histogram()[:128])
    if seen["viewer_pages"] != pages or dark < 1000:
        raise SystemExit(
            f"FAILED: the viewer showed {seen['viewer_pages']} pages, {dark} dark pixels"
        )
    print(f"ok  viewer opened the PDF attachment: {pages} pages")


def check_pdf(path: Path) -> None:
    from pypdf import PdfReader

    reader = PdfReader(path)
    text = "".join(page.extract_text() or "" for page in reader.pages)
    if "Ingram" not in text:
        raise SystemExit(f"FAILED: {path} does not mention the client")
    print(f"ok  PDF brief: {len(reader.pages)} pages")


def check_docx(path: Path) -> None:
    import docx

    document = docx.Document(str(path))
    text = "\n".join(p.text for p in document.paragraphs)
    if "Ingram" not in text:
        raise SystemExit(f"FAILED: {path} does not mention the client")
    print(f"ok  DOCX brief: {len(document.paragraphs)} paragraphs")


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
