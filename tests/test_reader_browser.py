"""Reading the site in a real browser: annotation previews (mouse, keyboard, touch, instant
navigation), copying a citation, and the printed page."""

from __future__ import annotations

import re

from browser import COUNT_XHR, PageWatch, route_site, settled
from conftest import REPO

BRIEF = "briefs/trilateral-prism/"
ANNOTATION = "article a.briefs-link[data-briefs-name]"

# Records the document listeners added with an AbortSignal (as preview.js adds its own), so a
# test can count those still live after instant navigations: a leak would leave several.
COUNT_LISTENERS = """
window.__briefsListeners = [];
const add = EventTarget.prototype.addEventListener;
EventTarget.prototype.addEventListener = function (type, listener, options) {
  if (this === document && options && options.signal) window.__briefsListeners.push({type, signal: options.signal});
  return add.call(this, type, listener, options);
};
"""
KINDS = {"actor": "Actor", "mechanism": "Mechanism", "rec": "Recommendation", "brief": "Brief",
         "author": "Author", "series": "Series"}
LIVE_KEYDOWN = "window.__briefsListeners.filter(l => l.type === 'keydown' && !l.signal.aborted).length"
SITE_URL = re.search(r"(?m)^site_url: *(\S+)$", (REPO / "mkdocs.yml").read_text("utf-8"))[1]
"""Where the repository's site is published. Material's instant navigation only handles links
found in sitemap.xml, whose addresses start with site_url: served anywhere else (as `site_url`
is), every click is a full load."""


def _settled(page, locator):
    """The locator once its element stops moving (diagrams drawn late push the text down)."""
    last = None
    for _ in range(50):
        box = locator.bounding_box()
        if box is not None and box == last:
            return locator
        last = box
        page.wait_for_timeout(150)
    raise AssertionError(f"{locator} keeps moving")


def _preview(page):
    return page.locator("#briefs-preview")


def _expect_preview(page, link, name: str, kind: str) -> None:
    preview = _preview(page)
    preview.wait_for(state="visible")
    assert preview.get_attribute("role") == "tooltip"
    assert preview.locator(".briefs-preview__kind").text_content() == kind
    assert preview.locator(".briefs-preview__name").text_content() == name
    assert link.get_attribute("aria-describedby") == "briefs-preview"
    assert link.get_attribute("title") is None  # the native tooltip waits: never two at once
    # next to the link (below or above its first line), inside the window: both measured in one step
    box, tip = link.evaluate("""a => {
        const r = a.getClientRects()[0], t = document.getElementById('briefs-preview').getBoundingClientRect();
        return [{top: r.top, bottom: r.bottom}, {x: t.left, y: t.top, width: t.width, height: t.height}];
    }""")
    assert abs(tip["y"] - box["bottom"]) < 12 or abs(tip["y"] + tip["height"] - box["top"]) < 12
    assert tip["x"] >= 0 and tip["x"] + tip["width"] <= page.viewport_size["width"]


def test_hovering_an_annotation_previews_its_target(browser_page, site_url):
    page = browser_page
    page.goto(site_url + BRIEF)
    link = page.locator("article a.briefs-actor[href$='actors/dprk/']").first
    description = link.get_attribute("title")
    assert description.startswith("North Korea, whose nuclear")
    assert _preview(page).count() == 0  # nothing is made until needed

    _settled(page, link).hover()
    _expect_preview(page, link, "Democratic People's Republic of Korea", "Actor")
    assert _preview(page).locator(".briefs-preview__description").text_content() == description
    assert _preview(page).inner_text().startswith("ACTOR\n")  # drawn as a small label

    page.mouse.move(5, 450)  # away from the link: it goes, and the native title comes back
    _preview(page).wait_for(state="hidden")
    assert link.get_attribute("title") == description
    assert link.get_attribute("aria-describedby") is None
    assert page.watch.console_errors == [] and page.watch.third_party_requests == []


def test_keyboard_focus_shows_the_preview_and_escape_hides_it(browser_page, site_url):
    page = browser_page
    page.goto(site_url + BRIEF)
    for _ in range(80):  # Tab through the header and sidebars to the first annotation
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches({ANNOTATION!r})"):
            break
    else:
        raise AssertionError("Tab never reached an annotation link")
    link = page.locator(":focus")
    _expect_preview(page, link, link.get_attribute("data-briefs-name"), KINDS[link.get_attribute("data-briefs-kind")])

    page.keyboard.press("Escape")
    _preview(page).wait_for(state="hidden")
    assert page.evaluate(f"document.activeElement.matches({ANNOTATION!r})")  # focus stays on the link

    focused = page.evaluate("document.activeElement.href")
    page.keyboard.press("Tab")  # and moves on: the preview never traps it
    assert page.evaluate("document.activeElement.href") != focused
    if page.evaluate(f"document.activeElement.matches({ANNOTATION!r})"):  # the next one previews in turn
        following = page.locator(":focus")
        _expect_preview(page, following, following.get_attribute("data-briefs-name"),
                        KINDS[following.get_attribute("data-briefs-kind")])
    assert page.watch.console_errors == []


