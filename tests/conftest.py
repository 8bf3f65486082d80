"""Shared fixtures: build real sites with `mkdocs build --strict` and read them back.

`make_project(root)` lays out a small MkDocs project whose briefs/ starts as a copy of
`fixtures/minimal/`; the `project` fixture gives one in a fresh folder: tests overwrite or
add source files, then call `.build()`, or `.check()` for the messages alone. Sites that
several tests only read are built once per session: `shipped_site` (the repository's own
site), `minimal_site` and `flat_site` (the fixture as it is, with and without directory
URLs) and `graph_site` (the corpus of graphsite.py, served at `graph_url`).

Markers: `browser` (drives Chromium; set here for every test that uses it) and `slow`
(large corpora, `mkdocs serve`, external tools). `pytest -m "not browser and not slow"` is
the fast tier.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from forkbuild import Forker
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


FORKER = Forker()
"""Builds run in a fork of a process that has imported MkDocs once (forkbuild.py): each is still a process of
its own, at about half the CPU. BRIEFS_TESTS_NO_FORK=1 starts a new interpreter for every build instead."""


def run_build(root: Path, *extra: str, env: dict[str, str] | None = None) -> Build:
    site = root / "site"
    args = ["build", "--strict", "--site-dir", str(site), *extra]
    env = {"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", **(env or {})}
    if os.environ.get("BRIEFS_TESTS_NO_FORK"):
        proc = subprocess.run([sys.executable, "-m", "mkdocs", *args], cwd=root, capture_output=True, text=True, env=env)
        return Build(proc.returncode, proc.stdout + proc.stderr, site)
    returncode, stdout, stderr = FORKER.run(args, cwd=root, env=env)
    return Build(returncode, stdout + stderr, site)


def pytest_sessionfinish(session: pytest.Session) -> None:
    FORKER.close()


def _live_descendants_cpu() -> float:
    """CPU seconds so far of the processes below this one that are still running (Chromium and its
    renderers, Playwright's driver, servers), each with the children it has reaped; the build zygotes
    count only their own imports, their builds being in FORKER.cpu."""
    children: dict[int, list[int]] = {}
    times: dict[int, tuple[int, int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            fields = Path(entry.path, "stat").read_text().rpartition(")")[2].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry.name))
        times[int(entry.name)] = (int(fields[11]) + int(fields[12]), int(fields[13]) + int(fields[14]))
    zygotes = FORKER.pids()
    ticks, todo = 0, list(children.get(os.getpid(), []))
    while todo:
        pid = todo.pop()
        own, reaped = times[pid]
        ticks += own + (0 if pid in zygotes else reaped)
        todo.extend(children.get(pid, []))
    return ticks / os.sysconf("SC_CLK_TCK")


def _cpu(descendants: bool = False) -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    total = own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime + FORKER.cpu
    return total + _live_descendants_cpu() if descendants else total


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    """BRIEFS_TESTS_CPU=FILE appends each test's CPU seconds (set-up, call and tear-down, builds included,
    and what Chromium and the other processes the tests started spent meanwhile) to FILE: where the
    suite's CPU goes."""
    path = os.environ.get("BRIEFS_TESTS_CPU")
    start = _cpu(bool(path))
    yield
    if path:
        with open(path, "a", encoding="utf-8") as out:
            out.write(f"{_cpu(True) - start:.2f} {item.nodeid}\n")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test that drives Chromium is marked `browser`, and every test that reads the large corpus
    of graphsite.py `slow`, so that the fast tier leaves them out."""
    for item in items:
        if "chromium" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)
        if "graph_site" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.slow)


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

    def check(self) -> list[str]:
        """The problems in briefs/ as `mkdocs build` prints them, without building: warnings,
        then errors, each like 'briefs/actors.yml:5:7: error: ...'."""
        from mkdocs_briefs.load import load_sources
        from mkdocs_briefs.validate import validate

        sources, diags = load_sources(self.briefs, self.root)
        diags.extend(validate(sources))
        return [str(d) for d in diags.warnings + diags.errors]


HOME = "# Home\n\nSee the [briefs](briefs/index.md).\n"
SOURCE_DATE_EPOCH = "1659312000"
"""1 August 2022: builds of the shipped site stamp this date, so that two builds can be compared."""


def make_project(root: Path, *, fixture: str | None = "minimal", fonts: bool = True) -> Project:
    """A MkDocs project in `root`: briefs/ a copy of tests/fixtures/<fixture> (empty if None),
    docs/index.md and mkdocs.yml; `fonts=False` keeps Material from asking Google for fonts."""
    if fixture:
        shutil.copytree(FIXTURES / fixture, root / "briefs")
    else:
        (root / "briefs").mkdir(parents=True)
    project = Project(root)
    project.write("docs/index.md", HOME)
    project.write("mkdocs.yml", MKDOCS_YML if fonts else MKDOCS_YML.replace(
        "name: material\n", "name: material\n  font: false\n"))
    return project


def copy_shipped(dest: Path, *, reverse: bool = False) -> None:
    """The repository's site sources (mkdocs.yml, docs/, briefs/), files created in forward or reverse order."""
    for name in ("mkdocs.yml", "docs", "briefs"):
        src = REPO / name
        files = sorted(p for p in src.rglob("*") if p.is_file()) if src.is_dir() else [src]
        for path in reversed(files) if reverse else files:
            target = dest / path.relative_to(REPO)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, target)


