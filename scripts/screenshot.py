"""Make the README's screenshot of a timeline page with headless Chromium (Debian's chromium).

    python scripts/screenshot.py [OUT.png]      (default docs/img/timeline-china-ussr.png)
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "img" / "timeline-china-ussr.png"
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        print("no chromium on PATH (apt-get install chromium)", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "timeline.html"
        html = subprocess.run([sys.executable, "-m", "almanac", "timeline", "China", "USSR", "--format", "html"],
                              capture_output=True, text=True, check=True).stdout
        page.write_text(html, encoding="utf-8")
        subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        f"--user-data-dir={tmp}/profile", "--hide-scrollbars", f"--screenshot={out}",
                        "--window-size=900,1200", page.as_uri()], capture_output=True, check=True, timeout=120)
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
