"""Markup and script payloads in every field an editor writes reach every page as text.

Each user-written field of each source kind carries a payload that would create an
element (`<xss-probe>`, `<img onerror>`) or an attribute (`data-xss-probe`) if it were
not escaped. The built site is parsed, and the pages are also opened in Chromium, where
scripts (the explorer, previews, diagrams) build more of the page: no probe element or
attribute may appear anywhere, and the payload's text must still be there.
"""

from __future__ import annotations

import json

import pytest
import yaml
from browser import serve_folder
from bs4 import BeautifulSoup
from conftest import Build, built, make_project
from payloads import LONG_WORD
from payloads import PROBE as PAYLOAD


def _front(text: str) -> tuple[dict, str]:
    _, front, body = text.split("---\n", 2)
    return yaml.safe_load(front), body


def _dump(data) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Build:
    project = make_project(tmp_path_factory.mktemp("hostile"), fonts=False)
    briefs = project.briefs
    fields = {
        "actors": ["name", "short", "description"], "mechanisms": ["name", "description"],
        "authors": ["name", "affiliation", "bio"], "series": ["name", "publisher", "description"],
    }
    for registry, names in fields.items():
        data = yaml.safe_load((briefs / f"{registry}.yml").read_text("utf-8"))
        for entry in data.values():
            for name in names:
                entry[name] = f"{PAYLOAD} {name}"
            if registry == "actors":
                entry["aliases"] = [f"{PAYLOAD} alias"]
                entry["short"] += f" {LONG_WORD}"
        (briefs / f"{registry}.yml").write_text(_dump(data), "utf-8")
    front, body = _front((briefs / "first-brief.md").read_text("utf-8"))
    front["title"], front["summary"] = f"{PAYLOAD} title", f"{PAYLOAD} summary"
    front["source"]["publisher"], front["source"]["title"] = f"{PAYLOAD} publisher", f"{PAYLOAD} source title {LONG_WORD}"
    for rec in front["recommendations"]:
        rec["title"], rec["statement"] = f"{PAYLOAD} rec title", f"{PAYLOAD} statement"
    body = body.replace("[widen its aperture]", "[widen <xss-probe data-xss-probe=1>its</xss-probe> aperture]")
    (briefs / "first-brief.md").write_text("---\n" + _dump(front) + "---\n" + body, "utf-8")
    update = {"title": f"{PAYLOAD} update title", "date": "2023-04-17",
              "sources": [{"title": f"{PAYLOAD} report", "publisher": f"{PAYLOAD} news",
                           "url": "https://example.org/a'onmouseover=alert(1)", "date": "2023-04-17"}],
              "affects": [{"rec": "widen-aperture", "status": "under-way", "note": f"{PAYLOAD} note"}]}
    (briefs / "updates").mkdir()
    (briefs / "updates" / "hostile.md").write_text(
        "---\n" + _dump(update) + "---\n\nThe update body <xss-probe data-xss-probe=1>x</xss-probe> "
        "<img src=x onerror=alert(1)>\n", "utf-8")  # a 'javascript:' link in the text is refused, like a brief's
    return built(project.build())


def _strings(data) -> list[str]:
    if isinstance(data, str):
        return [data]
    values = data.values() if isinstance(data, dict) else data if isinstance(data, list) else []
    return [s for v in values for s in _strings(v)]


def _probes(soup) -> list[str]:
    found = [f"<{el.name}>" for el in soup.find_all(["xss-probe"])]
    found += [f"<img src={el.get('src')}>" for el in soup.find_all("img", src="x")]
    for el in soup.find_all(True):
        found += [f"{el.name}[{attr}]" for attr in el.attrs if attr in ("data-xss-probe", "onerror")]
    return found


