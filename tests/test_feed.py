"""The Atom feed (feed.xml) of updates and briefs, and the <link rel="alternate"> that finds it.

The feed is read with a real XML parser (ElementTree) and checked against RFC 4287's rules for
what a feed and an entry must hold; hostile text in every update field must come out as the
same text, never as an element. Pipeline-level, except the head links, read from the shared
session builds.
"""

from __future__ import annotations

import datetime
import re
import xml.etree.ElementTree as ET
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup
from conftest import REPO, make_project
from payloads import IN_HEAD, PROBE, yaml_text

from mkdocs_briefs import pipeline
from mkdocs_briefs.feed import FEED, head_link
from mkdocs_briefs.settings import Limits, Settings

A = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)")


def _feed(sources, **kwargs) -> ET.Element:
    outcome = pipeline.run(sources, sources.parent, **kwargs)
    assert not outcome.diagnostics.errors, outcome.diagnostics.errors
    text = outcome.exports[FEED]
    assert text.startswith('<?xml version="1.0" encoding="utf-8"?>')
    return ET.fromstring(text.encode("utf-8"))


def _one(node: ET.Element, tag: str) -> ET.Element:
    found = node.findall(A + tag)
    assert len(found) == 1, (tag, len(found))
    return found[0]


def check_atom(feed: ET.Element) -> list[ET.Element]:
    """RFC 4287's must-haves (4.1.1, 4.1.2): returns the entries."""
    assert feed.tag == A + "feed"
    assert {el.tag for el in feed.iter()} <= {A + t for t in (
        "feed", "title", "subtitle", "id", "updated", "link", "author", "name", "generator", "entry",
        "published", "category", "summary")}, "an element that is not Atom's"
    for tag in ("id", "title", "updated"):
        assert _one(feed, tag).text
    assert RFC3339.fullmatch(_one(feed, "updated").text)
    assert feed.findall(A + "author") and _one(feed.find(A + "author"), "name").text
    entries = feed.findall(A + "entry")
    ids = []
    for entry in entries:
        for tag in ("id", "title", "updated", "summary"):
            assert _one(entry, tag).text is not None
        assert RFC3339.fullmatch(_one(entry, "updated").text)
        ident = _one(entry, "id").text
        assert re.match(r"[a-z][a-z0-9+.-]*:", ident), ident  # an absolute IRI
        ids.append(ident)
        alternate = [link for link in entry.findall(A + "link") if link.get("rel", "alternate") == "alternate"]
        assert len(alternate) == 1 and alternate[0].get("href")
    assert len(set(ids)) == len(ids)
    days = [_one(e, "updated").text for e in entries]
    assert days == sorted(days, reverse=True)
    assert _one(feed, "updated").text == (days[0] if days else _one(feed, "updated").text)
    return entries


def test_the_shipped_feed_is_valid_atom_with_absolute_addresses():
    site = "https://example.org/site/"
    feed = _feed(REPO / "briefs", site_url=site, site_name="Example")
    entries = check_atom(feed)
    assert _one(feed, "title").text == "Example: updates and briefs"
    self_link = next(link for link in feed.findall(A + "link") if link.get("rel") == "self")
    assert self_link.get("href") == site + "feed.xml" and _one(feed, "id").text == site + "feed.xml"
    assert all(_one(e, "id").text.startswith(site) for e in entries)
    first = entries[0]
    assert _one(first, "id").text == site + "updates/2026-03-freedom-shield-26/"
    assert _one(first, "link").get("href") == site + "updates/2026-03-freedom-shield-26/"
    assert _one(first, "category").get("term") == "update"
    assert "Under way" in _one(first, "summary").text
    brief = next(e for e in entries if _one(e, "category").get("term") == "brief")
    assert _one(brief, "link").get("href") == site + "briefs/trilateral-prism/"
    assert _one(_one(brief, "author"), "name").text == "Clint Work"
    assert len(entries) == 38  # 37 updates and the brief, under the cap of 50


def test_without_site_url_links_are_relative_and_ids_stable_urns(tmp_path):
    feed = _feed(REPO / "briefs", site_name="Example", directory_urls=False)
    entries = check_atom(feed)
    again = _feed(REPO / "briefs", site_name="Example", directory_urls=False)
    assert [_one(e, "id").text for e in entries] == [_one(e, "id").text for e in again.findall(A + "entry")]
    assert all(_one(e, "id").text.startswith("urn:uuid:") for e in entries)
    hrefs = [_one(e, "link").get("href") for e in entries]
    assert hrefs[0] == "updates/2026-03-freedom-shield-26.html" and not any("://" in h for h in hrefs)
    assert next(link for link in feed.findall(A + "link") if link.get("rel") == "self").get("href") == "feed.xml"


