"""Good neighbours: the plugin beside other MkDocs plugins and themes, and where it must
refuse a layout. Each test builds a real site with the neighbour installed (the `test`
extra) and reads the HTML.
"""

from __future__ import annotations

import contextlib
import json
import re
from importlib import resources

import pytest
from conftest import MKDOCS_YML, Build, Project, built
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from sitecheck import check_site

from mkdocs_briefs import csp


def _yml(project: Project, text: str) -> None:
    project.write("mkdocs.yml", text)


def _nav_titles(page) -> list[str]:
    """The titles of the first level of Material's primary navigation."""
    nav = page.select_one("nav.md-nav--primary > ul.md-nav__list")
    return [li.select_one(".md-nav__link").get_text(" ", strip=True) for li in nav.find_all("li", recursive=False)]


def test_the_automatic_nav_has_the_section_indexes_after_the_hand_written_pages(minimal_site):
    assert _nav_titles(minimal_site.html("")) == ["Home", "Briefs", "Recommendations", "Actors", "Mechanisms",
                                                  "Authors", "Series", "Updates", "Tracker", "Who acts through what",
                                                  "Map"]


def test_a_nav_made_by_awesome_nav_is_left_as_it_is(project):
    project.write("docs/about.md", "# About\n")
    project.write("docs/.nav.yml", "nav:\n  - about.md\n  - index.md\n  - recommendations\n  - briefs\n")
    _yml(project, MKDOCS_YML.replace("  - search\n", "  - search\n  - awesome-nav\n"))
    build = built(project.build())
    titles = _nav_titles(build.html(""))
    assert titles[:2] == ["About", "Home"], titles  # the order .nav.yml gives, not re-sorted
    assert titles[2:] == ["Recommendations", "Briefs"], titles  # sections kept as awesome-nav made them


def test_arrange_nav_false_leaves_the_automatic_nav_alone(project):
    _yml(project, MKDOCS_YML.replace("  - briefs\n", "  - briefs:\n      arrange_nav: false\n"))
    build = built(project.build())
    titles = _nav_titles(build.html(""))
    assert titles[0] == "Home" and "Who acts through what" not in titles  # MkDocs' own: folders as sections
    assert "Matrix" in titles and "Map" in titles


def test_sources_inside_docs_dir_stop_the_build_with_the_fix(project):
    (project.root / "briefs").rename(project.root / "docs" / "briefs")
    _yml(project, MKDOCS_YML.replace("  - briefs\n", "  - briefs:\n      sources: docs/briefs\n"))
    build = project.build()
    assert build.returncode != 0
    assert ("the briefs sources folder 'docs/briefs' is inside docs_dir, so MkDocs would publish every brief twice"
            in build.output)
    assert "move it next to mkdocs.yml" in build.output and "Traceback" not in build.output
    assert not (build.site / "briefs/first-brief.md").exists()


def test_sources_as_docs_dir_itself_stop_the_build(project):
    _yml(project, MKDOCS_YML + "docs_dir: briefs\n")
    project.write("briefs/index.md", "# Home\n")
    build = project.build()
    assert build.returncode != 0 and "the briefs sources folder 'briefs' is inside docs_dir" in build.output


def _corpus(build) -> dict:
    return json.loads((build.site / "data/corpus.json").read_text("utf-8"))


def test_material_privacy_never_fetches_a_second_mermaid(project):
    """Offline, a --strict build with Material's privacy plugin fails if it downloads anything."""
    _yml(project, MKDOCS_YML.replace("  name: material\n", "  name: material\n  font: false\n")
         .replace("  - search\n", "  - search\n  - privacy\n"))
    build = built(project.build())
    assert "mermaid" not in build.output.lower()  # no "Downloading external file: .../mermaid.min.js"
    assert not (build.site / "assets/external").exists()
    assert (build.site / "assets/briefs/vendor/mermaid.min.js").is_file()  # the bundled one is published


