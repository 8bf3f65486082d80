"""The shipped sources, built for real: every page exists and links both ways."""

from __future__ import annotations

import json

import yaml
from conftest import REPO
from sitecheck import check_site, parse


def _registry(name: str) -> dict:
    return yaml.safe_load((REPO / "briefs" / f"{name}.yml").read_text("utf-8"))


def _brief_front_matter() -> dict:
    text = (REPO / "briefs" / "trilateral-prism.md").read_text("utf-8")
    return yaml.safe_load(text.split("---\n")[1])


def test_every_entity_has_a_page(shipped_site):
    front = _brief_front_matter()
    assert len(front["recommendations"]) >= 10
    for rec in front["recommendations"]:
        page = shipped_site.html(f"recommendations/{rec['id']}/")
        assert page.h1.get_text(strip=True).rstrip("¶") == rec["title"]
    for kind, folder in [("actors", "actors"), ("mechanisms", "mechanisms"), ("authors", "authors"), ("series", "series")]:
        for id_, entry in _registry(kind).items():
            page = shipped_site.html(f"{folder}/{id_}/")
            assert page.h1.get_text(strip=True).rstrip("¶") == entry["name"]
    assert shipped_site.html("briefs/trilateral-prism/").h1.get_text(strip=True).rstrip("¶") == front["title"]


def test_links_go_both_ways(shipped_site):
    links: dict[str, set[str]] = {}  # each page read once, though many recommendations name it

    def article_links(url: str) -> set[str]:
        if url not in links:
            links[url] = {a["href"] for a in shipped_site.html(url).select("article a[href]")}
        return links[url]

    for rec in _brief_front_matter()["recommendations"]:
        hrefs = article_links(f"recommendations/{rec['id']}/")
        for actor in rec["addressed_to"] + rec.get("involves", []):
            assert f"../../actors/{actor}/" in hrefs, (rec["id"], actor)
            back = article_links(f"actors/{actor}/")
            assert f"../../recommendations/{rec['id']}/" in back, (actor, rec["id"])
        for mech in rec.get("mechanisms", []):
            assert f"../../mechanisms/{mech}/" in hrefs
            assert f"../../recommendations/{rec['id']}/" in article_links(f"mechanisms/{mech}/")


def test_no_broken_internal_link_or_anchor(shipped_site):
    report = check_site(shipped_site.site)
    assert report.pages > 60
    assert report.problems == []


def test_search_finds_every_generated_page_but_indexes_passages_once(shipped_site):
    index = json.loads((shipped_site.site / "search" / "search_index.json").read_text("utf-8"))
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    for folder in ("briefs", "recommendations", "actors", "mechanisms", "authors", "series"):
        pages = [p.parent.relative_to(shipped_site.site).as_posix() + "/" for p in (shipped_site.site / folder).rglob("index.html")]
        for page in pages:
            assert page in locations, page
    # the "in context" quote is shown on recommendation pages but indexed only on the brief's page
    rec_page = shipped_site.html("recommendations/expand-strategic-aperture/")
    quote = rec_page.select_one(".briefs-passage blockquote").get_text(" ", strip=True)
    sentence = quote.split(".")[0]
    holders = {doc["location"].split("#")[0] for doc in index["docs"] if sentence[:40] in " ".join(doc["text"].split())}
    assert holders == {"briefs/trilateral-prism/"}
    # the briefs' and updates' indexes keep their intro in the index, not their lists: each entry has a page
    text = {doc["location"]: " ".join(doc["text"].split()) for doc in index["docs"]}
    assert text["briefs/"] == "<p>1 brief, newest first.</p>" and "Clint Work" not in text["briefs/"]
    update = json.loads((shipped_site.site / "data" / "corpus.json").read_text("utf-8"))["updates"][0]
    assert "newest first" in text["updates/"] and update["title"] not in text["updates/"]
    assert any(update["title"] in doc["title"] for doc in index["docs"] if doc["location"].startswith("updates/2"))


def test_navigation_lists_sections_not_every_page(shipped_site):
    page = shipped_site.html("actors/rok/")
    top = [item.find(["a", "label"]).get_text(" ", strip=True)
           for item in page.select("nav.md-nav--primary > ul > li")]
    assert top == ["Home", "Briefs", "Recommendations", "Actors", "Mechanisms", "Authors", "Series", "Updates",
                   "Tracker", "Who acts through what", "Map", "About", "For editors and maintainers"]
    editors = page.select("nav.md-nav--primary > ul > li")[-1]
    assert [a.get_text(" ", strip=True) for a in editors.select("a")] == [
        "Authoring guide", "Messages", "Site maintainer reference", "Developers' guide", "Benchmarks"]
    assert len(page.select("nav.md-nav--primary a")) < 25


def test_no_page_shows_a_markdown_escape(shipped_site):
    """Text escaped for Markdown must be read as Markdown: a reader never sees 'U\\.S\\.'."""
    import copy
    import re

    for page in shipped_site.site.rglob("*.html"):
        article = parse(page).select_one("article")  # parsed once with test_no_broken_internal_link_or_anchor's
        if article is None:
            continue
        article = copy.copy(article)
        for code in article.find_all(["code", "pre"]):
            code.decompose()
        shown = re.findall(r"\\[\\`*_{}\[\]()#+\-.!|:~^]", article.get_text())
        assert shown == [], page


def test_the_explorer_address_leads_to_the_recommendations_explorer(shipped_site):
    """Pages call the recommendations index "the explorer": /explorer/ opens it instead of a 404."""
    from bs4 import BeautifulSoup

    page = BeautifulSoup((shipped_site.site / "explorer" / "index.html").read_text("utf-8"), "html.parser")
    refresh = page.find("meta", attrs={"http-equiv": "refresh"})["content"]
    assert refresh == "0; url=../recommendations/"
    assert page.find("a")["href"] == "../recommendations/"
    assert (shipped_site.site / "explorer" / ".." / "recommendations" / "index.html").is_file()
    assert shipped_site.html("recommendations/").select_one("div.briefs-explorer") is not None
