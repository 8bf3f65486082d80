"""The recommendations explorer (/recommendations/ and assets/explorer.js), its pre-filtered
links, and its pages when the table is long. The browser tests drive headless Chromium."""

from __future__ import annotations

import contextlib
import csv
import datetime
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser import settled
from conftest import Build, built, make_project, run_build
from payloads import BOLD, IMG, JS_URL, SCRIPT, yaml_text
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from sitecheck import check_site

STATUS = ".briefs-explorer__status"
ROWS = ".briefs-explorer tbody tr"
EXPLORER = ".briefs-explorer[data-briefs-explorer]"
PAGE_LIMIT = 200_000
"""No page of the table may pass 200 KB of HTML (issue 6)."""


def _data(build: Build) -> dict:
    return json.loads((build.site / "data" / "recommendations.json").read_text("utf-8"))


def _table_ids(page) -> list[str]:
    """Ids of the recommendations a table lists, from its links ('../x/', 'x/', 'x.html')."""
    return [re.sub(r"(\.html|/)$", "", a["href"]).rsplit("/", 1)[-1]
            for a in page.select(".briefs-explorer tbody tr td:first-child a")]


# --- the static page -------------------------------------------------------------------


def test_the_table_lists_every_recommendation_and_the_downloads(shipped_site):
    page = shipped_site.html("recommendations/")
    data = _data(shipped_site)
    assert _table_ids(page) == [r["id"] for r in data["recommendations"]]
    assert [th.get_text() for th in page.select(".briefs-explorer thead th")] == [
        "Recommendation", "Addressed to", "Also involves", "Mechanisms", "Horizon", "Brief"]
    downloads = {a.get_text(): a["href"] for a in page.select(".briefs-downloads a")}
    assert downloads == {
        "every recommendation as CSV": "../data/recommendations.csv",
        "as JSON": "../data/recommendations.json",
        "the whole corpus as JSON": "../data/corpus.json",
        "its schema": "../data/corpus.schema.json",
    }
    assert all((shipped_site.site / "recommendations" / href).is_file() for href in downloads.values())
    assert page.select_one(".briefs-pager") is None  # 15 rows: one page
    # the Brief column names each brief by its short title (the full one is on the brief's page)
    briefs = {b["id"]: b for b in data["briefs"]}
    assert [td.get_text() for td in page.select(".briefs-explorer tbody td:last-child")] == [
        briefs[r["brief"]]["short_title"] or briefs[r["brief"]]["title"] for r in data["recommendations"]]
    assert {b["short_title"] for b in data["briefs"]} == {"Trilateral Prism"}
    # the table is not in the search index (its cells made run-together snippets); the intro is
    index = json.loads((shipped_site.site / "search" / "search_index.json").read_text("utf-8"))
    text = " ".join(d["text"] for d in index["docs"] if d["location"].split("#")[0] == "recommendations/")
    assert f"{len(data['recommendations'])} recommendations" in text
    assert not [r["title"] for r in data["recommendations"] if r["title"] in text]


def test_actor_and_mechanism_pages_link_to_the_filtered_explorer(shipped_site):
    data = json.loads((shipped_site.site / "data" / "corpus.json").read_text("utf-8"))
    recs = data["recommendations"]
    checked = 0
    for kind, param, field in [("actors", "actor", "addressed_to"), ("actors", "involves", "involves"),
                               ("mechanisms", "mechanism", "mechanisms")]:
        for entry in data[kind]:
            page = shipped_site.html(entry["page"])
            links = {a["href"]: a.get_text() for a in page.select("article a[href]")}
            href = f"../../recommendations/?{param}={entry['id']}"
            n = sum(entry["id"] in r[field] for r in recs)
            if n == 0:
                assert href not in links
                continue
            assert links[href] == ("Open it" if n == 1 else f"Open these {n}") + " in the recommendations explorer"
            checked += 1
    assert checked > 20


def test_links_are_relative_without_directory_urls(flat_site):
    build = flat_site
    actor = build.html("actors/rok.html")
    assert "../recommendations/index.html?actor=rok" in {a["href"] for a in actor.select("article a")}
    table = build.html("recommendations/index.html")
    assert _table_ids(table) == ["widen-aperture", "hold-hearings"]
    assert {a["href"] for a in table.select(".briefs-downloads a")} >= {"../data/recommendations.csv"}
    assert check_site(build.site).problems == []


HOSTILE_TITLE, HOSTILE_CONGRESS, HOSTILE_KOREA = f"{IMG} | *Widen*", f"Congress {SCRIPT} & co", f"Korea {BOLD} & co"