def test_diagram_links_are_resolved_in_the_markdown_whatever_html_a_mermaid_plugin_makes(project):
    """mkdocs-mermaid2 and others write `<div  class="mermaid">`: the links are resolved before that."""
    project.write("docs/index.md", "# Home\n\n```mermaid\ngraph LR\n  rok[Seoul]\n"
                                   '  click rok href "briefs:actors/rok.md"\n```\n')
    build = built(project.build())
    diagram = build.html("").select_one(".mermaid").get_text()
    assert 'click rok href "actors/rok/"' in diagram and "briefs:" not in diagram


def test_rss_and_revision_dates_read_what_generated_pages_carry(project):
    """mkdocs-rss-plugin reads each page's source file (it crashed on None); the localized
    revision-date plugin would stamp generated pages with the build's time, so they are left out of it."""
    import subprocess

    _yml(project, MKDOCS_YML.replace("site_name: Test briefs\n", "site_name: Test briefs\nsite_url: https://example.org/\n")
         .replace("  name: material\n", "  name: material\n  font: false\n")
         .replace("  - briefs\n", "  - briefs\n  - rss\n  - git-revision-date-localized\n"))
    git = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org"]
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "Sources"]):
        subprocess.run([*git, *command], cwd=project.root, check=True, capture_output=True)
    build = built(project.build())
    feed = (build.site / "feed_rss_created.xml").read_text("utf-8")
    assert "<link>https://example.org/briefs/first-brief/</link>" in feed
    assert build.html("").select(".md-source-file")  # a hand-written page has its date
    assert not build.html("briefs/first-brief/").select(".md-source-file")  # a generated one no wrong date


def test_previews_step_aside_for_materials_own(project):
    _yml(project, MKDOCS_YML.replace("  name: material\n", "  name: material\n  features:\n    - content.tooltips\n"))
    page = built(project.build()).html("briefs/first-brief/")
    scripts = [s.get("src", "") for s in page.find_all("script")]
    assert not any(s.endswith("preview.js") for s in scripts) and any(s.endswith("explorer.js") for s in scripts)
    link = page.select_one('a.briefs-link[data-briefs-kind="actor"]')
    assert link["title"] == "South Korea."  # what Material's tooltip shows


def test_previews_are_on_without_materials_own(minimal_site):
    scripts = [s.get("src", "") for s in minimal_site.html("briefs/first-brief/").find_all("script")]
    assert any(s.endswith("preview.js") for s in scripts)


def test_the_explorer_says_from_a_file_that_filtering_needs_a_server(chromium, flat_site):
    """Material's offline plugin makes a site to open from file://, where a page cannot fetch its data."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto((flat_site.site / "recommendations" / "index.html").as_uri())
        note = page.wait_for_selector(".briefs-explorer__offline", state="visible", timeout=10_000)
        assert note.inner_text().startswith("Filtering needs the site served over http(s)")
        assert page.locator(".briefs-explorer table tbody tr").count() == 2  # the table stays
    finally:
        context.close()


# --- other themes: MkDocs' own and Read the Docs ------------------------------------------


@pytest.mark.parametrize("theme", ["mkdocs", "readthedocs"])
def test_on_another_theme_grids_diagrams_previews_and_copy_buttons_work(theme, chromium, project):
    from browser import serve_folder

    _yml(project, MKDOCS_YML.replace("  name: material\n", f"  name: {theme}\n"))
    project.write("docs/index.md", "# Home\n\n```mermaid\nflowchart LR\n  rok[Seoul] --> rec[Widen the aperture]\n"
                                   '  click rec href "briefs:recommendations/widen-aperture.md"\n```\n')
    build = built(project.build())
    with serve_folder(build.site) as url:
        context = chromium.new_context(viewport={"width": 1280, "height": 900})
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=url.rstrip("/"))
        try:
            page = context.new_page()
            page.goto(url)  # a site's own diagram
            drawn = page.wait_for_selector("div.mermaid svg", timeout=20_000)  # drawn with the bundled Mermaid
            assert "Widen the aperture" in (drawn.text_content() or "")
            assert page.locator("pre.mermaid").count() == 0
            assert page.locator('div.mermaid svg a[*|href*="recommendations/widen-aperture"]').count() == 1
            page.goto(url + "actors/rok/")  # the Connections grid: a table, its marks named
            grid = page.locator(".briefs-grid table")
            assert grid.locator('a[href*="recommendations/widen-aperture"]').count() == 1
            assert grid.locator("td").filter(has_text="addressed to").count() >= 1

            page.goto(url + "briefs/first-brief/")
            page.locator('a.briefs-link[data-briefs-kind="actor"]').first.hover()
            preview = page.wait_for_selector("#briefs-preview", state="visible")
            background = preview.evaluate("e => getComputedStyle(e).backgroundColor")
            assert background not in ("transparent", "rgba(0, 0, 0, 0)"), background  # not see-through
            page.locator("#briefs-cite summary").click()
            page.locator("button.briefs-copy").first.click()
            # the copy is written in the background: wait for it (a timeout fails the test), then compare
            expected = page.locator("#briefs-cite-text").inner_text().strip()
            with contextlib.suppress(PlaywrightTimeout):
                page.wait_for_function("text => navigator.clipboard.readText().then(t => t === text)", arg=expected)
            assert page.evaluate("navigator.clipboard.readText()") == expected
        finally:
            context.close()


# --- mkdocs-mermaid2, Material's blog and tags, Material's offline plugin --------------------

MERMAID2_YML = MKDOCS_YML.replace("  name: material\n", "  name: material\n  font: false\n").replace(
    "  - briefs\n", "  - briefs\n  - mermaid2:\n      javascript: js/mermaid.min.js\n") + """\
