"""Dirty builds (`mkdocs serve --dirty`): after a save, only the pages whose content changed
are built again, and the site is still the one a clean build gives.

MkDocs' own build function runs in a child process exactly as `mkdocs serve --dirty` runs
it: the configuration is read again for every build and the plugin object is kept. The
child builds once, waits while the test edits the sources, and builds again.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import run_build

pytestmark = pytest.mark.slow  # each test runs the builds of `mkdocs serve --dirty`, several a test

DIRTY_BUILDS = """
import sys
from mkdocs.commands.build import build
from mkdocs.config import load_config

root, site = sys.argv[1], sys.argv[2]
for i, line in enumerate(sys.stdin):
    config = load_config(f"{root}/mkdocs.yml", site_dir=site)
    if i == 0:
        config.plugins.on_startup(command="serve", dirty=True)
    build(config, dirty=True)
    print("built", flush=True)
"""

HOME = "# Home\n\n<!-- briefs:latest 5 -->\n"


class DirtyServer:
    """A child process that builds with dirty=True each time it is asked to."""

    def __init__(self, root: Path) -> None:
        self.site = root / "dirty-site"
        self.proc = subprocess.Popen(
            [sys.executable, "-c", DIRTY_BUILDS, str(root), str(self.site)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
        )

    def build(self) -> dict[str, int]:
        """Build, and return the modification time of every file of the site."""
        self.proc.stdin.write("build\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        assert line == "built\n", self.close()
        return {p.relative_to(self.site).as_posix(): p.stat().st_mtime_ns for p in self.site.rglob("*") if p.is_file()}

    def close(self) -> str:
        self.proc.stdin.close()
        stderr = self.proc.stderr.read()
        self.proc.wait(timeout=30)
        return stderr


def _pages(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text("utf-8") for p in site.rglob("*.html")}


def test_a_dirty_rebuild_writes_only_changed_pages_and_matches_a_clean_build(project):
    project.write("docs/index.md", HOME)
    server = DirtyServer(project.root)
    try:
        first = server.build()
        assert "briefs/first-brief/index.html" in first and "actors/rok/index.html" in first

        # 1. an edit to the text: the brief and the recommendation quoting the paragraph change
        project.replace("briefs/first-brief.md", "beyond the Peninsula.", "beyond the Peninsula, freshly edited.")
        second = server.build()
        rewritten = {p for p in first if p.endswith(".html") and second[p] != first[p]}
        # (the home page has a listing, so it is built again whenever a source changed;
        # MkDocs writes 404.html on every build)
        assert rewritten == {"briefs/first-brief/index.html", "recommendations/widen-aperture/index.html",
                             "index.html", "404.html"}
        assert len(first) > 40
        assert "freshly edited" in (server.site / "briefs/first-brief/index.html").read_text("utf-8")

        # 2. a new title shows wherever the brief is listed, the hand-written home page too
        project.replace("briefs/first-brief.md", "title: The First Brief", "title: The Renamed Brief")
        third = server.build()
        assert third["index.html"] != second["index.html"]
        assert "The Renamed Brief" in (server.site / "index.html").read_text("utf-8")
        assert third["actors/rok/index.html"] != second["actors/rok/index.html"]
    finally:
        errors = server.close()
    assert "Traceback" not in errors

    # the dirty site is the clean build's, page for page
    clean = run_build(project.root)
    assert clean.returncode == 0, clean.output
    dirty, fresh = _pages(server.site), _pages(clean.site)
    assert dirty.keys() == fresh.keys()
    different = [path for path in fresh if dirty[path] != fresh[path]]
    assert different == []


def test_a_changed_mkdocs_yml_builds_every_page_again(project):
    server = DirtyServer(project.root)
    try:
        first = server.build()
        project.replace("mkdocs.yml", "site_name: Test briefs", "site_name: Renamed site")
        second = server.build()
    finally:
        server.close()
    pages = [p for p in first if p.endswith(".html")]
    assert all(second[p] != first[p] for p in pages)
    assert "Renamed site" in (server.site / "actors/rok/index.html").read_text("utf-8")
