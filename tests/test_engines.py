"""The engines the reference names: MkDocs 1.6, and ProperDocs, its maintained drop-in fork.

ProperDocs builds the shipped site to the same bytes as MkDocs, but for the generator tag.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SOURCE_DATE_EPOCH, Build, copy_shipped

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


@pytest.mark.slow
def test_properdocs_builds_the_shipped_site_as_mkdocs_does(shipped_site: Build, tmp_path: Path):
    copy_shipped(tmp_path)
    site = tmp_path / "site"
    proc = subprocess.run([sys.executable, "-m", "properdocs", "build", "--strict", "--site-dir", str(site)],
                          cwd=tmp_path, capture_output=True, text=True,
                          env={"SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, "PYTHONHASHSEED": "1", "PATH": "/usr/bin:/bin"})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    ours = {p.relative_to(shipped_site.site): p for p in shipped_site.site.rglob("*") if p.is_file()}
    theirs = {p.relative_to(site): p for p in site.rglob("*") if p.is_file()}
    assert sorted(theirs) == sorted(ours)
    generators = set()
    differ = []
    for name, path in ours.items():
        a, b = path.read_bytes(), theirs[name].read_bytes()
        if a != b:
            generators |= set(GENERATOR.findall(a)) | set(GENERATOR.findall(b))
            if GENERATOR.sub(b"", a) != GENERATOR.sub(b"", b):
                differ.append(str(name))
    assert differ == [], "pages that differ beyond the generator tag"
    assert any(b"ProperDocs" in g for g in generators), generators  # the build really was ProperDocs'
    assert len(ours) > 100
