"""Diagrams and the matrix in a real browser: drawn, clickable, themed, served from the site.

Material draws each diagram into a *closed* shadow root, which no script can read. The
tests open it (an init script makes `attachShadow` create open roots; nothing else
changes) so that they can read the SVG a reader sees.
"""

from __future__ import annotations

import json
import re
import urllib.request

import pytest
from browser import OPEN_SHADOW, PageWatch
from graphsite import HOSTILE

DIAGRAM = ".briefs-diagram div.mermaid"
MERMAID = re.compile(r"/assets/briefs/vendor/mermaid\.min\.js$")


def _labels(page, timeout: float = 20_000) -> list[str]:
    """The text of every box of the page's first diagram, once Mermaid has drawn it."""
    page.wait_for_function(
        f"() => document.querySelector('{DIAGRAM}')?.shadowRoot?.querySelector('svg g.node .nodeLabel')",
        timeout=timeout)
    return page.evaluate(f"""() => [...document.querySelector('{DIAGRAM}').shadowRoot
        .querySelectorAll('svg g.node .nodeLabel')].map(e => e.textContent)""")


def _focus(page) -> str:
    """The box of the page's own entity (drawn bold)."""
    return page.evaluate(f"""() => document.querySelector('{DIAGRAM}').shadowRoot
        .querySelector('svg g.node.focus .nodeLabel').textContent""")


def _label_colour(page, text: str) -> str:
    return page.evaluate(f"""(text) => {{
        const svg = document.querySelector('{DIAGRAM}').shadowRoot.querySelector('svg');
        const label = [...svg.querySelectorAll('g.node .nodeLabel')].find(e => e.textContent === text);
        return getComputedStyle(label).color;
    }}""", text)


def _clean(page) -> None:
    assert page.watch.console_errors == []
    assert page.watch.third_party_requests == []


@pytest.fixture
def graph_page(chromium, graph_url):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(OPEN_SHADOW)
    page = context.new_page()
    page.watch = PageWatch()
    page.watch.attach(page, graph_url)
    page.requests = []
    page.on("request", lambda r: page.requests.append(r.url))
    yield page
    context.close()


@pytest.fixture
def page(browser_page):
    browser_page.context.add_init_script(OPEN_SHADOW)
    requests: list[str] = []
    browser_page.on("request", lambda r: requests.append(r.url))
    browser_page.requests = requests
    return browser_page


@pytest.mark.parametrize("path, expected", [
    ("actors/us-congress/", ["U.S. Congress", "Hold congressional hearings on alliance transformation",
                             "Congressional hearings", "Trilateral lawmaker consultations"]),
    ("mechanisms/unc-revitalization/", ["UNC revitalization", "Embrace UNC revitalization through the sending states",
                                        "Republic of Korea", "United Nations Command"]),
    ("briefs/trilateral-prism/", ["Transforming the U.S.-ROK Alliance through a Trilateral Prism",
                                  "Widen Seoul's strategic horizon beyond the Peninsula", "Japan",
                                  "Wartime OPCON transition"]),
])
def test_a_diagram_is_drawn_with_its_boxes(page, site_url, path, expected):
    page.goto(site_url + path)
    labels = _labels(page)
    assert _focus(page) == expected[0]
    assert set(expected) <= set(labels)
    page.wait_for_load_state("networkidle")
    assert len([u for u in page.requests if MERMAID.search(u)]) == 1  # from the site itself
    _clean(page)


def test_clicking_a_box_opens_its_page(page, site_url):
    page.goto(site_url + "actors/us-congress/")
    _labels(page)
    name = page.evaluate(f"""() => {{
        const svg = document.querySelector('{DIAGRAM}').shadowRoot.querySelector('svg');
        return document.querySelector('{DIAGRAM}').shadowRoot
            .getElementById(svg.getAttribute('aria-labelledby')).textContent;
    }}""")
    assert name == "What this actor is linked to"  # what a screen reader announces
    page.locator(f"{DIAGRAM} a", has_text="Trilateral lawmaker consultations").click()
    page.wait_for_url(site_url + "mechanisms/trilateral-lawmaker-consultations/")
    assert page.locator("h1").first.inner_text().startswith("Trilateral lawmaker consultations")
    _clean(page)


