"""Every visual of the site is readable without zooming: no text under 12 CSS px, measured in
Chromium at a phone's width (390 px) and a desktop's (1280 px), in the light and the dark scheme,
on one page of every type that has a grid or a chart (textsize.PAGES); and the page itself never
scrolls sideways (a wide grid scrolls inside its own box)."""

from __future__ import annotations

import contextlib
import functools

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from textsize import PAGES, WIDTHS, smallest

NO_SIDEWAYS_SCROLL = "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
SMALLEST_READABLE = 12.0
"""CSS px: the smallest text a reader should have to read (issue 12)."""


@pytest.fixture(scope="module", params=["default", "slate"])
def reader(request, chromium, site_url):
    """One tab for each scheme, the system's preference (the site's palette follows it, mkdocs.yml); each page
    is loaded once in it and measured at both widths (the phone's first)."""
    scheme = request.param
    context = chromium.new_context(viewport={"width": WIDTHS[0], "height": 900},
                                   color_scheme="light" if scheme == "default" else "dark")
    page = context.new_page()
    yield page, scheme
    context.close()


@pytest.mark.parametrize("path", PAGES)
def test_no_text_of_a_visual_is_under_12_px(reader, site_url, path):
    """At each width (the page laid out again at the new size, as a turned tablet does), and at the phone's
    width axe-core finds not one violation of any impact (test_accessibility scans every page type at the
    desktop's width for serious ones)."""
    page, scheme = reader
    page.set_viewport_size({"width": WIDTHS[0], "height": 900})
    page.goto(site_url + path)
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == scheme
    for width in WIDTHS:
        if page.viewport_size["width"] != width:
            page.set_viewport_size({"width": width, "height": 900})
            # the theme's search field slides to its new width: what is measured is where it comes to rest
            with contextlib.suppress(PlaywrightTimeout):
                page.wait_for_function(f"w => window.innerWidth === w && {NO_SIDEWAYS_SCROLL}", arg=width,
                                       timeout=5000)
        texts = smallest(page)
        assert texts, f"{path} has no visual to measure"
        small = [t for t in texts if t["size"] < SMALLEST_READABLE]
        print(f"{width} px {scheme} {path}: smallest text {texts[0]['size']:.1f} px ({texts[0]['text']!r})")
        assert not small, f"{path} at {width} px: text under {SMALLEST_READABLE} px: {small[:5]}"
        # a wide visual scrolls in its own box: the page itself never scrolls sideways
        assert page.evaluate(NO_SIDEWAYS_SCROLL)
        if width == 390:
            page.wait_for_load_state("networkidle")
            violations = _axe().run(page).response["violations"]
            found = [f"{v['id']} ({v['impact']}): {', '.join(str(n['target']) for n in v['nodes'][:3])}"
                     for v in violations]
            assert found == [], f"{path} at {width} px, {scheme}"


@functools.cache
def _axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()