@pytest.fixture(scope="module")
def hostile_table(tmp_path_factory) -> Build:
    """The minimal fixture with markup in a recommendation's title and in two actors' names."""
    project = make_project(tmp_path_factory.mktemp("hostile-table"))
    project.replace("briefs/first-brief.md", "title: Widen the aperture", f"title: {yaml_text(HOSTILE_TITLE)}")
    project.replace("briefs/actors.yml", "name: U.S. Congress", f"name: {yaml_text(HOSTILE_CONGRESS)}")
    project.replace("briefs/actors.yml", "name: Republic of Korea", f"name: {yaml_text(HOSTILE_KOREA)}")
    # a hand-written page may host an explorer (the sanitiser keeps its markup), fed by a data file of docs/
    project.write("docs/prize.md", '# Prize\n\n<div class="briefs-explorer" data-briefs-explorer="">'
                  '<p><a href="../kit/data/recommendations.json">data</a></p><table><thead><tr><th>R</th><th>A</th>'
                  '</tr></thead><tbody></tbody></table></div>\n')
    project.write("docs/kit/data/recommendations.json", json.dumps({
        "recommendations": [{"id": "x", "title": "Claim your prize", "statement": "s", "brief": "b", "page": JS_URL,
                             "addressed_to": ["a"], "involves": [], "mechanisms": [], "horizon": "near-term"}],
        "actors": [{"id": "a", "name": "Act", "page": JS_URL}], "briefs": [{"id": "b", "title": "B", "page": JS_URL}]}))
    return built(project.build())


def test_editor_text_stays_text_in_the_table(hostile_table):
    page = hostile_table.html("recommendations/")
    cells = [[td.get_text() for td in tr.select("td")] for tr in page.select(".briefs-explorer tbody tr")]
    assert page.select_one(".briefs-explorer tbody td a").get_text() == HOSTILE_TITLE
    assert cells[0][0] == HOSTILE_TITLE + " ? Not tracked"  # and its status badge
    assert cells[1][1] == HOSTILE_CONGRESS
    assert not page.select(".briefs-explorer img, .briefs-explorer script, .briefs-explorer em, .briefs-explorer b")


def test_search_finds_the_index_pages_by_title_and_intro_not_by_table_cells(shipped_site):
    index = json.loads((shipped_site.site / "search" / "search_index.json").read_text("utf-8"))
    data = json.loads((shipped_site.site / "data" / "corpus.json").read_text("utf-8"))
    cells = {"actors/": [a["name"] for a in data["actors"]], "mechanisms/": [m["name"] for m in data["mechanisms"]],
             "authors/": [a["name"] for a in data["authors"]], "series/": [s["name"] for s in data["series"]],
             "matrix/": [a.get_text() for a in shipped_site.html("matrix/").select(".briefs-matrix thead a")]}
    for location, names in cells.items():
        docs = [d for d in index["docs"] if d["location"].split("#")[0] == location]
        text = " ".join(d["text"] for d in docs)
        assert docs and docs[0]["title"] and text.startswith("<p>"), location  # the title and the intro are kept
        assert [n for n in names if n in text] == [], location
        # each name is still found, on its own page
        assert all(any(n == d["title"] for d in index["docs"]) for n in names if location != "matrix/"), location


# --- a long table ----------------------------------------------------------------------

BRIEFS, RECS_PER_BRIEF = 9, 10  # 90 recommendations: five pages of the table
PAGE_SIZE = 20
"""Rows a page of the table (the site's `limits: explorer_page_size`): five pages from 90 recommendations
instead of 450 at the default 100 (test_scale builds full pages of 100 rows)."""
ACTORS = [f"actor-{i:02d}" for i in range(16)]
MECHANISMS = [f"mechanism-{i:02d}" for i in range(8)]
RARE_ACTOR = "rare-actor"  # addressed only by the oldest brief, whose recommendations are on the last page
RARE_WORD = "zanzibarian"


