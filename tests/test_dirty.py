"""Dirty builds (`mkdocs serve --dirty`): after a save, only the pages whose content changed
are built again, and the site is still the one a clean build gives.

MkDocs' own build function runs in a child process exactly as `mkdocs serve --dirty` runs
it: the configuration is read again for every build and the plugin object is kept. The
child builds once, waits while the test edits the sources, and builds again.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import REPO, run_build

from mkdocs_briefs.plugin.files import REDIRECTS

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
        project.replace("briefs/first-brief.md", "(rec:widen-aperture) beyond the Peninsula.",
                        "(rec:widen-aperture) beyond the Peninsula, freshly edited.")
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
    pages = [p for p in first if p.endswith(".html") and p not in REDIRECTS]  # a redirect has no site name
    assert all(second[p] != first[p] for p in pages)
    assert all(second[p] == first[p] for p in REDIRECTS)  # its text did not change, so it was left as it was
    assert "Renamed site" in (server.site / "actors/rok/index.html").read_text("utf-8")


# --- one edit of each kind on a generated corpus, each compared with a clean build ----------

ABOUT = """# About

The archive follows [the first state](actor:{actor}) and [a mechanism](mechanism:{mechanism} "Our own title").
"""


def _generated_project(root: Path) -> tuple[dict[str, str], list[str]]:
    """A small generated corpus (benchmarks/generate.py), a home page with listings and a
    hand-written page with annotation links; returns the first actor, mechanism, author and
    series ids, and the brief files."""
    subprocess.run([sys.executable, str(REPO / "benchmarks" / "generate.py"), "3", str(root), "--actors", "6"],
                   check=True, capture_output=True, timeout=60)
    briefs = root / "briefs"
    first = {name: re.search(r"^([a-z0-9-]+):$", (briefs / f"{name}s.yml").read_text("utf-8"), re.M)[1]
             for name in ("actor", "mechanism", "author")}
    first["series"] = re.search(r"^([a-z0-9-]+):$", (briefs / "series.yml").read_text("utf-8"), re.M)[1]
    # without the search plugin: a dirty build may leave its index different (docs/reference.md, "Large
    # archives"), so it was never compared, and it cost a third of each build
    config = root / "mkdocs.yml"
    text = config.read_text("utf-8")
    assert "  - search\n" in text
    config.write_text(text.replace("  - search\n", ""), "utf-8")
    (root / "docs" / "index.md").write_text("# Home\n\n<!-- briefs:latest 2 -->\n\n<!-- briefs:count-by-actor 3 -->\n")
    (root / "docs" / "about.md").write_text(ABOUT.format(**first))
    return first, sorted(p.name for p in briefs.glob("*.md"))


def _registry_field(path: Path, entry: str, key: str) -> str:
    """The line `  key: value` of an entry in a generated registry."""
    text = path.read_text("utf-8")
    block = text[text.index(f"\n{entry}:\n"):]
    return re.search(rf"^  {key}: .*$", block, re.M)[0]


def _site(site: Path) -> dict[str, bytes]:
    """Every file of a built site but the search index, which a dirty build may leave different
    (docs/reference.md, "Large archives"; test_folders.py builds with the search plugin)."""
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*")
            if p.is_file() and p.relative_to(site).as_posix() != "search/search_index.json"}


def test_after_one_edit_of_each_kind_every_page_of_a_dirty_build_is_the_clean_builds(tmp_path):
    root = tmp_path / "project"
    first, brief_files = _generated_project(root)
    briefs = root / "briefs"
    brief = briefs / brief_files[0]

    def replace(path: Path, old: str, new: str) -> None:
        text = path.read_text("utf-8")
        assert text.count(old) >= 1, (path, old)
        path.write_text(text.replace(old, new, 1), "utf-8")

    def registry(name: str, entry: str, key: str, value: str) -> Callable[[], None]:
        path = briefs / f"{name}.yml"
        return lambda: replace(path, _registry_field(path, entry, key), f"  {key}: {json.dumps(value)}")

    edits: dict[str, Callable[[], None]] = {
        "a brief's text": lambda: replace(brief, "\n## ", "\nA sentence added in the dirty test.\n\n## "),
        "a recommendation's passage": lambda: brief.write_text(re.sub(  # what its page quotes, not the indexes
            r"\[([^\]\n]+)\]\(rec:", r"Indeed [\1](rec:", brief.read_text("utf-8"), count=1), "utf-8"),
        "a line atop a registry (every entry moved)": lambda: replace(briefs / "actors.yml", "# ", "# One more.\n# "),
        "a brief's title": lambda: replace(brief, "title: ", "title: Retitled "),
        "a brief's summary (its links' titles)": lambda: replace(brief, 'summary: "', 'summary: "Summarised again. '),
        "a recommendation's statement (its links' titles)": lambda: replace(brief, 'statement: "', 'statement: "Restated. '),
        "an actor's description": registry("actors", first["actor"], "description", "A new description."),
        "an actor's name": registry("actors", first["actor"], "name", "Republic of Renamed"),
        "a mechanism's description": registry("mechanisms", first["mechanism"], "description", "Described anew."),
        "a mechanism's name": registry("mechanisms", first["mechanism"], "name", "Renamed Process"),
        "an author's affiliation": registry("authors", first["author"], "affiliation", "Fellow, Elsewhere"),
        "an author's name": registry("authors", first["author"], "name", "Ana Renamed"),
        "a series' name": registry("series", first["series"], "name", "Renamed Papers"),
        "a hand-written page with a listing": lambda: replace(root / "docs" / "index.md", "latest 2", "latest 3"),
    }
    server = DirtyServer(root)
    stale: dict[str, list[str]] = {}
    try:
        server.build()
        for what, edit in edits.items():
            edit()
            server.build()
            clean = run_build(root)
            assert clean.returncode == 0, (what, clean.output)
            dirty, fresh = _site(server.site), _site(clean.site)
            assert dirty.keys() == fresh.keys(), what
            stale[what] = sorted(path for path in fresh if dirty[path] != fresh[path])
    finally:
        errors = server.close()
    assert "Traceback" not in errors, errors
    assert stale == {what: [] for what in edits}
