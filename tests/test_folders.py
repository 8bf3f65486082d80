"""The `folders` option: a site chooses the folder, and so the URLs, of each kind's pages.

One site of the minimal fixture (with an update, so that every kind has pages) is built once
with every folder renamed; its HTML is read with BeautifulSoup and every link checked, and the
exports name the new addresses. The option's checks are tested on `folder_problems` directly;
docs/messages.md runs the build's message. A dirty build (slow) is compared with a clean one.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from conftest import Build, Project, built, make_project, run_build
from sitecheck import check_site

from mkdocs_briefs.export import page_url
from mkdocs_briefs.kinds import DEFAULT_FOLDERS, KINDS, RESERVED_FOLDERS, Folders, folder_problems
from mkdocs_briefs.plugin.config import FoldersConfig

RENAMED = {"briefs": "papers", "recommendations": "proposals", "actors": "players", "mechanisms": "instruments",
           "authors": "people", "series": "collections", "updates": "developments"}
"""Every kind's folder renamed, by its default folder (the option's keys)."""
OLD = re.compile(r"(?:^|/)(?:briefs|recommendations|actors|mechanisms|authors|series|updates)/")

UPDATE = """---
title: Talks held
date: 2023-04-17
sources:
  - title: Report of the talks
    publisher: Example News
    url: https://example.org/talks
    date: 2023-04-17
affects:
  - rec: widen-aperture
    status: under-way
---

[Seoul](actor:rok) began the talks.
"""

HOME = """# Home

[The actors](actor:index), [Seoul](actor:rok) and [the hearings](rec:hold-hearings).