def _write_large(root: Path, site_url: str) -> None:
    project = make_project(root, fixture=None, fonts=False)
    project.replace("mkdocs.yml", "  font: false\n", "  font: false\n  features: [navigation.instant]\n")
    project.replace("mkdocs.yml", "site_name: Test briefs\n", f"site_name: Test briefs\nsite_url: {site_url}\n")
    project.replace("mkdocs.yml", "  - briefs\n", f"  - briefs:\n      limits:\n        explorer_page_size: {PAGE_SIZE}\n")
    briefs = project.briefs
    actors = "".join(f"{a}:\n  name: Ministry of Coordination of the Federated Republic Number {i}\n  kind: state\n"
                     f"  description: A state of the generated corpus, described in a sentence of ordinary length.\n"
                     for i, a in enumerate(ACTORS))
    actors += f"{RARE_ACTOR}:\n  name: Rarely Named Assembly\n  kind: legislature\n"
    (briefs / "actors.yml").write_text(actors, "utf-8")
    (briefs / "mechanisms.yml").write_text("".join(
        f"{m}:\n  name: Standing Trilateral Coordination Mechanism Number {i}\n  kind: forum\n"
        for i, m in enumerate(MECHANISMS)), "utf-8")
    (briefs / "authors.yml").write_text("".join(f"author-{i}:\n  name: Author Number {i}\n" for i in range(3)), "utf-8")
    (briefs / "series.yml").write_text("".join(f"series-{i}:\n  name: Series {i}\n" for i in range(2)), "utf-8")
    for b in range(BRIEFS):
        recs, body = [], []
        for j in range(RECS_PER_BRIEF):
            rec_id = f"rec-{b:02d}-{j}"
            addressed = [ACTORS[(b + j) % 16]] + ([RARE_ACTOR] if b == 0 and j < 3 else [])
            word = f" {RARE_WORD}" if (b, j) == (0, 7) else ""
            recs.append(
                f"  - id: {rec_id}\n    title: Strengthen the coordination of planning, number {j} of brief {b}\n"
                f"    statement: The governments concerned should strengthen{word} the joint planning of item {j}, "
                f"with regular reviews and a published timetable.\n"
                f"    addressed_to: [{', '.join(addressed)}]\n"
                + (f"    involves: [{ACTORS[(b + j + 5) % 16]}]\n" if j % 2 == 0 else "")
                + f"    mechanisms: [{MECHANISMS[(3 * b + j) % 8]}, {MECHANISMS[(3 * b + j + 1) % 8]}]\n"
                f"    horizon: {('near-term', 'long-term', 'unspecified')[j % 3]}\n")
            body.append(f"[The ministry](actor:{addressed[0]}) should [act](rec:{rec_id}) through "
                        f"[the mechanism](mechanism:{MECHANISMS[(3 * b + j) % 8]}).")
        date = datetime.date(2020, 1, 1) + datetime.timedelta(days=b)
        (briefs / f"brief-{b:02d}.md").write_text(
            f"---\ntitle: Generated brief number {b} on alliance coordination\ndate: {date}\n"
            f"authors: [author-{b % 3}]\nseries: series-{b % 2}\nsource:\n  publisher: Example\n  title: Original {b}\n"
            f"  date: {date}\n  url: https://example.org/{b}\nsummary: A generated brief.\nrecommendations:\n"
            + "".join(recs) + "---\n\n" + "\n\n".join(body) + "\n", "utf-8")


@pytest.fixture(scope="module")
def _large(tmp_path_factory) -> Iterator[tuple[Path, str]]:
    """Where the generated site is built, and the address it is served at (from before it is built)."""
    from browser import serve_folder

    root = tmp_path_factory.mktemp("large")
    with serve_folder(root / "site") as url:
        yield root, url


@pytest.fixture(scope="module")
def large_site(_large) -> Build:
    root, url = _large
    # Material navigates instantly only between the pages its sitemap lists, which needs site_url
    _write_large(root, site_url=url)
    return built(run_build(root))


@pytest.fixture(scope="module")
def large_url(_large, large_site) -> str:
    return _large[1]


