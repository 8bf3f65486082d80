"""Listings in hand-written pages: a one-line placeholder in docs/ becomes a generated list,
and a wrong placeholder is a warning with its file and line, never a traceback."""

from __future__ import annotations

import re

import pytest
import yaml
from conftest import REPO, Build, Project, built, make_project

SECOND_BRIEF = """\
---
title: A Newer Brief
date: 2023-03-01
authors: [ann-author]
source:
  publisher: Example Publisher
  title: Another Commentary
  date: 2023-03-01
  url: https://example.org/another
summary: A second brief, newer than the first.
recommendations:
  - id: fund-the-command
    title: Fund the command
    statement: Congress should fund the UN Command.
    addressed_to: [us-congress]
    mechanisms: [unc]
    horizon: near-term
---

[Congress](actor:us-congress) should [fund the command](rec:fund-the-command) through the
[UN Command](mechanism:unc).
"""


def _home(project: Project, text: str) -> None:
    project.write("docs/index.md", "# Home\n\nSee the [briefs](briefs/index.md).\n\n" + text)


def _items(soup, selector: str) -> list[str]:
    return [el.get_text(" ", strip=True) for el in soup.select(selector)]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Build:
    """The minimal fixture and SECOND_BRIEF, with placeholders on the home page, in a subfolder's
    page (docs/guide/where.md) and inside code (docs/code.md)."""
    project = make_project(tmp_path_factory.mktemp("listings"))
    project.write("briefs/newer-brief.md", SECOND_BRIEF)
    _home(project, "\n".join([
        "## Latest", "", "<!-- briefs:latest 1 -->", "",
        "## All", "", "<!-- briefs:latest -->", "",
        "## To Congress", "", "<!-- briefs:recommendations actor=us-congress -->", "",
        "## Near term to Congress", "", "<!-- briefs:recommendations actor=us-congress horizon=near-term -->", "",
        "## Nothing", "", "<!-- briefs:recommendations mechanism=unc-rear horizon=near-term -->", "",
        "## Roundtable", "", "<!-- briefs:series roundtable -->", "",
        "## By actor", "", "<!-- briefs:count-by-actor -->", "",
        "## By mechanism", "", "<!-- briefs:count-by-mechanism -->", "",
    ]))
    project.write("docs/guide/where.md", "# Where\n\n<!-- briefs:count-by-actor 1 -->\n\n<!-- briefs:latest 1 -->\n")
    project.write("docs/code.md", "# Code\n\n```\n<!-- briefs:latest 1 -->\n```\n\n    <!-- briefs:latest 1 -->\n\n"
                  "Inline: `<!-- briefs:nonsense -->`.\n")
    return built(project.build())


def test_placeholders_become_listings(site):
    home = site.html("")
    sections = {h2.get_text(strip=True).rstrip("¶"): h2 for h2 in home.select("article h2")}

    def after(heading: str):
        return sections[heading].find_next_sibling()

    latest = after("Latest")
    assert _items(latest, "dt") == ["A Newer Brief"]
    assert latest.find("a")["href"] == "briefs/newer-brief/"
    assert "1 March 2023 · Ann Author" in latest.get_text(" ", strip=True)
    assert _items(after("All"), "dt") == ["A Newer Brief", "The First Brief"]  # newest first

    to_congress = after("To Congress")
    assert [a.get_text() for a in to_congress.select("li > a.briefs-rec")] == ["Fund the command", "Hold hearings"]
    assert to_congress.find("a", href="recommendations/hold-hearings/") is not None
    near_term = after("Near term to Congress")
    assert [a.get_text() for a in near_term.select("li > a.briefs-rec")] == ["Fund the command"]
    assert after("Nothing").get_text(strip=True) == "No recommendation matches."

    assert _items(after("Roundtable"), "li > a") == ["The First Brief"]

    rows = [[td.get_text(" ", strip=True) for td in tr.select("td")] for tr in after("By actor").select("tbody tr")]
    assert rows == [["U.S. Congress", "2 recommendations"], ["Republic of Korea", "1 recommendation"]]
    count_link = after("By actor").find("a", string="2 recommendations")
    assert count_link["href"] == "recommendations/?actor=us-congress"
    rows = [[td.get_text(" ", strip=True) for td in tr.select("td")] for tr in after("By mechanism").select("tbody tr")]
    assert rows == [["UNC-Rear", "1 recommendation"], ["United Nations Command", "1 recommendation"],
                    ["Wartime OPCON transition", "1 recommendation"]]  # ties by name
    assert after("By mechanism").find("a")["href"] == "mechanisms/unc-rear/"
    assert after("By mechanism").find("a", string="1 recommendation")["href"] == "recommendations/?mechanism=unc-rear"


