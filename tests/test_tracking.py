"""Tracking what became of recommendations: updates in, status pages and the tracker out.

One project built once: the minimal fixture's two recommendations, tracked by a few updates
(one a step backwards, one for a single addressee) and by a dozen notes without a status,
so that a timeline is capped. The HTML is read with BeautifulSoup.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
from conftest import Build, Project, built, make_project

from mkdocs_briefs.load import load_sources
from mkdocs_briefs.statuses import DEFAULT_SCALE, Scale, scale_from
from mkdocs_briefs.validate import validate


def update(title: str, day: str, affects: str, body: str = "") -> str:
    return (f"---\ntitle: {title}\ndate: {day}\nsources:\n  - title: Report of {title}\n    publisher: Example News\n"
            f"    url: https://example.org/{day}\n    date: {day}\naffects:\n{affects}---\n\n{body}\n")


def tracked_project(root: Path) -> Project:
    project = make_project(root)
    project.write("briefs/updates/talks.md", update("Talks held", "2023-04-17", (
        "  - rec: widen-aperture\n    status: under-way\n    note: Talks only.\n"
        "  - rec: hold-hearings\n    status: done\n    for: [us-congress]\n")))
    project.write("briefs/updates/2024/dropped.md", update("Hearings dropped", "2024-05-01", (
        "  - rec: hold-hearings\n    status: reversed\n    for: [us-congress]\n    note: Dropped.\n"
        "  - rec: hold-hearings\n    status: under-way\n    for: [rok]\n"), "[Seoul](actor:rok) moved on."))
    project.write("briefs/updates/plan.md", update("Plan adopted", "2024-06-01",
                                                   "  - rec: widen-aperture\n    status: partly-done\n"))
    for month in range(1, 13):
        project.write(f"briefs/updates/2023/note-{month}.md", update(
            f"Note {month}", f"2023-{month:02}-20", "  - rec: widen-aperture\n    note: Nothing changed.\n"))
    project.replace("mkdocs.yml", "  - briefs\n", "  - briefs:\n      stale_after_days: 20\n")
    return project


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    return built(tracked_project(tmp_path_factory.mktemp("tracked")).build())


def text(node) -> str:
    return " ".join(node.get_text(" ", strip=True).split())


def test_a_status_per_addressee_where_they_differ_and_the_step_backwards(site):
    page = site.html("recommendations/hold-hearings/")
    rows = [text(li) for li in page.select("#status ~ ul")[0].select("li")]
    assert rows == ["U.S. Congress : ↺ Reversed (was Done) as of 1 May 2024",
                    "Republic of Korea : ◔ Under way as of 1 May 2024"]
    line = text(page.select_one(".briefs-status-line"))
    assert "Reversed (was Done)" in line and "as of 1 May 2024" in line and "differ by addressee" in line


def test_the_timeline_is_newest_first_and_capped(site):
    page = site.html("recommendations/widen-aperture/")
    items = [text(li) for li in page.select(".briefs-timeline li")]
    assert len(items) == 10
    days = [datetime.datetime.strptime(i.split(":")[0], "%d %B %Y").date() for i in items]
    assert days == sorted(days, reverse=True) and days[0] == datetime.date(2024, 6, 1)
    assert "The newest 10 of 14 updates are listed here" in text(page.select_one(".briefs-timeline"))
    assert text(page.select_one(".briefs-status-line")).startswith("◑ Partly done as of 1 June 2024")


def test_an_update_page_shows_its_sources_and_the_change(site):
    page = site.html("updates/dropped/")
    body = text(page.select_one("article"))
    assert "Reversed for U.S. Congress (was Done: a step backwards)" in body
    assert "Under way for Republic of Korea (was Not tracked" in body or "(first status)" in body
    assert [a["href"] for a in page.select("#sources ~ ul a")] == ["https://example.org/2024-05-01"]


def test_the_updates_index_is_newest_first(site):
    page = site.html("updates/")
    titles = [text(dt) for dt in page.select("article dl dt")]
    assert titles[:3] == ["Plan adopted", "Hearings dropped", "Note 12"] and titles[-1] == "Note 1"
    assert len(titles) == 15


def test_the_tracker_counts_what_the_sources_say(site):
    page = site.html("tracker/")
    tables = page.select("article table")
    by_brief = [[text(c) for c in tr.select("th, td")] for tr in tables[0].select("tr")]
    assert by_brief == [["Brief", "Partly done", "Reversed", "All"], ["The First Brief", "1", "1", "2"]]
    by_actor = {r[0]: r[1:] for r in ([text(c) for c in tr.select("th, td")] for tr in tables[1].select("tr"))}
    assert by_actor["Addressee"] == ["Under way", "Partly done", "Reversed", "All"]
    assert by_actor["Republic of Korea"] == ["1", "1", "–", "2"]
    assert by_actor["U.S. Congress"] == ["–", "–", "1", "1"]
    stale = text(page.select_one("#stale").find_next("ul"))
    assert "Hold hearings" in stale and "stale" in stale and "Widen the aperture" not in stale
    assert "as of 1 June 2024" in text(page.select_one(".briefs-as-of"))
    chart = page.select_one("img.briefs-chart")
    assert chart["src"] == "chart.svg" and "Reversed: 1" in chart["alt"]
    assert (site.site / "tracker" / "chart.svg").read_text("utf-8").startswith("<svg")


def test_compact_badges_where_recommendations_are_listed(site):
    brief = site.html("briefs/first-brief/")
    badges = [text(b) for b in brief.select("dt .briefs-status")]
    assert badges == ["◑ Partly done", "↺ Reversed (was Done)"]
    actor = site.html("actors/rok/")
    assert [text(b) for b in actor.select("article li .briefs-status")][:1] == ["◑ Partly done"]


def test_an_untracked_recommendation_says_so(project):
    build = built(project.build())
    page = build.html("recommendations/widen-aperture/")
    assert "not tracked" in text(page.select_one("#status").find_next("p"))
    assert text(page.select_one("#status").find_next("p")).startswith("? Not tracked")


def test_the_scale_can_be_renamed_and_replaced():
    renamed = scale_from({"done": "Implemented"})
    assert renamed.get("done").label == "Implemented" and renamed.ids() == [level.id for level in DEFAULT_SCALE]
    gao = scale_from({"open": {"progress": 0}, "closed-implemented": {"progress": 1}}, replace_scale=True)
    assert gao.ids() == ["open", "closed-implemented"] and gao.backwards("closed-implemented", "open")
    with pytest.raises(ValueError, match="unknown field"):
        scale_from({"done": {"colour": "green"}})
    assert Scale().backwards("done", "reversed") and not Scale().backwards("under-way", "done")


@pytest.mark.parametrize("option, message", [
    ({"done": 5}, "status 'done': label should be a text, not 5"),  # was an AttributeError traceback in the build
    ({"done": {"label": ""}}, "status 'done': label should be a text, not ''"),
    ({"done": {"progress": "x"}}, "status 'done': progress should be a whole number from 0 up, not 'x'"),
    ({"done": {"setback": "yes"}}, "status 'done': setback should be true or false, not 'yes'"),
    ({"Done!": {}}, "'Done!' is not a status id an update can give"),  # was accepted, and no update could give it
])
def test_a_malformed_level_of_the_statuses_option_is_refused_with_its_reason(option, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        scale_from(option)


def test_a_replaced_scale_is_what_updates_are_checked_against(tmp_path):
    project = tracked_project(tmp_path)
    sources, diags = load_sources(project.briefs, project.root)
    assert not diags.items
    found = validate(sources, scale=scale_from({"open": {}}, replace_scale=True), today=datetime.date(2026, 1, 1))
    assert {str(d).split(": error: ")[1] for d in found.errors} >= {
        "status 'done' is not on the site's scale: use one of open"}


def test_every_recommendation_of_the_shipped_brief_has_a_status_or_says_why_not():
    from conftest import REPO

    from mkdocs_briefs.corpus import build_corpus

    sources, diags = load_sources(REPO / "briefs", REPO)
    assert not validate(sources).errors and not diags.errors
    corpus = build_corpus(sources)
    brief = corpus.briefs["trilateral-prism"]
    for rec in brief.recommendations:
        track = corpus.tracks[rec.id]
        reasons = [s.affect.note for s in track.timeline if (s.affect.note or "").startswith("Not tracked.")]
        assert track.tracked or reasons, rec.id
    for update in corpus.updates.values():
        assert update.sources and all(s.url.startswith(("http://", "https://")) for s in update.sources)
        assert all(a.status is None or a.note for a in update.affects), update.id  # a status says why


def test_actor_and_mechanism_pages_count_their_recommendations_by_status(site):
    def counts(page) -> list[str]:
        return [text(li) for li in page.select(".briefs-status-counts li")]

    rok, congress = site.html("actors/rok/"), site.html("actors/us-congress/")
    assert counts(rok) == ["◑ Partly done : 1"]
    # hold-hearings stands at reversed for Congress and under way for Seoul: Congress's page counts its own
    assert counts(congress) == ["↺ Reversed : 1"]
    assert counts(site.html("mechanisms/opcon-transition/")) == ["◑ Partly done : 1"]
    # latest updates: newest first, capped (limits.latest_updates), the rest counted
    latest = [text(li) for li in rok.select("#latest-updates + ul li")]
    assert len(latest) == 5 and latest[0] == "1 June 2024: Plan adopted , on Widen the aperture ◑ Partly done"
    assert latest[1] == "1 May 2024: Hearings dropped"  # its `for` names Seoul
    assert "The newest 5 of 15 updates are listed here" in text(rok.select_one("#latest-updates").find_next("p"))
    assert "updates/" in rok.select_one("#latest-updates").find_next("p").a["href"]


def test_a_recommendation_no_update_speaks_of_is_counted_as_not_tracked(tmp_path):
    from mkdocs_briefs import pipeline

    project = make_project(tmp_path)
    project.write("briefs/updates/talks.md", update("Talks held", "2023-04-17",
                                                    "  - rec: widen-aperture\n    status: under-way\n    note: Talks.\n"))
    pages = {p.src_uri: p.markdown for p in pipeline.run(project.briefs, project.root).pages}
    section = pages["mechanisms/unc-rear.md"].split("{#status}")[1].split("## ")[0]
    assert 'aria-hidden="true">?</span> Not tracked</span>: 1' in section
    assert "progress" not in section.lower() and "latest-updates" not in section  # no update bears on it
    assert "Under way</span>: 1" in pages["mechanisms/opcon-transition.md"]


def test_no_status_counts_on_a_site_without_updates(minimal_site):
    assert minimal_site.html("actors/rok/").select_one("#status, .briefs-status-counts") is None


def test_the_explorer_table_and_its_data_carry_each_status(site):
    import json

    rows = site.html("recommendations/").select(".briefs-explorer tbody tr")
    assert [text(row.td.select_one(".briefs-status")) for row in rows] == ["◑ Partly done", "↺ Reversed"]
    data = json.loads((site.site / "data" / "recommendations.json").read_text("utf-8"))
    assert [(r["id"], r["status"], r["status_title"], r["updated"]) for r in data["recommendations"]] == [
        ("widen-aperture", "partly-done", "Status as of 1 June 2024", "2024-06-01"),
        ("hold-hearings", "reversed", "Status as of 1 May 2024", "2024-05-01")]
    assert [s["id"] for s in data["statuses"]][-1] == "not-tracked"
    assert {s["id"]: s["symbol"] for s in data["statuses"]}["reversed"] == "↺"


def test_the_tracker_tables_are_capped_on_a_large_site(tmp_path):
    from mkdocs_briefs import pipeline
    from mkdocs_briefs.settings import Limits, Settings

    project = tracked_project(tmp_path)
    outcome = pipeline.run(project.briefs, project.root, settings=Settings(limits=Limits(listed=1)))
    page = next(p.markdown for p in outcome.pages if p.src_uri == "tracker/index.md")
    by_addressee = page.split("{#by-addressee}")[1].split("\n## ")[0]
    assert "(actor:rok)" in by_addressee and "(actor:us-congress)" not in by_addressee  # the most addressed
    assert "The addressee with the most recommendations, of 2, is listed" in by_addressee


def test_a_later_update_that_gives_the_same_status_moves_its_as_of_date(tmp_path):
    from mkdocs_briefs import pipeline

    project = tracked_project(tmp_path)
    project.write("briefs/updates/held.md", update("Plan still in force", "2024-09-02", (
        "  - rec: widen-aperture\n    status: partly-done\n    note: Still in force.\n"
        "  - rec: hold-hearings\n    status: reversed\n    for: [us-congress]\n    note: Still dropped.\n")))
    pages = {p.src_uri: p.markdown for p in pipeline.run(project.briefs, project.root).pages}
    widen = pages["recommendations/widen-aperture.md"].split("{: .briefs-status-line }")[0].splitlines()[-1]
    assert widen.endswith("Partly done</span> as of 2 September 2024")  # confirmed, so known to hold later
    hearings = pages["recommendations/hold-hearings.md"]
    congress = next(line for line in hearings.splitlines() if "(actor:us-congress)" in line and "as of" in line)
    assert "Reversed" in congress and "(was Done)" in congress and "as of 2 September 2024" in congress
    assert "as of 1 May 2024" in hearings  # Seoul's status was not confirmed: still as of its own update


def test_a_recommendation_without_a_status_is_never_stale(tmp_path):
    from mkdocs_briefs import pipeline

    project = make_project(tmp_path)  # only notes bear on widen-aperture: it has updates but no status
    project.write("briefs/updates/searched.md", update("Nothing found", "2023-01-10",
                                                       "  - rec: widen-aperture\n    note: Not tracked. Searched.\n"))
    project.write("briefs/updates/talks.md", update("Talks held", "2025-04-17",
                                                    "  - rec: hold-hearings\n    status: under-way\n    note: Talks.\n"))
    pages = {p.src_uri: p.markdown for p in pipeline.run(project.briefs, project.root).pages}
    stale = pages["tracker/index.md"].split("{#stale}")[1].split("\n## ")[0]
    assert "(rec:widen-aperture)" not in stale  # "their status may be out of date" says nothing of no status
