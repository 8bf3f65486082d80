"""Grids and the matrix in a real browser: clickable, scrolling inside their own box on a phone
with their first column in view, readable without JavaScript, and no Mermaid on any generated page.
"""

from __future__ import annotations

import json
import re
import urllib.request

import pytest
from browser import PageWatch
from graphsite import HOSTILE

MERMAID = re.compile(r"/assets/briefs/vendor/mermaid\.min\.js$")


def _clean(page) -> None:
    assert page.watch.console_errors == []
    assert page.watch.third_party_requests == []


@pytest.fixture
def graph_page(chromium, graph_url):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.watch = PageWatch()
    page.watch.attach(page, graph_url)
    page.requests = []
    page.on("request", lambda r: page.requests.append(r.url))
    yield page
    context.close()


@pytest.fixture
def page(browser_page):
    requests: list[str] = []

    def record(request) -> None:
        requests.append(request.url)

    browser_page.on("request", record)
    browser_page.requests = requests
    yield browser_page
    browser_page.remove_listener("request", record)  # the tab serves the file's next test


@pytest.mark.parametrize("path", ["briefs/trilateral-prism/", "actors/us-congress/", "mechanisms/unc-revitalization/",
                                  "map/"])
def test_a_grid_shows_each_connection_and_no_page_loads_mermaid(page, site_url, path):
    page.goto(site_url + path)
    page.wait_for_load_state("networkidle")
    grid = page.locator(".briefs-grid table").first
    assert grid.is_visible() and grid.locator("tbody tr").count() >= 1
    assert grid.locator("td a, td .briefs-mark").count() >= 1  # a count or a mark in the cells
    assert not [u for u in page.requests if MERMAID.search(u)]  # nothing to draw: Mermaid is never loaded
    _clean(page)


def test_a_brief_grid_names_who_goes_with_what(page, site_url):
    page.goto(site_url + "briefs/trilateral-prism/")
    grid = page.locator(".briefs-grid table")
    headers = [" ".join(h.split()) for h in grid.locator("thead tr:last-child th").all_inner_texts()]
    row = grid.locator("tbody tr", has=page.locator("th", has_text="Hold congressional hearings"))
    marks = row.locator("td").evaluate_all("cells => cells.map(c => c.textContent.trim())")
    said = {headers[i + 1]: mark for i, mark in enumerate(marks) if mark}
    assert said == {"U.S. Congress": "●addressed to", "Congressional hearings": "■through",
                    "U.S.-ROK alliance transformation": "■through", "Wartime OPCON transition": "■through"}
    # a screen reader hears the name, not the symbol
    assert row.locator("td .briefs-mark").first.get_attribute("aria-hidden") == "true"
    row.locator("th a").click()
    page.wait_for_url(site_url + "recommendations/hold-alliance-transformation-hearings/")
    _clean(page)


def test_a_matrix_cell_opens_the_filtered_explorer(page, site_url):
    page.goto(site_url + "matrix/")
    # the longer list runs down the side: the 21 mechanisms in rows, the 4 actors in columns
    headers = page.locator(".briefs-matrix thead th").all_inner_texts()
    column = [" ".join(h.split()) for h in headers].index("Republic of Korea")
    row = page.locator(".briefs-matrix tbody tr",
                       has=page.locator("td:first-child", has_text="Wartime OPCON transition"))
    cell = row.locator("td").nth(column)
    assert cell.inner_text() == "7"
    cell.locator("a").click()
    page.wait_for_url(site_url + "recommendations/?actor=rok&mechanism=opcon-transition")
    assert page.locator("h1").first.inner_text().startswith("Recommendations")
    _clean(page)