@pytest.mark.slow
def test_a_long_table_is_split_across_pages(large_site):
    total = BRIEFS * RECS_PER_BRIEF
    pages = -(-total // PAGE_SIZE)
    assert pages > 1
    urls = ["recommendations/"] + [f"recommendations/page/{n}/" for n in range(2, pages + 1)]
    assert not (large_site.site / f"recommendations/page/{pages + 1}").exists()
    listed = []
    for n, url in enumerate(urls, start=1):
        html = (large_site.site / url / "index.html").read_text("utf-8")
        assert len(html.encode("utf-8")) < PAGE_LIMIT, url
        page = large_site.html(url)
        ids = _table_ids(page)
        assert len(ids) == (PAGE_SIZE if n < pages else total - PAGE_SIZE * (pages - 1))
        listed += ids
        pager = page.select_one("nav.briefs-pager")
        assert f"Page {n} of {pages}" in pager.get_text()
        links = {a.get_text(): a["href"] for a in pager.select("a")}
        assert links.get("Previous page") == (None if n == 1 else "../../" if n == 2 else f"../{n - 1}/")
        assert links.get("Next page") == (None if n == pages else f"page/{n + 1}/" if n == 1 else f"../{n + 1}/")
    assert listed == [r["id"] for r in _data(large_site)["recommendations"]]
    assert listed[-RECS_PER_BRIEF:] == [f"rec-00-{j}" for j in range(RECS_PER_BRIEF)]  # oldest brief last
    # the split table is left out of the search index; each recommendation's own page is in it
    index = json.loads((large_site.site / "search" / "search_index.json").read_text("utf-8"))
    title = "Strengthen the coordination of planning, number 7 of brief 0"
    holders = {d["location"].split("#")[0] for d in index["docs"] if title in d["text"] or title in d["title"]}
    assert "recommendations/rec-00-7/" in holders
    assert not [h for h in holders if h == "recommendations/" or h.startswith("recommendations/page/")]
    assert {"recommendations/", "recommendations/page/2/"} <= {d["location"] for d in index["docs"]}
    assert check_site(large_site.site).problems == []


# --- in the browser ----------------------------------------------------------------------


def _status(page) -> str:
    page.wait_for_selector(STATUS)
    return page.locator(STATUS).inner_text()


def _wait_status(page, text: str) -> None:
    """Wait for the status to say `text`, and for no page on its way to replace this one (browser.settled)."""
    settled(page, "([sel, text]) => document.querySelector(sel)?.textContent === text", [STATUS, text])


VIEW = """() => ({
  status: document.querySelector('.briefs-explorer__status')?.textContent ?? null,
  url: location.pathname + location.search,
  ids: [...document.querySelectorAll('.briefs-explorer tbody tr td:first-child a')]
    .map(a => a.href.replace(/\\/$/, '').split('/').pop()),
  chips: [...document.querySelectorAll('.briefs-explorer__chips button')].map(b => b.textContent),
  checked: [...document.querySelectorAll('.briefs-facet input[type=checkbox]:checked')].map(b => `${b.name}=${b.value}`),
})"""
"""What the explorer shows, read at once: its status, the address, the rows' ids, the chips, the boxes ticked."""


def _expect_view(page, **expected) -> None:
    """Wait until the explorer shows `expected` (keys of VIEW) all at once, with no page on its way to replace
    it, then compare one reading. After a step back or forward, Material's instant navigation can swap the page
    in again once the explorer has already followed the step: readings one at a time could mix the two pages."""
    want = {k: expected[k] for k in expected}
    with contextlib.suppress(PlaywrightTimeout):
        settled(page, f"want => {{ const v = ({VIEW})(); return Object.keys(want).every("
                      f"k => JSON.stringify(v[k]) === JSON.stringify(want[k])); }}", want)
    view = page.evaluate(VIEW)
    assert {k: view[k] for k in expected} == want


def _shown_ids(page) -> list[str]:
    hrefs = page.locator(f"{ROWS} td:first-child a").evaluate_all("links => links.map(a => a.href)")
    return [h.rstrip("/").rsplit("/", 1)[-1] for h in hrefs]


def _facet_box(page, facet: str, name: str):
    """The checkbox of option `name` in the facet labelled `facet`, its facet opened."""
    details = page.locator("details.briefs-facet").filter(has=page.locator("summary", has_text=facet))
    if details.get_attribute("open") is None:
        details.locator("summary").click()
    # a CSS locator, not get_by_role: the role query skips a box whose facet a re-render has
    # just closed, and then waits for ever; checking or reading the box still needs it there
    return details.locator("label").filter(has=page.get_by_text(name, exact=True)).locator("input[type=checkbox]")


def _matching(data: dict, **wanted: list[str]) -> list[str]:
    """Ids matching the filters, computed here as the explorer should: OR within a facet, AND across."""
    briefs = {b["id"]: b for b in data["briefs"]}
    fields = {"actor": "addressed_to", "involves": "involves", "mechanism": "mechanisms"}
    out = []
    for r in data["recommendations"]:
        values = {k: r[f] for k, f in fields.items()}
        values |= {"horizon": [r["horizon"]], "brief": [r["brief"]], "author": briefs[r["brief"]]["authors"],
                   "series": [briefs[r["brief"]]["series"]]}
        if all(set(values[k]) & set(v) for k, v in wanted.items()):
            out.append(r["id"])
    return out


def _with_words(data: dict, words: list[str]) -> list[str]:
    """Ids of the recommendations whose title, statement or names contain every word."""
    names = {e["id"]: e.get("name") or e.get("title") for kind in ("actors", "mechanisms", "briefs") for e in data[kind]}
    out = []
    for r in data["recommendations"]:
        ids = r["addressed_to"] + r["involves"] + r["mechanisms"] + [r["brief"]]
        text = " ".join([r["title"], r["statement"]] + [names[i] for i in ids]).lower()
        if all(w in text for w in words):
            out.append(r["id"])
    return out


def test_facets_filter_and_count(browser_page, site_url, shipped_site):
    data = _data(shipped_site)
    total = len(data["recommendations"])
    page = browser_page
    page.goto(site_url + "recommendations/")
    assert _status(page) == f"{total} of {total} recommendations"
    assert page.locator(".briefs-downloads + .briefs-explorer__controls").count() == 1

    congress = _facet_box(page, "Addressed to", "U.S. Congress")
    expected = _matching(data, actor=["us-congress"])
    congress.check()
    _wait_status(page, f"{len(expected)} of {total} recommendations")
    assert _shown_ids(page) == expected
    assert page.url.endswith("/recommendations/?actor=us-congress")

    # AND across facets: the mechanism's count says how many a click will show
    expected_and = _matching(data, actor=["us-congress"], mechanism=["trilateral-lawmaker-consultations"])
    mechanism = _facet_box(page, "Mechanism", "Trilateral lawmaker consultations")
    assert mechanism.evaluate("box => box.parentElement.textContent").endswith(f"({len(expected_and)})")
    mechanism.check()
    _wait_status(page, f"{len(expected_and)} of {total} recommendations")
    assert _shown_ids(page) == expected_and and 0 < len(expected_and) < len(expected)

    # OR within a facet
    mechanism.uncheck()
    japan = _facet_box(page, "Addressed to", "Japan")
    japan.check()
    expected_or = _matching(data, actor=["us-congress", "japan"])
    _wait_status(page, f"{len(expected_or)} of {total} recommendations")
    assert _shown_ids(page) == expected_or and len(expected_or) > len(expected)
    assert "actor=japan" in page.url and "actor=us-congress" in page.url

    # words: every word must match, in any case
    page.get_by_label("Filter by words").fill("TRILATERAL lawmakers")
    expected_text = [i for i in _with_words(data, ["trilateral", "lawmakers"]) if i in expected_or]
    _wait_status(page, f"{len(expected_text)} of {total} recommendations")
    assert 0 < len(expected_text) < len(expected_or)
    assert "text=TRILATERAL+lawmakers" in page.url

    page.get_by_role("button", name="Clear filters").click()
    _wait_status(page, f"{total} of {total} recommendations")
    assert page.url.endswith("/recommendations/")
    assert page.locator(ROWS).count() == total
    assert page.watch.console_errors == [] and page.watch.third_party_requests == []


def test_the_url_holds_the_filters_and_the_back_button_restores_them(browser_page, site_url, shipped_site):
    data = _data(shipped_site)
    total = len(data["recommendations"])
    page = browser_page
    page.goto(site_url + "recommendations/?actor=us-congress")
    expected = _matching(data, actor=["us-congress"])
    assert _status(page) == f"{len(expected)} of {total} recommendations"
    assert _shown_ids(page) == expected
    assert _facet_box(page, "Addressed to", "U.S. Congress").is_checked()

    _facet_box(page, "Horizon", "Unspecified").check()
    both = _matching(data, actor=["us-congress"], horizon=["unspecified"])
    _wait_status(page, f"{len(both)} of {total} recommendations")
    assert page.url.endswith("/recommendations/?actor=us-congress&horizon=unspecified")

    page.evaluate(f"document.querySelector('{EXPLORER}').dataset.seen = 'before the steps'")
    page.go_back()
    _expect_view(page, status=f"{len(expected)} of {total} recommendations", url="/recommendations/?actor=us-congress",
                 ids=expected, checked=["actor=us-congress"])
    page.go_forward()
    _expect_view(page, status=f"{len(both)} of {total} recommendations", ids=both,
                 checked=["actor=us-congress", "horizon=unspecified"])
    # the explorer followed both steps in place: Material did not fetch the page again and swap it
    # in (the reader would lose the table and their place for a moment); history.js hears them first
    assert page.evaluate(f"document.querySelector('{EXPLORER}').dataset.seen") == "before the steps"
    assert page.watch.console_errors == [] and page.watch.third_party_requests == []


def test_a_choice_is_named_and_its_chip_removes_it(browser_page, site_url, shipped_site):
    data = _data(shipped_site)
    total = len(data["recommendations"])
    page = browser_page
    page.goto(site_url + "recommendations/?actor=us-congress&mechanism=trilateral-lawmaker-consultations")
    both = _matching(data, actor=["us-congress"], mechanism=["trilateral-lawmaker-consultations"])
    assert _status(page) == f"{len(both)} of {total} recommendations"
    summaries = page.locator("details.briefs-facet summary")
    assert summaries.first.inner_text() == "Addressed to · U.S. Congress"
    chips = page.locator(".briefs-explorer__chips button")
    assert chips.all_inner_texts() == ["Addressed to: U.S. Congress ×", "Mechanism: Trilateral lawmaker consultations ×"]
    # rows the script draws name the brief by its short title too
    assert set(page.locator(f"{ROWS} td:last-child").all_inner_texts()) == {"Trilateral Prism"}

    page.get_by_role("button", name="Remove the filter Addressed to: U.S. Congress").click()
    alone = _matching(data, mechanism=["trilateral-lawmaker-consultations"])
    _wait_status(page, f"{len(alone)} of {total} recommendations")
    assert page.url.endswith("/recommendations/?mechanism=trilateral-lawmaker-consultations")
    assert summaries.first.inner_text() == "Addressed to"
    assert chips.all_inner_texts() == ["Mechanism: Trilateral lawmaker consultations ×"]
    assert page.evaluate("document.activeElement.textContent") == "Mechanism: Trilateral lawmaker consultations ×"
    page.keyboard.press("Enter")  # the last chip, by keyboard: focus goes back to the words
    _wait_status(page, f"{total} of {total} recommendations")
    assert page.locator(".briefs-explorer__chips").is_hidden()
    assert page.evaluate("document.activeElement.id") == "briefs-explorer-text"
    page.go_back()
    _expect_view(page, status=f"{len(alone)} of {total} recommendations", ids=alone,
                 chips=["Mechanism: Trilateral lawmaker consultations ×"])
    # two chosen in one facet: the summary names the first and counts the others
    page.get_by_role("button", name="Clear filters").click()
    _facet_box(page, "Addressed to", "Japan").check()
    _facet_box(page, "Addressed to", "U.S. Congress").check()
    _wait_status(page, f"{len(_matching(data, actor=['japan', 'us-congress']))} of {total} recommendations")
    assert summaries.first.inner_text() == "Addressed to · Japan +1"
    assert page.watch.console_errors == [] and page.watch.third_party_requests == []


def test_options_nothing_matches_are_hidden_until_asked_for(browser_page, site_url, shipped_site):
    data = _data(shipped_site)
    addressed = {a for r in data["recommendations"] for a in r["addressed_to"]}
    never = [a for a in data["actors"] if a["id"] not in addressed]
    assert addressed and never  # the shipped actors include some nobody is asked to act
    page = browser_page
    page.goto(site_url + "recommendations/")
    _status(page)
    facet = page.locator("details.briefs-facet[data-facet=actor]")
    facet.locator("summary").click()

    def shown() -> list[str]:
        return [re.sub(r"\s*\(\d+\)$", "", text) for text in facet.locator("li:visible label").all_inner_texts()]

    assert shown() == [a["name"] for a in data["actors"] if a["id"] in addressed]
    more = facet.get_by_role("button", name=f"Show {len(never)} more with no match")
    assert more.get_attribute("aria-expanded") == "false"
    more.click()
    assert shown() == [a["name"] for a in data["actors"]]
    fewer = facet.get_by_role("button", name=f"Hide the {len(never)} with no match")
    assert fewer.get_attribute("aria-expanded") == "true"
    fewer.click()
    assert len(shown()) == len(addressed)

    # chosen, an option stays in its list though nothing matches it
    page.goto(site_url + f"recommendations/?actor={never[0]['id']}")
    assert _status(page) == f"0 of {len(data['recommendations'])} recommendations"
    facet.locator("summary").click()
    assert never[0]["name"] in shown()
    assert _facet_box(page, "Addressed to", never[0]["name"]).is_checked()
    assert page.watch.console_errors == []


# Counts the listeners explorer.js put on window and document that are still live (each is
# added with an AbortSignal, which removes it when aborted).
COUNT_LISTENERS = """
window.__explorerSignals = [];
const add = EventTarget.prototype.addEventListener;
EventTarget.prototype.addEventListener = function (type, listener, options) {
  if ((this === window || this === document) && options && options.signal
      && (new Error().stack || "").includes("explorer.js")) window.__explorerSignals.push(options.signal);
  return add.call(this, type, listener, options);
};
"""
LIVE = "() => window.__explorerSignals.filter(s => !s.aborted).length"


@pytest.mark.slow
def test_instant_navigation_to_the_explorer_and_back(chromium, large_url, large_site):
    # Material navigates instantly only on the site its site_url names: the shipped site's is
    # its public address, so the generated site, built for the address it is served at, is used.
    from browser import COUNT_XHR, PageWatch

    data = _data(large_site)
    total = len(data["recommendations"])
    page = chromium.new_page()
    page.watch = PageWatch()
    page.watch.attach(page, large_url)
    page.add_init_script(COUNT_LISTENERS)
    page.add_init_script(COUNT_XHR)
    page.goto(large_url + f"actors/{RARE_ACTOR}/")
    page.evaluate("window.__samePage = true")  # gone if the browser loads a new document
    assert page.evaluate(LIVE) == 0

    page.get_by_role("link", name="Open these 3 in the recommendations explorer").click()
    _wait_status(page, f"3 of {total} recommendations")
    assert page.evaluate("window.__samePage") is True
    assert page.url.endswith(f"/recommendations/?actor={RARE_ACTOR}")
    assert page.evaluate(LIVE) == 3  # popstate and briefs:history on window, clicks on document

    _facet_box(page, "Horizon", "Near term").check()
    _wait_status(page, f"1 of {total} recommendations")
    page.locator(f"{ROWS} td:first-child a").click()  # to the recommendation's page
    page.wait_for_url(re.compile(r"/recommendations/rec-00-0/$"))
    settled(page, "sel => !document.querySelector(sel)", STATUS)
    assert page.evaluate("window.__samePage") is True
    assert page.evaluate(LIVE) == 0

    page.go_back()  # Material fetches the explorer again, with its query
    _expect_view(page, status=f"1 of {total} recommendations", ids=["rec-00-0"],
                 url=f"/recommendations/?actor={RARE_ACTOR}&horizon=near-term")
    page.go_back()  # the entry before the facet was ticked: same page, no new document
    _expect_view(page, status=f"3 of {total} recommendations", checked=[f"actor={RARE_ACTOR}"])
    assert page.evaluate(LIVE) == 3

    # the navigation's "Recommendations" is this same page, unfiltered; back filters it again
    page.locator("nav.md-nav--primary a", has_text="Recommendations").first.click()
    _wait_status(page, f"{total} of {total} recommendations, {PAGE_SIZE} on this page")
    assert page.url.endswith("/recommendations/")
    assert not _facet_box(page, "Addressed to", "Rarely Named Assembly").is_checked()
    page.go_back()
    _wait_status(page, f"3 of {total} recommendations")
    assert page.evaluate("window.__samePage") is True
    assert page.evaluate(LIVE) == 3

    page.locator("nav.md-nav--primary a", has_text="Actors").first.click()  # away: the explorer stops
    settled(page, "sel => !document.querySelector(sel)", STATUS)
    assert page.evaluate("window.__samePage") is True
    assert page.evaluate(LIVE) == 0
    assert page.watch.console_errors == [] and page.watch.third_party_requests == []
    page.close()


def test_a_phone_can_use_the_explorer(phone_page, site_url, shipped_site):
    total = len(_data(shipped_site)["recommendations"])
    page = phone_page
    page.goto(site_url + "recommendations/")
    assert _status(page) == f"{total} of {total} recommendations"
    no_overflow = "() => document.documentElement.scrollWidth <= window.innerWidth"
    assert page.evaluate(no_overflow)

    # by keyboard: focus the facet, open it, tick its first option
    summary = page.locator("details.briefs-facet summary", has_text="Horizon")
    summary.focus()
    page.keyboard.press("Enter")
    assert summary.locator("xpath=..").get_attribute("open") is not None
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.closest('label').textContent")
    assert focused.startswith("Near term")
    page.keyboard.press("Space")
    n = int(re.search(r"\((\d+)\)", focused).group(1))
    _wait_status(page, f"{n} of {total} recommendations")
    assert page.locator(ROWS).count() == n
    assert page.evaluate(no_overflow)
    # the chip, and each row, a card as wide as the screen allows: measured in one step in the page
    chip, row = settled(page, """() => {
        const chip = document.querySelector('.briefs-explorer__chips button');
        const row = document.querySelector('.briefs-explorer tbody tr');
        const edges = e => { const r = e?.getBoundingClientRect(); return r && r.width ? [r.left, r.right] : null; };
        const found = [edges(chip), edges(row)];
        return found.every(Boolean) && chip.getAttribute('aria-label') === 'Remove the filter Horizon: Near term'
            ? found : null;
    }""")
    assert chip[0] >= 0 and chip[1] <= 390
    assert row[0] >= 0 and row[1] <= 390
    assert page.locator(f"{ROWS} td[data-label='Horizon']").first.evaluate(
        "td => getComputedStyle(td, '::before').content") == '"Horizon: "'


def test_without_javascript_the_whole_table_is_there(chromium, site_url, shipped_site):
    data = _data(shipped_site)
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "recommendations/")
    assert page.locator(ROWS).count() == len(data["recommendations"])
    assert page.locator(".briefs-explorer__controls").count() == 0
    assert page.get_by_role("link", name="every recommendation as CSV").is_visible()
    context.close()