def test_the_feed_is_capped_newest_first(tmp_path):
    project = make_project(tmp_path)
    for day in range(1, 8):
        project.write(f"briefs/updates/u{day}.md", f"---\ntitle: Update {day}\ndate: 2023-05-0{day}\nsources:\n"
                      f"  - {{title: R, publisher: P, url: 'https://example.org/', date: 2023-05-0{day}}}\n"
                      "affects:\n  - rec: widen-aperture\n---\n")
    settings = Settings(limits=Limits(feed_entries=3))
    entries = check_atom(_feed(project.briefs, settings=settings))
    assert [_one(e, "title").text for e in entries] == ["Update 7", "Update 6", "Update 5"]


def test_hostile_text_in_every_update_field_stays_text(tmp_path):
    project = make_project(tmp_path)
    project.replace("briefs/first-brief.md", "title: Widen the aperture", f"title: {yaml_text(PROBE)}")
    project.write("briefs/updates/hostile.md", f"""---
title: {yaml_text(IN_HEAD + " ]]> " + PROBE)}
date: 2023-04-17
sources:
  - title: {yaml_text(PROBE)}
    publisher: {yaml_text(IN_HEAD)}
    url: "https://example.org/a'onmouseover=alert(1)"
    date: 2023-04-17
affects:
  - rec: widen-aperture
    status: under-way
    note: {yaml_text(PROBE)}
---

Body with <xss-probe>x</xss-probe>.
""")
    entries = check_atom(_feed(project.briefs, site_name=IN_HEAD, site_url="https://example.org/"))
    hostile = next(e for e in entries if _one(e, "title").text.startswith("Bad"))
    assert _one(hostile, "title").text == IN_HEAD + " ]]> " + PROBE  # the same text, every character
    assert PROBE in _one(hostile, "summary").text
    assert _one(_feed(project.briefs, site_name=IN_HEAD), "title").text == IN_HEAD + ": updates and briefs"


def test_the_head_link_escapes_the_site_name():
    soup = BeautifulSoup(head_link("../feed.xml?a=1&b=\"2\"", IN_HEAD), "html.parser")
    links = soup.find_all(True)
    assert [el.name for el in links] == ["link"]
    assert links[0]["title"] == IN_HEAD and links[0]["href"] == '../feed.xml?a=1&b="2"'


@pytest.mark.parametrize("path", ["", "actors/rok/", "recommendations/widen-aperture/", "updates/"])
def test_every_page_links_to_the_feed_relatively_without_site_url(minimal_site, path):
    page = minimal_site.html(path)
    links = page.select('head link[rel=alternate][type="application/atom+xml"]')
    assert len(links) == 1 and links[0]["title"] == "Test briefs: updates and briefs"
    target = urljoin("http://h/" + path, links[0]["href"]).removeprefix("http://h/")
    assert target == "feed.xml" and (minimal_site.site / target).is_file()
    ET.parse(minimal_site.site / target)  # well-formed


def test_the_shipped_site_links_to_its_feed(shipped_site):
    # relative even with site_url: Material fetches the sitemap.xml beside an alternate link's address
    for path, href in (("", "feed.xml"), ("tracker/", "../feed.xml"), ("updates/2023-07-ncg-first-meeting/",
                                                                        "../../feed.xml")):
        links = shipped_site.html(path).select('head link[rel=alternate][type="application/atom+xml"]')
        assert [a["href"] for a in links] == [href]
    feed = ET.parse(shipped_site.site / "feed.xml").getroot()
    assert feed.find(A + "id").text == "https://mkdocs-briefs.github.io/mkdocs-briefs/feed.xml"
    entries = check_atom(feed)
    assert datetime.date.fromisoformat(_one(entries[0], "updated").text[:10]) == datetime.date(2026, 3, 9)


def test_the_feed_follows_the_folders_option():
    from mkdocs_briefs.kinds import Folders

    settings = Settings(folders=Folders({"update": "news", "brief": "papers"}))
    entries = check_atom(_feed(REPO / "briefs", settings=settings, site_url="https://example.org/"))
    hrefs = {_one(e, "link").get("href") for e in entries}
    assert "https://example.org/news/2026-03-freedom-shield-26/" in hrefs
    assert "https://example.org/papers/trilateral-prism/" in hrefs
