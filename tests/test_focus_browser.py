"""Keyboard focus is visible: each element of a page's content that Tab reaches (links, the explorer's
text field and filters, the citation's buttons, a grid's links) draws an outline or a ring when
focused, on a phone (WCAG 2.4.7); the rules that draw it do not depend on the palette. The explorer's "Filter by words" field drew
none: Material removes the browser's outline from inputs."""

from __future__ import annotations

import pytest

PAGES = ["recommendations/", "briefs/trilateral-prism/", "actors/rok/"]

FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || !el.closest('.md-content')) return null;
  const s = getComputedStyle(el);
  const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
  return {ring, what: el.tagName + (el.type ? '[' + el.type + ']' : '') + ' ' + (el.textContent || el.name || '').trim().slice(0, 40)};
}"""


@pytest.mark.slow  # about 6 s: a hundred key presses
def test_every_element_tab_reaches_in_the_content_shows_its_focus(phone_page, site_url):
    page = phone_page
    unseen, reached = set(), 0
    for path in PAGES:
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
        for _ in range(35):
            page.keyboard.press("Tab")
            focused = page.evaluate(FOCUSED)
            if focused is not None:
                reached += 1
                if not focused["ring"]:
                    unseen.add(f"{path}: {focused['what']}")
    assert reached > 30  # the walk went through the pages' content, not only Material's header
    assert sorted(unseen) == []
