"""Shared fixtures: build real sites with `mkdocs build --strict` and read them back.

`project(tmp_path)` lays out a small MkDocs project whose briefs/ starts as a copy of
`fixtures/minimal/`; tests overwrite or add source files, then call `.build()`.
`shipped_site` is the repository's own site, built once per test session.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, settings

# Property tests: a bounded run by default; `pytest --hypothesis-profile=long` for a long one.
settings.register_profile("ci", max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("long", max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("ci")

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"

MKDOCS_YML = """\
site_name: Test briefs
theme:
  name: material
plugins:
  - search
  - briefs
validation:
  anchors: warn
"""


@dataclass
class Build:
    returncode: int
    output: str
    site: Path

    def html(self, url_path: str) -> BeautifulSoup:
        """Parse the built page at a site URL path like 'actors/rok/'."""
        path = self.site / url_path
        if url_path == "" or url_path.endswith("/"):
            path = path / "index.html"
        return BeautifulSoup(path.read_text("utf-8"), "html.parser")


def run_build(root: Path, *extra: str, env: dict[str, str] | None = None) -> Build:
    site = root / "site"
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site), *extra],
        cwd=root, capture_output=True, text=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", **(env or {})},
    )
    return Build(proc.returncode, proc.stdout + proc.stderr, site)


@dataclass
class Project:
    root: Path

    @property
    def briefs(self) -> Path:
        return self.root / "briefs"

    def write(self, relative: str, text: str) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
        return path

    def replace(self, relative: str, old: str, new: str) -> None:
        path = self.root / relative
        text = path.read_text("utf-8")
        assert old in text, f"{old!r} not in {relative}"
        path.write_text(text.replace(old, new, 1), "utf-8")

    def build(self) -> Build:
        return run_build(self.root)


@pytest.fixture
def project(tmp_path: Path) -> Project:
    shutil.copytree(FIXTURES / "minimal", tmp_path / "briefs")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n\nSee the [briefs](briefs/index.md).\n", "utf-8")
    (tmp_path / "mkdocs.yml").write_text(MKDOCS_YML, "utf-8")
    return Project(tmp_path)


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    root = tmp_path_factory.mktemp("shipped")
    for name in ("mkdocs.yml", "docs", "briefs"):
        src = REPO / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, root / name)
    build = run_build(root)
    assert build.returncode == 0, build.output
    return build


# --- browser fixtures (see browser.py) -------------------------------------------------


@pytest.fixture(scope="session")
def site_url(shipped_site: Build) -> Iterator[str]:
    """The repository's own site, served on 127.0.0.1."""
    from browser import serve_folder

    with serve_folder(shipped_site.site) as url:
        yield url


@pytest.fixture(scope="session")
def chromium():
    """A headless Debian Chromium driven by Playwright, shared by the session's tests."""
    from browser import CHROMIUM_ARGS, chromium_executable
    from playwright.sync_api import sync_playwright

    executable = chromium_executable()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def browser_page(chromium, site_url):
    """A fresh page (desktop size) with its console errors and third-party requests watched."""
    from browser import PageWatch

    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    watch = PageWatch()
    watch.attach(page, site_url)
    page.watch = watch
    yield page
    context.close()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true",
                     help="write tests/golden/*/expected/ again from the current code (review with git diff)")