<!-- briefs:latest 5 -->
"""


def renamed_project(root: Path, folders: dict[str, str] = RENAMED) -> Project:
    project = make_project(root, fonts=False)
    project.write("briefs/updates/talks.md", UPDATE)
    project.write("docs/index.md", HOME)
    option = "".join(f"        {old}: {new}\n" for old, new in folders.items())
    project.replace("mkdocs.yml", "  - briefs\n", f"  - briefs:\n      folders:\n{option}")
    project.replace("mkdocs.yml", "site_name: Test briefs\n", "site_name: Test briefs\nsite_url: https://example.org/\n")
    return project


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    return built(renamed_project(tmp_path_factory.mktemp("folders")).build())


def _local(href: str) -> bool:
    return not (urlsplit(href).scheme or href.startswith(("#", "mailto:")))


# --- the built site ---------------------------------------------------------------------------


def test_every_kind_lives_in_its_new_folder_and_none_in_the_old(site):
    top = {p.name for p in site.site.iterdir() if p.is_dir()}
    assert set(RENAMED.values()) <= top
    assert not set(RENAMED) & top, top
    for kind in KINDS.values():
        assert (site.site / RENAMED[kind.folder] / "index.html").is_file(), kind.key
    assert (site.site / "players/rok/index.html").is_file()
    assert (site.site / "proposals/widen-aperture/index.html").is_file()
    assert (site.site / "developments/talks/index.html").is_file()
    assert (site.site / "papers/first-brief/index.html").is_file()


def test_every_link_of_every_page_resolves_and_none_names_an_old_folder(site):
    report = check_site(site.site)
    assert report.pages > 20 and report.problems == []
    stale = []
    for html in site.site.rglob("*.html"):
        page = site.html(html.relative_to(site.site).as_posix())
        for a in page.find_all("a", href=True):
            if _local(a["href"]) and OLD.search(urlsplit(a["href"]).path):
                stale.append((html.name, a["href"]))
    assert stale == []


def test_annotations_listings_and_grids_follow_the_folders(site):
    home = site.html("")
    hrefs = [a["href"] for a in home.select("article a[href]")]
    assert {"players/", "players/rok/", "proposals/hold-hearings/", "papers/first-brief/"} <= set(hrefs)
    actor = site.html("players/rok/")
    grid = [a["href"] for a in actor.select(".briefs-grid a[href]")]  # the Connections grid
    assert grid and all(h.startswith(("../../proposals/", "../../instruments/", "../")) for h in grid)
    for href in grid:
        target = urlsplit(urljoin("/players/rok/", href)).path
        assert (site.site / target.lstrip("/") / "index.html").is_file(), href
    explorer = [a["href"] for a in actor.select("article a[href]") if "?" in a["href"]]
    assert explorer and all(h.startswith("../../proposals/") for h in explorer)
    counts = [a["href"] for a in site.html("map/").select(".briefs-grid td a[href]")]  # the map's cells
    assert counts and all(h.startswith("../proposals/?") for h in counts)


def test_the_navigation_and_the_explorer_redirect_use_the_new_folders(site):
    nav = [a["href"] for a in site.html("").select("nav.md-nav--primary a.md-nav__link[href]")]
    for folder in RENAMED.values():
        assert f"{folder}/" in nav
    redirect = site.html("explorer/")
    assert redirect.select_one('meta[http-equiv="refresh"]')["content"] == "0; url=../proposals/"


def test_the_exports_and_the_sitemap_give_the_new_addresses(site):
    corpus = json.loads((site.site / "data/corpus.json").read_text("utf-8"))
    pages = [entry["page"] for name, section in corpus.items() if isinstance(section, list) and name != "statuses"
             for entry in section]  # the status scale's levels have no page
    assert pages and all(not OLD.search(p) for p in pages)
    assert all((site.site / p / "index.html").is_file() for p in pages)
    assert {p.split("/")[0] for p in pages} == set(RENAMED.values())  # updates' pages included
    rows = list(csv.DictReader(io.StringIO((site.site / "data/recommendations.csv").read_text("utf-8"))))
    assert [r["url"] for r in rows] == ["https://example.org/proposals/widen-aperture/",
                                        "https://example.org/proposals/hold-hearings/"]
    explorer = json.loads((site.site / "data/recommendations.json").read_text("utf-8"))
    assert all(r["page"].startswith("proposals/") for r in explorer["recommendations"])
    assert all(a["page"].startswith("players/") for a in explorer["actors"])
    sitemap = (site.site / "sitemap.xml").read_text("utf-8")
    locs = re.findall(r"<loc>https://example\.org/([^<]*)</loc>", sitemap)
    assert "developments/talks/" in locs and "players/rok/" in locs
    assert not [loc for loc in locs if OLD.search(loc)]


# --- defaults and the option's checks (no build) ----------------------------------------------


def test_the_option_names_every_kind_by_its_default_folder():
    assert [name for name, _ in FoldersConfig._schema] == [kind.folder for kind in KINDS.values()]
    assert DEFAULT_FOLDERS.page_uri("rec", "x") == "recommendations/x.md"
    assert Folders({"rec": "proposals"}).page_uri("rec") == "proposals/index.md"
    assert Folders({"rec": "proposals"}).page_entity("proposals/x.md") == ("rec", "x")
    assert Folders({"rec": "proposals"}).page_entity("recommendations/x.md") is None
    assert page_url("actor", "rok", False, Folders({"actor": "players"})) == "players/rok.html"


@pytest.mark.parametrize("name", ["", "Actors", "a/b", "../up", ".hidden", "with space", "-dash", "x" * 65, "ähm"])
def test_an_unsafe_folder_name_is_refused(name):
    [problem] = folder_problems({"actor": name})
    assert problem.startswith(f"folders: actors: {name!r} is not a folder name a site can use")


def test_a_folder_the_site_or_docs_already_use_is_refused():
    for name in RESERVED_FOLDERS:
        assert "taken by the site's own files" in folder_problems({"rec": name})[0]
    [problem] = folder_problems({"rec": "notes"}, docs_folders=["notes", "images"])
    assert problem == ("folders: recommendations: 'notes' is also a folder of docs/, whose pages would mix with the "
                       "generated ones: choose another name, or rename the folder of docs/")
    assert folder_problems({}, docs_folders=["actors"]) == []  # a default folder is not checked against docs/


def test_two_kinds_in_one_folder_are_refused_and_every_problem_is_named_at_once():
    assert folder_problems({"actor": "authors"}) == [
        "folders: 'authors' would hold the pages of both actors and authors: give each kind a folder of its own"]
    problems = folder_problems({"actor": "people", "author": "people", "brief": "Bad", "rec": "data"})
    assert len(problems) == 3
    assert "both actors and authors" in problems[2]
    assert folder_problems({"actor": "players", "author": "actors"}) == []  # a swap away is fine


# --- a dirty build ----------------------------------------------------------------------------


@pytest.mark.slow
def test_a_dirty_build_with_renamed_folders_is_the_clean_builds(tmp_path):
    from test_dirty import DirtyServer, _site

    project = renamed_project(tmp_path / "project")
    server = DirtyServer(project.root)
    try:
        first = server.build()
        assert "players/rok/index.html" in first
        project.replace("briefs/actors.yml", "name: Republic of Korea", "name: Republic of Renamed")
        project.replace("briefs/first-brief.md", "title: The First Brief", "title: The Retitled Brief")
        server.build()
    finally:
        errors = server.close()
    assert "Traceback" not in errors
    clean = run_build(project.root)
    assert clean.returncode == 0, clean.output
    dirty, fresh = _site(server.site), _site(clean.site)
    assert dirty.keys() == fresh.keys()
    assert [path for path in fresh if dirty[path] != fresh[path]] == []
    assert "Republic of Renamed" in (server.site / "proposals/widen-aperture/index.html").read_text("utf-8")


def test_export_writes_the_pages_in_the_new_folders(tmp_path):
    from mkdocs_briefs.plugin.export_docs import export_docs

    project = renamed_project(tmp_path / "project")
    result = export_docs(project.root / "mkdocs.yml", tmp_path / "out")
    assert not result.diagnostics.errors and result.warnings == []
    out = tmp_path / "out"
    assert (out / "proposals/widen-aperture.md").is_file() and not (out / "recommendations").exists()
    actor = (out / "players/rok.md").read_text("utf-8")
    assert "](../proposals/widen-aperture.md)" in actor and "](../recommendations/" not in actor
    assert "url=../proposals/" in (out / "explorer/index.html").read_text("utf-8")
