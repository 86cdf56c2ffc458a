"""Drive Debian's headless chromium (no browser download): the DOM of a page after its scripts ran,
and a screenshot. The HTML report's browser test uses it, and so does the README's screenshot:

    python tools/browser.py [OUT.png]      (default: docs/html_report.png, from seed 000)
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parent.parent
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", "--disable-extensions", "--hide-scrollbars", "--mute-audio"]


def chromium() -> Optional[str]:
    """The chromium binary: $CHROMIUM, else chromium on the PATH; None if there is none."""
    return os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


def _run(args: list[str], timeout: int = 90) -> subprocess.CompletedProcess[bytes]:
    exe = chromium()
    if exe is None:
        raise RuntimeError("chromium not found: apt-get install chromium (or set CHROMIUM)")
    with tempfile.TemporaryDirectory(prefix="zhx-chromium-") as profile:
        return subprocess.run([exe, *FLAGS, f"--user-data-dir={profile}", *args], capture_output=True,
                              timeout=timeout, check=True)


def dump_dom(page: Path, fragment: str = "") -> str:
    """The page's DOM serialised after its load event (scripts included)."""
    url = page.resolve().as_uri() + (f"#{fragment}" if fragment else "")
    return _run(["--dump-dom", url]).stdout.decode("utf-8")


def screenshot(page: Path, png: Path, *, fragment: str = "", size: tuple[int, int] = (1400, 1000)) -> Path:
    """A PNG of the top of the page at ``size`` (headless chromium paints the first screen only)."""
    url = page.resolve().as_uri() + (f"#{fragment}" if fragment else "")
    _run([f"--screenshot={png.resolve()}", f"--window-size={size[0]},{size[1]}", url])
    return png


def print_pdf(page: Path, pdf: Path) -> Path:
    """The page printed to PDF by the browser's print path (the report's print CSS applies)."""
    _run([f"--print-to-pdf={pdf.resolve()}", "--no-pdf-header-footer", page.resolve().as_uri()])
    return pdf


def readme_screenshot(out: Path) -> Path:
    """Seed 000's report with its first mismatch open in the side panel, in 256 colours (a third
    of the bytes, the same picture)."""
    sys.path.insert(0, str(ROOT))
    import zhextract
    from PIL import Image
    from zhextract.report import html

    seed = next((ROOT / "corpus").glob("000_*.txt"))
    doc = zhextract.check(seed)
    doc.source = seed.relative_to(ROOT).as_posix()  # the path as a reader of the README would type it
    first = next(k for k, f in enumerate(doc.findings) if f.status == "mismatch")
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "report.html"
        page.write_text(html(doc), encoding="utf-8")
        out.parent.mkdir(parents=True, exist_ok=True)
        screenshot(page, out, fragment=f"show-f{first}", size=(1400, 1500))
    Image.open(out).convert("RGB").quantize(colors=256).save(out, optimize=True)
    return out


if __name__ == "__main__":
    print(readme_screenshot(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "html_report.png"))