def test_the_download_links_work(browser_page, site_url, shipped_site):
    page = browser_page
    page.goto(site_url + "recommendations/")
    total = len(_data(shipped_site)["recommendations"])
    hrefs = {name: page.get_by_role("link", name=name, exact=True).evaluate("a => a.href")
             for name in ("every recommendation as CSV", "as JSON", "the whole corpus as JSON", "its schema")}
    csv_response = page.request.get(hrefs["every recommendation as CSV"])
    assert csv_response.ok
    rows = list(csv.DictReader(io.StringIO(csv_response.body().decode("utf-8"), newline="")))
    assert len(rows) == total and rows[0]["id"] == _data(shipped_site)["recommendations"][0]["id"]
    for name in ("as JSON", "the whole corpus as JSON", "its schema"):
        response = page.request.get(hrefs[name])
        assert response.ok, name
        body = response.json()
        assert body.get("version") == 2 or body.get("$schema"), name
    assert len(page.request.get(hrefs["as JSON"]).json()["recommendations"]) == total


def test_the_explorer_passes_an_accessibility_scan(browser_page, site_url):
    """In the light palette, then in the dark one the header's switch turns on (as test_accessibility does)."""
    from axe_playwright_python.sync_playwright import Axe

    page = browser_page
    page.emulate_media(color_scheme="light")
    page.goto(site_url + "recommendations/?actor=rok")
    _status(page)
    page.locator("details.briefs-facet summary", has_text="Addressed to").click()
    for scheme, toggle in (("default", "Switch to dark mode"), ("slate", "Switch to light mode")):
        with contextlib.suppress(PlaywrightTimeout):  # the switch repaints in the background
            page.wait_for_function("s => document.body.getAttribute('data-md-color-scheme') === s", arg=scheme)
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == scheme
        results = Axe().run(page, context=".briefs-explorer")
        serious = [(v["id"], [n["target"] for n in v["nodes"]]) for v in results.response["violations"]
                   if v["impact"] in ("serious", "critical")]
        assert serious == [], (scheme, serious)
        page.locator(f"label[title='{toggle}']").click()  # the header's palette switch, no reload


