"""The site in a real browser: pages load without console errors or third-party requests."""

from __future__ import annotations


def test_a_brief_page_loads_cleanly(browser_page, site_url):
    browser_page.goto(site_url + "briefs/trilateral-prism/")
    assert browser_page.locator("h1").first.inner_text().startswith("Transforming the U.S.-ROK Alliance")
    browser_page.wait_for_load_state("networkidle")
    assert browser_page.watch.console_errors == []
    assert browser_page.watch.third_party_requests == []