def test_diagrams_are_drawn_after_instant_navigation_and_mermaid_loads_only_then(graph_page, graph_url):
    page = graph_page
    page.goto(graph_url)
    page.wait_for_load_state("networkidle")
    assert not [u for u in page.requests if MERMAID.search(u)]  # a page without a diagram
    page.evaluate("window.__sameDocument = true")  # gone if the browser loads a new document
    page.locator("article a", has_text="Seoul").click()
    page.wait_for_url(graph_url + "actors/rok/")
    assert "Recommendation number 01" in _labels(page)
    page.locator("article li a", has_text="Recommendation number 01").click()
    page.wait_for_url(graph_url + "recommendations/rec-01/")
    page.locator("article .briefs-facts a", has_text="Mechanism number 01").click()
    page.wait_for_url(graph_url + "mechanisms/mech-01/")
    _labels(page)
    assert _focus(page) == "Mechanism number 01"  # a second diagram, Mermaid already loaded
    assert page.evaluate("window.__sameDocument") is True  # Material's instant navigation: no reload
    assert len([u for u in page.requests if MERMAID.search(u)]) == 1
    _clean(page)


def test_diagram_colours_follow_the_palette(page, site_url):
    page.goto(site_url + "actors/us-congress/")
    _labels(page)
    light = _label_colour(page, "Congressional hearings")
    page.locator('label[title="Switch to dark mode"]').click()
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
    dark = _label_colour(page, "Congressional hearings")
    assert light != dark

    def brightness(colour: str) -> float:
        return sum(float(x) for x in re.findall(r"[\d.]+", colour)[:3])

    assert brightness(dark) > brightness(light)  # light text on the dark background
    _clean(page)


def test_a_matrix_cell_opens_the_filtered_explorer(page, site_url):
    page.goto(site_url + "matrix/")
    headers = page.locator(".briefs-matrix thead th").all_inner_texts()
    column = [" ".join(h.split()) for h in headers].index("Wartime OPCON transition")
    row = page.locator(".briefs-matrix tbody tr", has=page.locator("td:first-child", has_text="Republic of Korea"))
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


def test_the_matrix_scrolls_inside_its_box_on_a_phone(chromium, site_url):
    context = chromium.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        watch = PageWatch()
        watch.attach(page, site_url)
        page.goto(site_url + "matrix/")
        page.wait_for_load_state("networkidle")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390  # the page does not overflow
        scroller = page.evaluate_handle("""() => {
            let el = document.querySelector('.briefs-matrix table');
            while (el && !(el.scrollWidth > el.clientWidth && getComputedStyle(el).overflowX !== 'visible'))
                el = el.parentElement;
            return el;
        }""")
        assert scroller.evaluate("el => el && el.closest('.briefs-matrix') !== null")
        first = page.locator(".briefs-matrix tbody tr td").first
        later = page.locator(".briefs-matrix thead th").nth(4)
        before = first.bounding_box()["x"], later.bounding_box()["x"]
        scroller.evaluate("el => el.scrollBy(300, 0)")
        page.wait_for_timeout(100)
        after = first.bounding_box()["x"], later.bounding_box()["x"]
        assert 0 <= after[0] <= before[0]  # the actors' column stays in view, at the box's edge
        assert after[1] < before[1] - 200  # the mechanisms scroll past it
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        assert watch.console_errors == [] and watch.third_party_requests == []
    finally:
        context.close()


def test_a_hostile_name_is_drawn_as_text(graph_page, graph_url):
    page = graph_page
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(graph_url + "actors/hostile/")
    labels = _labels(page)
    assert _focus(page) == HOSTILE
    assert sorted(labels) == sorted([HOSTILE, "Ask the hostile actor", "Mechanism number 01"])
    svg = f"document.querySelector('{DIAGRAM}').shadowRoot.querySelector('svg')"
    assert page.evaluate(f"{svg}.querySelectorAll('b').length") == 0
    hrefs = page.evaluate(f"[...{svg}.querySelectorAll('a')].map(a => a.getAttribute('xlink:href'))")
    assert sorted(hrefs) == ["../../mechanisms/mech-01/", "../../recommendations/rec-hostile/"]
    page.locator(f"{DIAGRAM} a", has_text="Ask the hostile actor").click()
    page.wait_for_url(graph_url + "recommendations/rec-hostile/")
    assert dialogs == []
    _clean(page)


def test_without_javascript_a_line_stands_in_for_the_diagram(chromium, site_url):
    context = chromium.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + "actors/us-congress/")
        assert page.locator(".briefs-diagram-noscript").inner_text().startswith("The diagram needs JavaScript")
        for hidden in (".briefs-diagram", ".briefs-diagram-caption", ".briefs-diagram-note"):
            assert not page.locator(hidden).is_visible()
        assert page.locator("article li a", has_text="Hold congressional hearings").is_visible()
    finally:
        context.close()
