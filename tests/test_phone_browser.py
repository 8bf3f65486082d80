"""Reading on a phone (390 px). Keyboard focus is visible: each element of a page's content that Tab reaches (links, the explorer's
text field and filters, the citation's buttons, a grid's links) draws an outline or a ring when
focused, on a phone (WCAG 2.4.7); the rules that draw it do not depend on the palette. The explorer's "Filter by words" field drew
none: Material removes the browser's outline from inputs. The tables of the plugin's pages (the
tracker's counts, the indexes) give their first column, a brief's title or an actor's name, the room:
Material gives every header cell 5rem, so with three count columns a title took a line a word."""

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


TABLE = """() => [...document.querySelectorAll('article table:not([class])')].map(t => {
  const firsts = [...t.querySelectorAll('tbody tr > :first-child')];
  const line = parseFloat(getComputedStyle(firsts[0]).lineHeight);
  return {width: t.querySelector('tr > :first-child').getBoundingClientRect().width,
          lines: Math.max(...firsts.map(c => Math.round((c.getBoundingClientRect().height - parseFloat(getComputedStyle(c).paddingTop)
                                                         - parseFloat(getComputedStyle(c).paddingBottom)) / line)))};
})"""


@pytest.mark.parametrize("path", ["tracker/", "actors/"])
def test_a_table_s_first_column_has_room_on_a_phone(phone_page, site_url, path):
    page = phone_page
    page.goto(site_url + path)
    page.wait_for_load_state("networkidle")
    tables = page.evaluate(TABLE)
    assert tables
    for table in tables:  # a brief's title or an actor's name on a few lines, not one word a line
        assert table["width"] >= 140 and table["lines"] <= 3, tables