markdown_extensions:
  - pymdownx.superfences:
      custom_fences:
        - name: mermaid
          class: mermaid
          format: !!python/name:mermaid2.fence_mermaid
"""
"""mkdocs-mermaid2 as its documentation sets it up, with its own fence (a <div class="mermaid">) and a
copy of Mermaid in docs/ (offline, its default from a CDN cannot be checked, which --strict refuses)."""


def _mermaid2_project(project: Project) -> Build:
    (project.root / "docs/js").mkdir(parents=True)
    (project.root / "docs/js/mermaid.min.js").write_bytes(
        resources.files("mkdocs_briefs").joinpath("vendor/mermaid.min.js").read_bytes())
    project.write("docs/index.md", "# Home\n\n```mermaid\ngraph LR\n  rok[Seoul]\n"
                                   '  click rok href "briefs:actors/rok.md"\n```\n')
    _yml(project, MERMAID2_YML)
    return built(project.build())


@pytest.mark.slow
def test_mermaid2_draws_the_diagrams_with_their_links_and_the_policy_allows_its_script(chromium, project):
    from browser import serve_folder

    build = _mermaid2_project(project)
    home = build.html("")  # a site's own diagram (generated pages have grids, no diagram)
    diagram = home.select_one("div.mermaid").get_text()  # mermaid2's own markup
    clicks = re.findall(r'click \w+ href "([^"]*)"', diagram)
    assert clicks == ["actors/rok/"]
    inline = [s.string for s in home.find_all("script") if not s.get("src") and s.string and "mermaid" in s.string]
    policy = home.select_one('meta[http-equiv="Content-Security-Policy"]')["content"]
    assert inline and all(f"'{csp.script_hashes(f'<script>{body}</script>')[0][1:-1]}'" in policy for body in inline)
    with serve_folder(build.site) as url:
        context = chromium.new_context(viewport={"width": 1280, "height": 900})
        errors: list[str] = []
        try:
            page = context.new_page()
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.goto(url)
            page.wait_for_selector("div.mermaid svg", timeout=20_000)
            links = page.eval_on_selector_all(
                "div.mermaid svg a", "els => els.map(a => a.getAttribute('href') || a.getAttribute('xlink:href'))")
            assert "actors/rok/" in links, links
            page.goto(url + "actors/rok/")
            assert page.locator('.briefs-grid a[href="../../recommendations/widen-aperture/"]').count() == 1
        finally:
            context.close()
    assert errors == []  # no script refused by the Content-Security-Policy


BLOG_POST = """---
date: 2024-05-02
categories:
  - Korea
tags:
  - alliance
---

# A note on Seoul

[Seoul](actor:rok) and [the hearings](rec:hold-hearings) again.

<!-- more -->