def test_editor_text_stays_text_in_the_script(chromium, hostile_table):
    from browser import serve_folder

    with serve_folder(hostile_table.site) as url:
        page = chromium.new_page()
        dialogs = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(url + "recommendations/?actor=rok")
        _wait_status(page, "1 of 2 recommendations")
        cells = page.locator(f"{ROWS} td").all_inner_texts()
        assert cells[:2] == [HOSTILE_TITLE + " ? Not tracked", HOSTILE_KOREA]  # the title, then its status badge
        assert page.locator(".briefs-explorer img, .briefs-explorer tbody b").count() == 0
        label = _facet_box(page, "Addressed to", HOSTILE_KOREA)
        assert label.is_checked()
        assert dialogs == []
        page.close()


def test_the_explorer_links_only_to_pages_of_the_site(chromium, hostile_table):
    # fed a data file whose pages were javascript: addresses, it made them links ("Claim your prize"), which only
    # the policy kept from running (and a site with `csp: false` ran)
    from browser import serve_folder

    with serve_folder(hostile_table.site) as url:
        page = chromium.new_page()
        page.goto(url + "prize/?actor=a")
        page.locator(f"{ROWS} td", has_text="Claim your prize").wait_for()
        hrefs = page.eval_on_selector_all(".briefs-explorer a[href]", "links => links.map(a => a.href)")
        assert hrefs and all(h.startswith(url) for h in hrefs), hrefs
        cells = page.locator(f"{ROWS} td").all_inner_texts()
        assert cells[0].startswith("Claim your prize") and cells[1] == "Act"  # as text
        page.close()


