"""`mkdocs-briefs init`: a new site that checks clean, builds strictly and says where to read on.

The same from a non-editable install of the built wheel, in an empty folder, is in
test_package.py (slow).
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from conftest import FORKER, REPO, built, run_build
from test_workflows import check_workflow_hygiene, zizmor_findings

from mkdocs_briefs.scaffold import DOCS_URL

SITE_FILES = {
    "mkdocs.yml", "requirements.txt", ".gitignore", "docs/index.md", "docs/editing.md",
    "briefs/example-brief.md", "briefs/actors.yml", "briefs/mechanisms.yml", "briefs/authors.yml",
    "briefs/series.yml", ".github/workflows/pull-request.yml", ".github/workflows/publish.yml",
    ".github/dependabot.yml",
}


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return FORKER.python_m("mkdocs_briefs.cli", *args, cwd=cwd)  # a new process, forked with the imports done


def init(tmp_path: Path) -> Path:
    result = cli("init", "my-site", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "cd my-site && python3 -m venv .venv && .venv/bin/pip install -r requirements.txt" in result.stdout
    # the page reloads on save only with the flag under some releases of click (docs/reference.md, Serve)
    assert ".venv/bin/mkdocs serve --livereload\n" in result.stdout
    assert ".venv/bin/mkdocs serve --livereload\n" in (tmp_path / "my-site" / "docs" / "editing.md").read_text()
    return tmp_path / "my-site"


def test_init_writes_a_site_that_checks_clean_and_builds_strictly(tmp_path):
    site = init(tmp_path)
    assert {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()} == SITE_FILES
    check = cli("check", "--strict", cwd=site)
    assert check.returncode == 0 and check.stdout.splitlines()[-1] == "briefs: 0 errors, 0 warnings, 0 hints", \
        check.stdout
    build = built(run_build(site))
    home = build.html("")
    latest = home.find("h2", id="latest-briefs").find_next_sibling()
    assert "Example brief: a yearly review of a ministry's plans" in latest.get_text()
    counts = home.find("h2", id="who-is-asked-to-act").find_next("table")
    assert [a["href"] for a in counts.select("a[href*='?actor=']")] == [
        "recommendations/?actor=example-assembly", "recommendations/?actor=example-ministry"]
    brief = build.html("briefs/example-brief/")
    assert brief.select_one("a[href$='actors/example-ministry/']")
    assert build.html("recommendations/hold-a-yearly-review/").find("h1").get_text(strip=True).rstrip("¶") == \
        "Review the ministry's plans every year"
    assert build.html("editing/").find("h1").get_text(strip=True).rstrip("¶") == "Editing this site"
    # every section the plugin makes is in the new site's navigation: the updates and the tracker too,
    # which a site needs once its first update is written
    assert "not included in the \"nav\"" not in build.output, build.output
    nav = [a["href"] for a in home.select("nav.md-nav--primary a.md-nav__link[href]")]
    assert {"updates/", "tracker/", "matrix/", "map/"} <= set(nav), nav
    # a new site mends stock Material where it fails an accessibility scan, as this repository's does
    # (tests/test_accessibility.py scans those pages): underlined links, contrast, the search dialog's name
    assets = {tag.get("href") or tag.get("src") for tag in home.select("link[rel=stylesheet], script[src]")}
    assert {"assets/briefs/material-links.css", "assets/briefs/material-contrast.css",
            "assets/briefs/material-search-name.js"} <= assets, assets


def test_init_fills_in_the_version_and_the_date(tmp_path):
    from importlib.metadata import version

    result = FORKER.python_m("mkdocs_briefs.cli", "init", "s", cwd=tmp_path,
                             env={"SOURCE_DATE_EPOCH": "1659312000", "PATH": "/usr/bin"})
    assert result.returncode == 0, result.stderr
    assert f"mkdocs-briefs~={version('mkdocs-briefs')}\n" in (tmp_path / "s/requirements.txt").read_text()
    brief = (tmp_path / "s/briefs/example-brief.md").read_text()
    assert "date: 2022-08-01\n" in brief and "@@" not in brief


def test_init_overwrites_nothing(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Ours\n")
    result = cli("init", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == ("mkdocs-briefs: error: . already has docs/index.md: init writes a new site and "
                             "overwrites nothing; choose an empty folder, or move those files away\n")
    assert [p.name for p in tmp_path.rglob("*")] == ["docs", "index.md"]
    assert (tmp_path / "docs" / "index.md").read_text() == "# Ours\n"


def test_init_workflows_are_pinned_least_privileged_and_pass_zizmor(tmp_path):
    site = init(tmp_path)
    check_workflow_hygiene(site / ".github" / "workflows")
    assert zizmor_findings(site / ".github" / "workflows") == []
    steps = (site / ".github/workflows/pull-request.yml").read_text()
    assert "run: mkdocs-briefs check --format github" in steps and "run: mkdocs build --strict" in steps


def test_init_uses_the_same_action_commits_as_this_repository(tmp_path):
    """Dependabot updates this repository's workflows; a new site starts from the same commits."""
    site = init(tmp_path)
    ours = set(re.findall(r"uses: (\S+@\S+)", "".join(p.read_text() for p in (REPO / ".github/workflows").glob("*.yml"))))
    theirs = set(re.findall(r"uses: (\S+@\S+)", "".join(p.read_text() for p in (site / ".github/workflows").glob("*.yml"))))
    assert theirs <= ours


def test_every_link_to_the_docs_in_a_new_site_names_a_published_page_and_heading(tmp_path):
    site = init(tmp_path)
    urls = set()
    for path in site.rglob("*"):
        if path.is_file():
            urls |= set(re.findall(re.escape(DOCS_URL) + r"[^\s)>\"']*", path.read_text("utf-8")))
    assert len(urls) >= 4, urls
    for url in urls:
        page, _, anchor = url.removeprefix(DOCS_URL).partition("#")
        source = REPO / "docs" / (page.strip("/") + ".md" if page else "index.md")
        assert source.is_file(), url
        if anchor:
            headings = re.findall(r"(?m)^#{2,6} (.+)$", source.read_text("utf-8"))
            slugs = {re.sub(r"[^\w\s-]", "", h.lower()).strip().replace(" ", "-") for h in headings}
            assert anchor in slugs, f"{url}: no heading '{anchor}' in {source.name}"
    assert "docs/authoring.md" not in "".join(p.read_text() for p in site.rglob("*") if p.is_file())