def test_a_group_cell_of_the_matrix_opens_the_group_and_everyone_in_it(graph_page, graph_url):
    with urllib.request.urlopen(graph_url + "data/recommendations.json") as response:
        data = json.load(response)
    within = {a["id"]: a["within"] for a in data["actors"] if "within" in a}
    assert within["unc-sending-states"] == ["australia"]
    group = {"unc-sending-states", "australia"}
    expected = [r["id"] for r in data["recommendations"] if group & set(r["addressed_to"])]
    assert expected

    page = graph_page
    page.goto(graph_url + "matrix/groups/")
    row = page.locator(".briefs-matrix tbody tr", has=page.locator("td:first-child", has_text="UNC Sending States"))
    all_column = row.locator("td").nth(1)
    assert all_column.inner_text() == str(len(expected))
    all_column.locator("a").click()
    page.wait_for_url(graph_url + "recommendations/?group=unc-sending-states")
    status = f"{len(expected)} of {len(data['recommendations'])} recommendations"
    page.wait_for_function("text => document.querySelector('.briefs-explorer__status')?.textContent === text", arg=status)
    shown = page.locator(".briefs-explorer tbody tr td:first-child a").evaluate_all("links => links.map(a => a.href)")
    assert [h.rstrip("/").rsplit("/", 1)[-1] for h in shown] == expected
    addressed = page.locator("details.briefs-facet").filter(has=page.locator("summary", has_text="Addressed to"))
    addressed.locator("summary").click()
    for name in ("UNC Sending States", "Australia"):
        assert addressed.locator("label").filter(has=page.get_by_text(name, exact=True)).get_by_role("checkbox").is_checked()
    _clean(page)


@pytest.mark.parametrize("path, box", [("matrix/", ".briefs-matrix"), ("briefs/trilateral-prism/", ".briefs-grid"),
                                       ("actors/rok/", ".briefs-grid")])
def test_a_wide_grid_scrolls_inside_its_box_on_a_phone(phone_page, site_url, path, box):
    page = phone_page
    page.goto(site_url + path)
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # the page does not overflow
    scroller = page.evaluate_handle(f"""() => {{
        let el = document.querySelector('{box} table');
        while (el && !(el.scrollWidth > el.clientWidth && getComputedStyle(el).overflowX !== 'visible'))
            el = el.parentElement;
        return el;
    }}""")
    assert scroller.evaluate(f"el => el && el.closest('{box}') !== null")
    # where the first column and a later heading are, read in one step with the box's scroll
    where = f"""el => [el.scrollLeft,
        document.querySelector('{box} tbody tr > :first-child').getBoundingClientRect().left,
        document.querySelectorAll('{box} thead tr:last-child th')[4].getBoundingClientRect().left]"""
    _, *before = scroller.evaluate(where)
    scroller.evaluate("el => el.scrollBy(300, 0)")
    page.wait_for_timeout(100)
    scrolled, *after = scroller.evaluate(where)
    assert scrolled > 100  # there was more to the right to see
    assert 0 <= after[0] <= before[0]  # the first column stays in view, at the box's edge
    assert after[1] == pytest.approx(before[1] - scrolled, abs=2)  # the other columns scroll past it
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    if box == ".briefs-grid":  # a shadow at the edge says there is more to the right
        assert "radial-gradient" in scroller.evaluate("el => getComputedStyle(el).backgroundImage")
    assert page.watch.console_errors == [] and page.watch.third_party_requests == []


def test_a_hostile_name_in_a_grid_is_text(graph_page, graph_url):
    page = graph_page
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(graph_url + "actors/hostile/")
    grid = page.locator(".briefs-grid table")
    assert grid.locator("thead tr:last-child th").nth(1).inner_text() == HOSTILE
    assert grid.get_attribute("aria-label").startswith(f"The recommendations addressed to {HOSTILE}")
    assert page.locator("article b").count() == 0
    grid.locator("tbody th a", has_text="Ask the hostile actor").click()
    page.wait_for_url(graph_url + "recommendations/rec-hostile/")
    assert dialogs == []
    _clean(page)


def test_without_javascript_the_grids_read_the_same(chromium, site_url):
    context = chromium.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        for path in ("actors/us-congress/", "map/"):
            page.goto(site_url + path)
            grid = page.locator(".briefs-grid table").first
            assert grid.is_visible() and page.locator(".briefs-grid-caption").first.is_visible()
            assert grid.locator("tbody th a").first.is_visible()
            assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.goto(site_url + "actors/us-congress/")
        assert page.locator(".briefs-grid td", has_text="addressed to").count() >= 1  # a mark's name, as text
    finally:
        context.close()