@pytest.mark.slow
def test_filters_cover_every_page_of_a_long_table(chromium, large_site, large_url):
    data = _data(large_site)
    total = len(data["recommendations"])
    url = large_url
    page = chromium.new_page()
    page.goto(url + f"recommendations/?actor={RARE_ACTOR}")
    _wait_status(page, f"3 of {total} recommendations")
    assert _shown_ids(page) == ["rec-00-0", "rec-00-1", "rec-00-2"]  # all three on the last page
    assert page.locator(".briefs-pager").is_hidden()

    page.get_by_label("Filter by words").fill(RARE_WORD)
    _wait_status(page, f"0 of {total} recommendations")
    _facet_box(page, "Addressed to", "Rarely Named Assembly").uncheck()
    _wait_status(page, f"1 of {total} recommendations")
    assert _shown_ids(page) == ["rec-00-7"]

    # a filter matching more than a page shows a page's worth, then more on request
    page.get_by_role("button", name="Clear filters").click()
    _facet_box(page, "Horizon", "Near term").check()
    near = _matching(data, horizon=["near-term"])
    assert len(near) > PAGE_SIZE
    _wait_status(page, f"{len(near)} of {total} recommendations, the first {PAGE_SIZE} shown")
    page.get_by_role("button", name=re.compile(r"^Show \d+ more")).click()
    page.wait_for_function(f"document.querySelectorAll('{ROWS}').length === {len(near)}")
    assert _shown_ids(page) == near

    # unfiltered, a page shows its own rows and its links to the others
    page.goto(url + "recommendations/page/5/")
    _wait_status(page, f"{total} of {total} recommendations, {total - 4 * PAGE_SIZE} on this page")
    assert page.locator(".briefs-pager").is_visible()
    assert _shown_ids(page)[-1] == "rec-00-9"
    page.close()