def new_venv(folder: Path, *requirements: str) -> Path:
    """A new virtual environment with `requirements` installed by this environment's pip (pip's cache is
    reused): made without a pip of its own, and with no byte-code compiled ahead (Python compiles what is
    imported), which is a third of an install's CPU."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(folder)], check=True)
    install = subprocess.run([sys.executable, "-m", "pip", "--python", str(folder / "bin" / "python"), "install",
                              "-q", "--no-compile", *requirements], capture_output=True, text=True)
    assert install.returncode == 0, install.stderr[-3000:]
    return folder


def built(build: Build) -> Build:
    """The build, once it is known to have succeeded."""
    assert build.returncode == 0, build.output
    return build


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return make_project(tmp_path)


@pytest.fixture(scope="session")
def minimal_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The minimal fixture, unchanged, built once: for tests that only read it."""
    return built(make_project(tmp_path_factory.mktemp("minimal")).build())


@pytest.fixture(scope="session")
def flat_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The minimal fixture built with `use_directory_urls: false` (pages as 'actors/rok.html')."""
    project = make_project(tmp_path_factory.mktemp("flat"))
    project.write("mkdocs.yml", MKDOCS_YML + "use_directory_urls: false\n")
    return built(project.build())


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The repository's own site, built once with a fixed date and hash seed (test_reproducible
    builds it a second time and compares)."""
    root = tmp_path_factory.mktemp("shipped")
    copy_shipped(root)
    return built(run_build(root, env={"SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, "PYTHONHASHSEED": "1"}))


@pytest.fixture(scope="session")
def _graph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Build, str]]:
    from browser import serve_folder
    from graphsite import make_graph_project

    project = make_graph_project(tmp_path_factory.mktemp("graph"))
    with serve_folder(project.root / "site") as url:
        # Material navigates instantly only between the pages of its sitemap, whose addresses start with site_url
        project.replace("mkdocs.yml", "site_name: Test briefs\n", f"site_name: Test briefs\nsite_url: {url}\n")
        yield built(project.build()), url


@pytest.fixture(scope="session")
def graph_site(_graph: tuple[Build, str]) -> Build:
    """The large corpus of graphsite.py, built once for the address it is served at (`graph_url`)."""
    return _graph[0]


@pytest.fixture(scope="session")
def graph_url(_graph: tuple[Build, str]) -> str:
    return _graph[1]


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


DESKTOP = {"viewport": {"width": 1280, "height": 900}}
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


def _tab(chromium, site_url: str, options: dict) -> Iterator:
    from browser import COUNT_XHR, PageWatch

    context = chromium.new_context(**options)
    page = context.new_page()
    page.add_init_script(COUNT_XHR)  # tests wait for Material's instant navigation to settle (browser.settled)
    page.watch = PageWatch()
    page.watch.attach(page, site_url)
    yield page
    context.close()


def _lent(page, site_url: str, options: dict) -> Iterator:
    """The tab for one test, then left as a new one would be (see browser_page)."""
    page.watch.console_errors.clear()
    page.watch.third_party_requests.clear()
    yield page
    if page.url.startswith(site_url):
        page.evaluate("localStorage.clear(); sessionStorage.clear()")
    page.context.clear_permissions()
    page.mouse.move(0, 0)  # off any link: Chromium hovers what lies under a still pointer after a load
    page.emulate_media(media="null", color_scheme="null")
    page.set_viewport_size(options["viewport"])
    page.goto("about:blank")


@pytest.fixture(scope="module")
def _desktop_tab(chromium, site_url):
    yield from _tab(chromium, site_url, DESKTOP)


@pytest.fixture(scope="module")
def _phone_tab(chromium, site_url):
    yield from _tab(chromium, site_url, PHONE)


@pytest.fixture
def browser_page(_desktop_tab, site_url):
    """A page (desktop size) with its console errors and third-party requests watched: one tab for the
    tests of a file (a new tab costs Chromium as much CPU as the page it loads), left as a new one would
    be after each test: the watch emptied, the site's storage cleared, permissions taken back, no media or
    colour scheme emulated, the desktop's size, the pointer in the corner, and a blank page. Its history stays: a test
    steps back only through the pages it opened."""
    yield from _lent(_desktop_tab, site_url, DESKTOP)


@pytest.fixture
def phone_page(_phone_tab, site_url):
    """As browser_page, on a phone: 390 by 844 px, a touch screen, the mobile viewport."""
    yield from _lent(_phone_tab, site_url, PHONE)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true",
                     help="write tests/golden/*/expected/ again from the current code (review with git diff)")
