"""The package as the package index and another organisation get it: licence, metadata,
a README that reads the same there, and an sdist whose tests run."""

from __future__ import annotations

import re
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest
from conftest import FORKER, REPO, new_venv

SKIPPED_PARTS = {"__pycache__", ".pytest_cache", ".hypothesis", ".mypy_cache", ".ruff_cache"}


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sdist and the wheel, built as the release workflow builds them (the wheel from the sdist)."""
    out = tmp_path_factory.mktemp("dist")
    proc = subprocess.run([sys.executable, "-m", "build", "--outdir", str(out), str(REPO)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return out


def _one(folder: Path, pattern: str) -> Path:
    found = sorted(folder.glob(pattern))
    assert len(found) == 1, found
    return found[0]


def test_readme_links_are_absolute():
    """The package index shows the README away from the repository: a relative link or image there is broken."""
    text = (REPO / "README.md").read_text("utf-8")
    prose = re.sub(r"```.*?```", "", text, flags=re.DOTALL)  # annotation links in examples are not links
    targets = re.findall(r"\]\(([^)\s]+)\)", prose)
    assert targets, "the README has links"
    assert [t for t in targets if not t.startswith("https://")] == []


def test_one_version_source():
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))
    assert "version" not in pyproject["project"] and "version" in pyproject["project"]["dynamic"]
    assert pyproject["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "mkdocs_briefs.__version__"}
    assert re.search(r'(?m)^__version__ = "\d+\.\d+\.\d+"$', (REPO / "src/mkdocs_briefs/__init__.py").read_text("utf-8"))


def test_version_option_prints_the_installed_version():
    from importlib.metadata import version

    proc = FORKER.python_m("mkdocs_briefs.cli", "--version", cwd=Path.cwd())
    assert proc.returncode == 0 and proc.stdout == f"mkdocs-briefs {version('mkdocs-briefs')}\n"


@pytest.mark.slow
def test_packages_pass_twine_check_strict_and_carry_the_licence(dist: Path):
    wheel, sdist = _one(dist, "*.whl"), _one(dist, "*.tar.gz")
    proc = subprocess.run([sys.executable, "-m", "twine", "check", "--strict", str(wheel), str(sdist)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        meta = Parser().parsestr(zf.read(next(n for n in names if n.endswith(".dist-info/METADATA"))).decode())
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    assert meta["License-Expression"] == "MIT"
    assert "Framework :: MkDocs" in meta.get_all("Classifier")
    assert {u.split(",")[0] for u in meta.get_all("Project-URL")} >= {"Homepage", "Source", "Issues", "Changelog"}
    assert meta["Version"] == re.search(r'__version__ = "(.+)"', (REPO / "src/mkdocs_briefs/__init__.py").read_text())[1]
    assert "MIT License" in (REPO / "LICENSE").read_text("utf-8")


def _repo_files(top: str) -> set[str]:
    root = REPO / top
    files = [root] if root.is_file() else [p for p in root.rglob("*") if p.is_file()]
    return {p.relative_to(REPO).as_posix() for p in files
            if not SKIPPED_PARTS & set(p.parts) and p.suffix != ".pyc"}


@pytest.mark.slow
def test_sdist_holds_everything_the_tests_read(dist: Path):
    """conftest.py, fixtures, golden files, browser.py, and the site, docs, benchmarks and workflows tests read."""
    with tarfile.open(_one(dist, "*.tar.gz")) as tf:
        members = {m.name.split("/", 1)[1] for m in tf.getmembers() if m.isfile() and "/" in m.name}
    wanted = set()
    for top in ("tests", "docs", "briefs", "benchmarks", "scripts", ".github", ".ci", "mkdocs.yml", "LICENSE",
                "CHANGELOG.md", "CONTRIBUTING.md", "README.md", "src"):
        wanted |= _repo_files(top)
    wanted = {w for w in wanted if not w.startswith("src/mkdocs_briefs.egg-info/")}
    assert wanted - members == set()


@pytest.mark.slow
def test_a_new_site_from_the_wheel_in_an_empty_folder(dist: Path, tmp_path: Path):
    """As another organisation starts: a non-editable install of the wheel in a new environment
    (pip's cache is reused), then `init`, `check`, `mkdocs build --strict`, and the site read back."""
    from bs4 import BeautifulSoup

    venv = new_venv(tmp_path / "venv", str(_one(dist, "*.whl")))
    empty = tmp_path / "work"
    empty.mkdir()
    env = {"PATH": f"{venv / 'bin'}:/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1"}

    def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(args, cwd=cwd, capture_output=True, text=True, env=env)

    shown = run("mkdocs-briefs", "--version", cwd=empty)
    assert shown.stdout.startswith("mkdocs-briefs ") and shown.returncode == 0
    where = run("python", "-c", "import mkdocs_briefs; print(mkdocs_briefs.__file__)", cwd=empty).stdout
    assert where.startswith(str(venv)), f"the plugin was imported from {where}, not the new environment"
    assert run("mkdocs-briefs", "init", "site", cwd=empty).returncode == 0
    site = empty / "site"
    check = run("mkdocs-briefs", "check", "--strict", cwd=site)
    assert check.returncode == 0, check.stdout + check.stderr
    build = run("mkdocs", "build", "--strict", cwd=site)
    assert build.returncode == 0, build.stderr
    home = BeautifulSoup((site / "site" / "index.html").read_text("utf-8"), "html.parser")
    assert home.select_one("a[href='briefs/example-brief/']")
    brief = BeautifulSoup((site / "site/briefs/example-brief/index.html").read_text("utf-8"), "html.parser")
    assert brief.find("h1").get_text(strip=True).rstrip("¶") == "Example brief: a yearly review of a ministry's plans"
    assert (site / "site" / "assets" / "briefs").is_dir(), "the plugin's assets are published from the wheel"