def test_links_in_a_listing_are_relative_to_a_page_in_a_subfolder(site):
    page = site.html("guide/where/")
    assert page.find("a", string="2 recommendations")["href"] == "../../recommendations/?actor=us-congress"
    assert page.select_one("article dt a")["href"] == "../../briefs/newer-brief/"


def test_placeholders_in_code_are_shown_as_written(site):
    article = site.html("code/").select_one("article")
    assert [c.get_text() for c in article.select("pre code")] == ["<!-- briefs:latest 1 -->\n"] * 2
    assert article.find("code", string="<!-- briefs:nonsense -->") is not None
    assert article.find("dl") is None  # nothing was expanded


def test_a_wrong_placeholder_is_a_warning_with_its_line(project):
    project.write("docs/index.md", "---\ntitle: Home\n---\n\n# Home\n\n"
                  "<!-- briefs:latests 3 -->\n\n"
                  "<!-- briefs:recommendations actor=rokk -->\n\n"
                  "<!-- briefs:recommendations actr=rok -->\n\n"
                  "<!-- briefs:series -->\n\n"
                  "<!-- briefs:latest many -->\n\n"
                  "<!-- briefs:count-by-actor -->\n\n"
                  "<!-- briefs:latest 2\n")
    build = project.build()
    assert build.returncode == 1  # --strict
    assert "Traceback" not in build.output
    warnings = re.findall(r"briefs: (docs/index\.md:\d+:\d+: warning: .*)", build.output)
    assert warnings == [
        "docs/index.md:7:1: warning: unknown listing 'latests' (did you mean 'latest'?); use one of: latest, "
        "recommendations, series, count-by-actor, count-by-mechanism: the placeholder is left out of the page",
        "docs/index.md:9:1: warning: unknown actor 'rokk' (did you mean 'rok'?): check the id: "
        "the placeholder is left out of the page",
        "docs/index.md:11:1: warning: 'actr=rok' is not a filter (did you mean 'actor'?); write key=id with key one of: "
        "actor, involves, mechanism, horizon, brief, series, author: the placeholder is left out of the page",
        "docs/index.md:13:1: warning: 'series' takes one series id, like <!-- briefs:series future-of-trilateralism -->: "
        "the placeholder is left out of the page",
        "docs/index.md:15:1: warning: 'latest' takes at most one number from 1 to 1000, like <!-- briefs:latest 5 -->; "
        "got 'many': the placeholder is left out of the page",
        "docs/index.md:19:1: warning: a listing placeholder must be one line ending with '-->', like "
        "<!-- briefs:latest 5 -->: it shows as text until it is fixed",
    ]
    # the site is still written: the good placeholder worked; the bad ones show nothing
    article = build.html("").select_one("article")
    assert article.find("table") is not None
    assert article.find("dl") is None
    assert [line for line in article.get_text("\n").split("\n") if "briefs:" in line] == ["<!-- briefs:latest 2"]


def test_the_home_page_shows_the_latest_briefs_and_counts_by_actor(shipped_site):
    home = shipped_site.html("")
    brief = yaml.safe_load((REPO / "briefs" / "trilateral-prism.md").read_text("utf-8").split("---\n")[1])
    latest = home.select("article dl dt a.briefs-brief")
    assert [a.get_text() for a in latest][:1] == [brief["title"]]
    expected: dict[str, int] = {}
    for rec in brief["recommendations"]:
        for actor in rec["addressed_to"]:
            expected[actor] = expected.get(actor, 0) + 1
    shown = {}
    for row in home.select("article table tbody tr"):
        actor_link, count_link = row.select("a")
        actor = actor_link["href"].split("/")[-2]
        assert count_link["href"] == f"recommendations/?actor={actor}"
        shown[actor] = int(count_link.get_text().split()[0])
    assert shown == expected
    counts = list(shown.values())
    assert counts == sorted(counts, reverse=True)
