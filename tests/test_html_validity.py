"""The generated page types pass the Nu HTML Checker (vnu) with no errors.

vnu comes from the `vnu-jar` package of the npm registry and runs on the machine's Java;
the test installs it into a cache folder the first time.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # Java, and npm the first time

CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "mkdocs-briefs-tests" / "vnu"

PAGE_TYPES = [
    "index.html", "about/index.html", "briefs/index.html", "briefs/trilateral-prism/index.html",
    "recommendations/index.html", "recommendations/expand-us-rok-exercises/index.html",
    "actors/index.html", "actors/rok/index.html", "mechanisms/index.html", "mechanisms/unc/index.html",
    "authors/index.html", "authors/clint-work/index.html", "series/index.html",
    "series/future-of-trilateralism/index.html", "matrix/index.html", "matrix/groups/index.html", "map/index.html",
]


def vnu_jar() -> Path:
    jar = CACHE / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    if not jar.exists():
        if not shutil.which("npm") or not shutil.which("java"):
            pytest.fail("the HTML validity test needs npm and Java to install and run vnu-jar")
        CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--silent", "--prefix", str(CACHE), "vnu-jar"], check=True,
                       capture_output=True)
    return jar


def test_generated_page_types_have_no_html_errors(shipped_site):
    pages = [shipped_site.site / p for p in PAGE_TYPES]
    assert all(p.exists() for p in pages), [str(p) for p in pages if not p.exists()]
    result = subprocess.run(["java", "-jar", str(vnu_jar()), "--errors-only", "--format", "json", *map(str, pages)],
                            capture_output=True, text=True)
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    errors = [f"{m['url'].split('/site/')[-1]}:{m.get('lastLine')}: {m['message']}" for m in messages
              if m["type"] == "error"]
    assert errors == []