def test_no_page_gets_an_element_or_attribute_from_a_field(hostile_site):
    pages = sorted(hostile_site.site.rglob("*.html"))
    assert len(pages) > 15
    for page in pages:
        soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        assert _probes(soup) == [], page
        for script in soup.find_all("script", type="application/ld+json"):
            assert any(PAYLOAD in value for value in _strings(json.loads(script.string)))
    brief = BeautifulSoup((hostile_site.site / "briefs/first-brief/index.html").read_text("utf-8"), "html.parser")
    text = brief.get_text()
    for field in ("title", "summary", "publisher", "source title", "rec title", "statement"):
        assert f"{PAYLOAD} {field}" in " ".join(text.split()) or f"{PAYLOAD} {field}" in text, field
    assert "javascript:" not in " ".join(a.get("href", "") for a in brief.find_all("a"))
    update = BeautifulSoup((hostile_site.site / "updates/hostile/index.html").read_text("utf-8"), "html.parser")
    text = " ".join(update.get_text().split())
    for field in ("update title", "report", "news", "note"):
        assert f"{PAYLOAD} {field}" in text, field
    assert "The update body" in text
    assert [a["href"] for a in update.select("#sources ~ ul a")] == ["https://example.org/a'onmouseover=alert(1)"]
    assert "<xss-probe" not in (hostile_site.site / "tracker" / "chart.svg").read_text("utf-8")


def test_exports_carry_the_payload_as_data(hostile_site):
    corpus = json.loads((hostile_site.site / "data" / "corpus.json").read_text("utf-8"))
    assert f"{PAYLOAD} rec title" in _strings(corpus)


@pytest.fixture(scope="module")
def hostile_tab(hostile_site, chromium):
    """The hostile site served, and one tab that loads each page in turn (a new tab a page cost
    Chromium as much CPU as the page), with every dialog a script opens recorded and dismissed."""
    with serve_folder(hostile_site.site) as url:
        page = chromium.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        yield url, page, dialogs
        page.close()


@pytest.mark.parametrize("path", ["briefs/first-brief/", "recommendations/widen-aperture/", "actors/rok/",
                                  "mechanisms/unc-rear/", "recommendations/", "authors/ann-author/", "series/roundtable/"])
def test_scripts_do_not_turn_a_field_into_markup(hostile_tab, path):
    url, page, dialogs = hostile_tab
    dialogs.clear()
    page.goto(url + path)
    page.wait_for_load_state("networkidle")
    for link in page.locator("a.briefs-link").all()[:5]:  # previews build markup on hover
        link.hover()
    soup = BeautifulSoup(page.content(), "html.parser")
    assert _probes(soup) == []
    assert dialogs == []


def test_a_long_unbroken_word_wraps_at_a_phones_width(hostile_tab):
    # an actor's short name of one long word made its facts list, and so the page, 1,300 px wide at 390
    url, page, _ = hostile_tab
    page.set_viewport_size({"width": 390, "height": 800})
    try:
        for path in ("actors/rok/", "briefs/first-brief/", "recommendations/widen-aperture/"):
            page.goto(url + path)
            page.wait_for_load_state("networkidle")
            assert page.evaluate("document.scrollingElement.scrollWidth") <= 390, path
    finally:
        page.set_viewport_size({"width": 1280, "height": 720})


def test_the_feed_carries_the_payload_as_text(hostile_site):
    import xml.etree.ElementTree as ET

    feed = ET.parse(hostile_site.site / "feed.xml").getroot()
    assert {el.tag.split("}")[0] for el in feed.iter()} == {"{http://www.w3.org/2005/Atom"}  # no element of a payload
    titles = [el.text for el in feed.iter("{http://www.w3.org/2005/Atom}title")]
    assert f"{PAYLOAD} update title" in titles and f"{PAYLOAD} title" in titles
    summaries = " ".join(el.text or "" for el in feed.iter("{http://www.w3.org/2005/Atom}summary"))
    assert f"{PAYLOAD} rec title" in summaries and f"{PAYLOAD} summary" in summaries
