"""An axe-core scan of each kind of page, in the light and the dark palette, with a preview shown: no
violation of any impact. Stock Material fails it (an unnamed search dialog, the footer's
contrast, links told apart by colour alone); the plugin's `material` options, which this
repository's site turns on, fix that (assets/material-*.css, material-search-name.js).
To scan another kind of page, add a line to PAGES."""

from __future__ import annotations

import contextlib
import functools

import pytest
from browser import PageWatch
from playwright.sync_api import TimeoutError as PlaywrightTimeout

PAGES = {
    "home": "",
    "about": "about/",
    "brief": "briefs/trilateral-prism/",
    "recommendation": "recommendations/expand-strategic-aperture/",
    "actor": "actors/rok/",
    "mechanism": "mechanisms/unc/",
    "author": "authors/clint-work/",
    "series": "series/future-of-trilateralism/",
    "briefs index": "briefs/",
    "recommendations index (explorer)": "recommendations/",
    "explorer, filtered": "recommendations/?actor=us-congress",
    "actors index": "actors/",
    "mechanisms index": "mechanisms/",
    "authors index": "authors/",
    "series index": "series/",
    "matrix": "matrix/",
    "map": "map/",
}
"""Page type -> path in the repository's site."""


@functools.cache
def _axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def _violations(page) -> list[str]:
    results = _axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {', '.join(str(n['target']) for n in v['nodes'][:5])}"
        for v in results.response["violations"]
    ]


@pytest.fixture(scope="module")
def desktop(chromium, site_url):
    """One tab at the desktop's width in the light palette, for every page scanned: each test loads
    its page in it (a new tab cost as much Chromium CPU as the page itself), with the palette the
    system prefers (nothing in the site's storage) and the watch emptied."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, color_scheme="light")
    page = context.new_page()
    watch = PageWatch()
    watch.attach(page, site_url)
    yield page, watch
    context.close()


@pytest.mark.parametrize("path", list(PAGES.values()), ids=list(PAGES))
def test_no_accessibility_violation_of_any_impact(desktop, site_url, shipped_site, path):
    file = shipped_site.site / path.split("?")[0] / "index.html"
    assert file.is_file(), f"the site has no {path}: update PAGES"
    page, watch = desktop
    if page.url.startswith(site_url):
        page.evaluate("localStorage.clear(); sessionStorage.clear()")  # the palette a previous page chose
    watch.console_errors.clear()
    watch.third_party_requests.clear()
    page.goto(site_url + path)
    page.wait_for_load_state("networkidle")
    if page.locator("details.briefs-cite").count():  # scan the citation's buttons too
        page.locator("details.briefs-cite summary").click()
    found = {}
    for scheme, toggle in (("default", "Switch to dark mode"), ("slate", "Switch to light mode")):
        with contextlib.suppress(PlaywrightTimeout):  # the switch repaints in the background
            page.wait_for_function("s => document.body.getAttribute('data-md-color-scheme') === s", arg=scheme)
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == scheme
        _show_a_preview(page)
        found[scheme] = _violations(page)
        page.locator(f"label[title='{toggle}']").click()  # the header's palette switch, no reload
    assert watch.console_errors == [] and watch.third_party_requests == []
    assert found == {"default": [], "slate": []}


def _show_a_preview(page) -> None:
    """Focus an annotation from the keyboard, so that its preview shows in this palette."""
    annotation = page.locator("article a.briefs-link[data-briefs-name]")
    if annotation.count():
        annotation.first.focus()
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Tab")
        page.locator("#briefs-preview").wait_for(state="visible")
