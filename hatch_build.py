"""The wheel's build hook: it carries the bundled corpus's index (``almanac/data/index.sqlite3``).

Built from ``data/`` with almanac's own builder (``almanac.store.carried.build``), so the first run after
``pip install`` copies an index instead of parsing the corpus. Editable installs read ``data/`` as it is
edited and get no carried index; a corpus with errors is shipped without one (and ``almanac check``
says why).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CarriedIndexHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        root = Path(self.root)
        sys.path.insert(0, str(root / "src"))
        try:
            from almanac.store.carried import NAME, build
        finally:
            sys.path.pop(0)
        self._tmp = Path(tempfile.mkdtemp(prefix="almanac-wheel-"))
        out = self._tmp / NAME
        problems = build(root / "data", out)
        if problems:
            self.app.display_warning(f"no carried index: {problems[0]['text']}")
            return
        build_data["force_include"][str(out)] = f"almanac/data/{NAME}"

    def finalize(self, version: str, build_data: dict, artifact_path: str) -> None:
        tmp = getattr(self, "_tmp", None)
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
