"""The site in a real browser: pages load without console errors or third-party requests."""

from __future__ import annotations


def test_a_brief_page_loads_cleanly(browser_page, site_url):
    browser_page.goto(site_url + "briefs/trilateral-prism/")
    assert browser_page.locator("h1").first.inner_text().startswith("Transforming the U.S.-ROK Alliance")
    browser_page.wait_for_load_state("networkidle")
    assert browser_page.watch.console_errors == []
    assert browser_page.watch.third_party_requests == []


def test_the_search_finds_a_brief_and_a_page_of_the_docs(chromium, shipped_site):
    """The shipped site's search index as built (the other browser tests are served one without documents,
    browser.LIGHT_SEARCH_INDEX): Material's worker builds it without a console error and finds a generated page
    and a hand-written one."""
    from browser import PageWatch, serve_folder

    with serve_folder(shipped_site.site, search_index=True) as url:
        page = chromium.new_page(viewport={"width": 1280, "height": 900})
        page.watch = PageWatch()
        page.watch.attach(page, url)
        page.goto(url)
        page.locator("input.md-search__input").click()
        # the worker has built the index: Material's placeholder moves on from "Initializing search"
        page.wait_for_function("() => document.querySelector('.md-search-result__meta').textContent.startsWith('Type')")
        for query, expected in (("trilateral prism", "briefs/trilateral-prism/"), ("messages", "messages/")):
            page.fill("input.md-search__input", query)
            page.keyboard.press("End")  # Material searches on a key press
            hrefs = page.wait_for_function(
                """expected => {
                  const hrefs = [...document.querySelectorAll('.md-search-result__item a')].map(a => a.href);
                  return hrefs.some(h => h.endsWith(expected)) && hrefs;
                }""", arg=url + expected).json_value()
            assert url + expected in hrefs
        assert page.watch.console_errors == []
        assert page.watch.third_party_requests == []
        page.close()