def test_previews_survive_instant_navigation_without_leaking_listeners(chromium, shipped_site):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    route_site(context, SITE_URL, shipped_site.site)  # the built site, answering at its own address
    try:
        page = context.new_page()
        page.watch = PageWatch()
        page.watch.attach(page, SITE_URL)
        _instant_navigation(page, SITE_URL)
    finally:
        context.close()


def _instant_navigation(page, site_url: str) -> None:
    page.add_init_script(COUNT_LISTENERS)
    page.add_init_script(COUNT_XHR)
    page.goto(site_url + "about/")
    page.wait_for_load_state("networkidle")  # instant navigation starts once the sitemap is read
    page.evaluate("window.__sameDocument = true")
    assert page.locator(ANNOTATION).count() == 0
    assert page.evaluate(LIVE_KEYDOWN) == 0  # a page without annotation links: no listeners

    page.locator("nav.md-nav--primary a", has_text="Actors").first.click()  # instant navigation
    page.wait_for_url(re.compile(r"/actors/$"))  # the address changes before the page is swapped in
    settled(page)
    page.locator("article table").wait_for()
    assert page.evaluate("window.__sameDocument") is True  # not a full page load
    link = _settled(page, page.locator("article a.briefs-actor[href$='us-congress/']").first)
    link.hover()
    _expect_preview(page, link, "U.S. Congress", "Actor")

    link.click()  # an annotation link, followed by instant navigation
    page.wait_for_url(re.compile(r"/actors/us-congress/$"))
    settled(page)
    _preview(page).wait_for(state="hidden")
    rec = _settled(page, page.locator("article a.briefs-rec").first)
    rec.hover()
    _expect_preview(page, rec, rec.get_attribute("data-briefs-name"), "Recommendation")
    assert page.evaluate("window.__sameDocument") is True
    assert page.locator(".briefs-preview").count() == 1
    assert page.evaluate(LIVE_KEYDOWN) == 1  # one set of listeners, whatever the pages visited

    page.go_back()
    page.wait_for_url(re.compile(r"/actors/$"))
    # the actors' index swapped in again, and its listeners set up: one set, as before
    settled(page, f"() => document.querySelector('article h1')?.textContent.startsWith('Actors') && {LIVE_KEYDOWN} === 1")
    assert page.evaluate(LIVE_KEYDOWN) == 1
    assert page.watch.console_errors == [] and page.watch.third_party_requests == []


def test_a_tap_on_a_touch_screen_follows_the_link(phone_page, site_url):
    page = phone_page
    page.goto(site_url + BRIEF)
    link = page.locator("article a.briefs-actor[href$='actors/dprk/']").first
    link.scroll_into_view_if_needed()
    link.tap()
    page.wait_for_url(re.compile(r"/actors/dprk/$"))
    settled(page)
    assert page.locator("article h1").inner_text().startswith("Democratic People's Republic of Korea")
    assert page.locator(".briefs-preview:visible").count() == 0


def test_copying_the_bibtex_entry(browser_page, site_url):
    page = browser_page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    page.goto(site_url + BRIEF)
    page.locator("summary", has_text="Cite this brief").click()
    page.get_by_role("button", name="Copy BibTeX").click()
    page.locator(".md-dialog", has_text="Copied to clipboard").wait_for()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("@misc{policybriefs-trilateral-prism,\n  author       = {{Policy Briefs}},")
    assert "\n}\n\n@misc{work2022-trilateral-prism,\n  author       = {Clint Work}," in copied
    assert copied.endswith("\n}")
    page.get_by_role("button", name="Copy citation", exact=True).click()
    page.wait_for_function("navigator.clipboard.readText().then(t => t.startsWith('Policy Briefs. '))")
    page.get_by_role("button", name="Copy the original's citation").click()
    page.wait_for_function("navigator.clipboard.readText().then(t => t.startsWith('Clint Work. '))")
    assert page.watch.console_errors == []


def test_the_printed_page_has_no_chrome_and_shows_link_addresses(browser_page, site_url):
    page = browser_page
    page.goto(site_url + BRIEF)
    page.locator(ANNOTATION).first.wait_for()
    page.locator("article a.briefs-actor[href$='actors/dprk/']").first.hover()
    _preview(page).wait_for(state="visible")
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".md-search",
                   ".md-content__button", "#briefs-preview", ".briefs-cite"):
        assert page.locator(chrome).first.is_hidden(), chrome
    assert page.locator("article h1").is_visible()

    def after(selector: str) -> str:
        return page.evaluate(f"getComputedStyle(document.querySelector({selector!r}), '::after').content")

    assert after("article a.briefs-actor[href$='actors/dprk/']") == f'" <{site_url}actors/dprk/>"'
    source = page.locator(".briefs-credit a").first.get_attribute("href")
    assert after(".briefs-credit a") == f'" <{source}>"'
    assert after("article a.headerlink") in ("none", "normal", "")

    page.emulate_media(media="screen")
    assert after("article a.briefs-actor[href$='actors/dprk/']") in ("none", "normal", "")
    assert page.locator(".md-header").is_visible()


