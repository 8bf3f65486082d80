"""The explorer's status facet, "last updated" order and row badges, in headless Chromium at a
desktop and a phone width, on the repository's own site (its updates give most of its
recommendations a status). Expectations are computed from data/recommendations.json."""

from __future__ import annotations

import json

import pytest
from browser import COUNT_XHR, settled
from conftest import Build

STATUS = ".briefs-explorer__status"
ROWS = ".briefs-explorer tbody tr"


def _data(build: Build) -> dict:
    return json.loads((build.site / "data" / "recommendations.json").read_text("utf-8"))


def _wait_status(page, text: str) -> None:
    """Wait for the status to say `text`, and for no page on its way to replace this one (browser.settled)."""
    settled(page, "([sel, text]) => document.querySelector(sel)?.textContent === text", [STATUS, text])


def _rows(page) -> list[tuple[str, str]]:
    """(id, badge text) of each row shown."""
    return [tuple(r) for r in page.locator(ROWS).evaluate_all("""rows => rows.map(row => {
        const cell = row.cells[0];
        return [cell.querySelector('a').href.replace(/\\/$/, '').split('/').pop(),
                cell.querySelector('.briefs-status').textContent.trim()];
    })""")]


@pytest.mark.parametrize("width", [390, 1280])
def test_the_status_facet_the_order_and_the_badges(chromium, site_url, shipped_site, width):
    data = _data(shipped_site)
    statuses = {s["id"]: s for s in data["statuses"]}
    recs = data["recommendations"]
    total = len(recs)

    def badge(rec: dict) -> str:
        s = statuses[rec["status"]]
        return f"{s['symbol']} {s['name']}"

    context = chromium.new_context(viewport={"width": width, "height": 900}, is_mobile=width < 600)
    page = context.new_page()
    page.add_init_script(COUNT_XHR)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(site_url + "recommendations/")
    _wait_status(page, f"{total} of {total} recommendations")
    # every row of the page's own table carries its status: a mark and a word, not only a colour
    assert _rows(page) == [(r["id"], badge(r)) for r in recs]
    assert {b for _, b in _rows(page)} >= {"‖ Stalled", "◔ Under way", "? Not tracked"}

    # the status facet: its options are the scale's, with counts; ticking one filters the rows
    facet = page.locator("details.briefs-facet[data-facet=status]")
    facet.locator("summary").click()
    stalled = [r for r in recs if r["status"] == "stalled"]
    box = facet.locator("label").filter(has=page.get_by_text("Stalled", exact=True)).locator("input")
    assert box.evaluate("b => b.parentElement.textContent").endswith(f"({len(stalled)})")
    box.check()
    _wait_status(page, f"{len(stalled)} of {total} recommendations")
    assert _rows(page) == [(r["id"], "‖ Stalled") for r in stalled] and stalled
    assert page.url.endswith("/recommendations/?status=stalled")
    untracked = facet.locator("label").filter(has=page.get_by_text("Not tracked", exact=True)).locator("input")
    untracked.check()
    either = [r for r in recs if r["status"] in ("stalled", "not-tracked")]
    _wait_status(page, f"{len(either)} of {total} recommendations")
    assert [i for i, _ in _rows(page)] == [r["id"] for r in either]

    # last updated first: the order, in the URL; clearing the filters keeps it
    page.get_by_label("Order").select_option("updated")
    page.wait_for_url("**/recommendations/?status=stalled&status=not-tracked&sort=updated")
    newest = sorted(either, key=lambda r: r["updated"] or "", reverse=True)
    assert [i for i, _ in _rows(page)] == [r["id"] for r in newest]
    page.get_by_role("button", name="Clear filters").click()
    _wait_status(page, f"{total} of {total} recommendations")
    assert page.url.endswith("/recommendations/?sort=updated")
    by_update = sorted(recs, key=lambda r: r["updated"] or "", reverse=True)
    assert [i for i, _ in _rows(page)] == [r["id"] for r in by_update]
    # the back button restores the filtered view, order and all
    page.go_back()
    _wait_status(page, f"{len(either)} of {total} recommendations")
    assert page.get_by_label("Order").input_value() == "updated"

    # Material's instant navigation may swap the page in again after the explorer followed the
    # history step: the rows are waited for (a timeout fails the test) before they are measured
    page.wait_for_function("([sel, n]) => document.querySelectorAll(sel).length === n",
                           arg=[f"{ROWS} td:first-child a", len(either)])
    if width < 600:  # nothing wider than the screen, the badge inside its card
        assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
        # measured in one step in the page, so that a swap cannot come between finding and measuring
        left, right = page.wait_for_function("""sel => {
            const r = document.querySelector(sel)?.getBoundingClientRect();
            return r && r.width ? [r.left, r.right] : null;
        }""", arg=f"{ROWS} .briefs-status").json_value()
        assert left >= 0 and right <= width
    assert errors == []
    context.close()