<!-- briefs:latest 3 -->
"""


@pytest.mark.slow
def test_materials_blog_and_tags_beside_the_briefs(project):
    project.write("docs/blog/index.md", "# Blog\n")
    project.write("docs/blog/posts/first.md", BLOG_POST)
    project.write("docs/tags.md", "# Tags\n\n<!-- material/tags -->\n")
    project.replace("briefs/first-brief.md", "summary: A small brief for tests.\n",
                    "summary: A small brief for tests.\ntags: [alliance]\n")
    _yml(project, MKDOCS_YML.replace("  name: material\n", "  name: material\n  font: false\n")
         .replace("  - search\n", "  - search\n  - blog\n  - tags\n"))
    build = built(project.build())
    assert check_site(build.site).problems == []
    post = build.html("blog/2024/05/02/a-note-on-seoul/")
    hrefs = {a.get_text(strip=True): a["href"] for a in post.select("article a[href]")}
    assert hrefs["Seoul"] == "../../../../../actors/rok/"  # an annotation in a post
    assert hrefs["The First Brief"] == "../../../../../briefs/first-brief/"  # a listing in a post
    excerpt = {a.get_text(strip=True): a["href"] for a in build.html("blog/").select("article a[href]")}
    assert excerpt["Seoul"] == "../actors/rok/"  # resolved for the blog index, where the excerpt shows
    tagged = {a.get_text(strip=True): a["href"] for a in build.html("tags/").select("article a[href]")}
    assert tagged == {"A note on Seoul": "../blog/2024/05/02/a-note-on-seoul/", "The First Brief": "../briefs/first-brief/"}
    titles = _nav_titles(build.html(""))
    assert titles[:3] == ["Home", "Tags", "Blog"] and titles[3:5] == ["Briefs", "Recommendations"], titles


OFFLINE_YML = MKDOCS_YML.replace("  name: material\n", "  name: material\n  font: false\n").replace(
    "  - search\n", "  - search\n  - offline\n")


def test_a_script_material_would_load_from_another_site_is_named_with_the_fix(project):
    """Material's offline plugin adds unpkg.com's iframe-worker shim to every page; the policy refuses it."""
    _yml(project, OFFLINE_YML)
    build = project.build()
    assert build.returncode != 0
    assert ("WARNING -  briefs: Material loads https://unpkg.com/iframe-worker/shim (extra.polyfills, added by its "
            "offline plugin) on every page, but the Content-Security-Policy allows scripts from the site only") in build.output


@pytest.mark.slow
def test_materials_offline_plugin_from_file_urls(chromium, project):
    from browser import OPEN_SHADOW

    project.write("docs/js/iframe-worker-shim.js", "/* the site's own copy of the shim */\n")
    project.write("docs/index.md", "# Home\n\n```mermaid\nflowchart LR\n  rec[Widen the aperture]\n"
                                   '  click rec href "briefs:recommendations/widen-aperture.md"\n```\n')
    _yml(project, OFFLINE_YML + "extra:\n  polyfills: [js/iframe-worker-shim.js]\n")
    build = built(project.build())
    assert (build.site / "actors/rok.html").is_file() and check_site(build.site).problems == []
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(OPEN_SHADOW)
    errors: list[str] = []
    try:
        page = context.new_page()
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto((build.site / "index.html").as_uri())  # a site's own diagram
        page.wait_for_selector("div.mermaid svg", timeout=20_000)  # the bundled Mermaid, loaded from a file
        links = page.eval_on_selector_all(
            "div.mermaid svg a", "els => els.map(a => a.getAttribute('href') || a.getAttribute('xlink:href'))")
        assert "recommendations/widen-aperture.html" in links
        page.goto((build.site / "actors" / "rok.html").as_uri())  # the Connections grid
        assert page.locator('.briefs-grid a[href="../recommendations/widen-aperture.html"]').count() == 1
        page.goto((build.site / "recommendations" / "index.html").as_uri())
        note = page.wait_for_selector(".briefs-explorer__offline", state="visible", timeout=10_000)
        assert note.inner_text().startswith("Filtering needs the site served over http(s)")
    finally:
        context.close()
    assert not [e for e in errors if "Content Security Policy" in e], errors