def test_the_matrix_keeps_its_actor_column_whole_when_scrolled_on_a_phone(phone_page, site_url):
    page = phone_page
    page.goto(site_url + "matrix/")
    box = page.locator(".briefs-matrix .md-typeset__scrollwrap")
    assert box.evaluate("b => b.scrollWidth > b.clientWidth")  # it does scroll sideways
    box.evaluate("b => { b.scrollLeft = b.scrollWidth; }")
    page.wait_for_timeout(100)
    edges = page.evaluate("""() => {
        const frame = document.querySelector('.briefs-matrix').getBoundingClientRect();
        const cells = [...document.querySelectorAll('.briefs-matrix tr > :first-child')];
        return cells.map(c => { const r = c.getBoundingClientRect(); return [r.left - frame.left, frame.right - r.right]; });
    }""")
    assert edges and all(left >= 0 and right >= 0 for left, right in edges), edges  # nothing cut off
    # the column headings are written across, and no word of them is broken or cut
    heads = page.evaluate("""() => [...document.querySelectorAll('.briefs-matrix .briefs-matrix-column')].map(h => {
        const style = getComputedStyle(h);
        return [style.writingMode, style.transform, h.scrollWidth <= h.clientWidth];
    })""")
    assert heads and all(h == ["horizontal-tb", "none", True] for h in heads), heads


def _after(page, selector: str) -> str:
    return page.evaluate(f"getComputedStyle(document.querySelector({selector!r}), '::after').content")


def test_a_hand_written_page_prints_as_the_theme_has_it_even_after_instant_navigation(chromium, shipped_site):
    """reader.css's print rules and theme-fixes.js touch the plugin's pages and its annotation links, not
    the rest of a hand-written page (the About page: links to other sites, no annotation)."""
    assert shipped_site.html(BRIEF).select_one("article[data-briefs-page]") is not None
    assert shipped_site.html("about/").select_one("article[data-briefs-page]") is None
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    route_site(context, SITE_URL, shipped_site.site)
    try:
        page = context.new_page()
        page.add_init_script(COUNT_XHR)
        page.goto(SITE_URL + BRIEF)
        page.wait_for_load_state("networkidle")  # instant navigation starts once the sitemap is read
        page.evaluate("window.__sameDocument = true")
        assert page.locator(".briefs-credit a[data-briefs-href]").count() >= 1  # links of the plugin's page

        page.locator("nav.md-nav--primary a", has_text="About").first.click()  # instant navigation
        page.wait_for_url(re.compile(r"/about/$"))
        settled(page)
        page.locator("article h1", has_text="About").wait_for()
        assert page.evaluate("window.__sameDocument") is True
        assert page.locator("article a[href^='https://www.mkdocs.org']").count() == 1
        assert page.locator("article [data-briefs-href]").count() == 0
        page.emulate_media(media="print")
        link = "article a[href^='https://www.mkdocs.org']"
        assert _after(page, link) in ("none", "normal", "")
        colour = page.evaluate(f"[getComputedStyle(document.querySelector({link!r})).color, "
                               f"getComputedStyle(document.querySelector({link!r}).parentElement).color]")
        assert colour[0] != colour[1]  # the theme's link colour, not the text's

        page.emulate_media(media="screen")
        page.goto(SITE_URL)  # the home page: hand-written, with an annotation link among others
        page.locator("article a.briefs-brief").first.wait_for()
        page.emulate_media(media="print")
        annotation = page.locator("article a.briefs-link").first
        assert annotation.get_attribute("data-briefs-href", timeout=5000).startswith(SITE_URL)
        assert page.locator("article a[data-briefs-href]:not(.briefs-link)").count() == 0
        assert _after(page, "article a.briefs-link").startswith('" <' + SITE_URL)
    finally:
        context.close()


def test_the_matrix_puts_the_longer_list_in_its_rows(shipped_site):
    page = shipped_site.html("matrix/")
    columns = {a["href"].strip("./").split("/")[0] for a in page.select(".briefs-matrix thead a")}
    rows = [tr.td.a["href"].strip("./").split("/")[0] for tr in page.select(".briefs-matrix tbody tr") if tr.td.a]
    assert columns == {"actors"} and set(rows) == {"mechanisms"}  # 4 actors addressed, 21 mechanisms
    assert len(rows) > len(page.select(".briefs-matrix thead a"))
