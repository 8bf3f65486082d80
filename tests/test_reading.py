"""What a reader finds on the pages of single entries: a recommendation's own phrase marked in
its passage, why related recommendations are related, each wording of a mention once, and one
sentence for an actor no recommendation names (issue 12, items 5 and 7). Read from built sites."""

from __future__ import annotations

import json
import re
from collections import Counter
from urllib.parse import urljoin

import pytest
from conftest import Build, built, make_project


def _corpus(build: Build) -> dict:
    return json.loads((build.site / "data" / "corpus.json").read_text("utf-8"))


def _heading(page, text: str):
    """The h2 whose text (without its permalink) is `text`, or None."""
    return next((h for h in page.select("article h2") if h.get_text().replace("¶", "").strip() == text), None)


def _id(href: str) -> str:
    return re.sub(r"(\.html|/)$", "", href.split("#")[0]).rsplit("/", 1)[-1]


def test_a_recommendation_marks_its_own_phrase_in_the_passage(shipped_site):
    data = _corpus(shipped_site)
    checked = 0
    for rec in data["recommendations"]:
        page = shipped_site.html(rec["page"])
        passage = page.select_one(".briefs-passage")
        if passage is None:
            continue
        marks = passage.select("mark")
        assert len(marks) == 1, rec["id"]
        own = marks[0].select("a")
        assert len(own) == 1 and urljoin("/" + rec["page"], own[0]["href"]) == "/" + rec["page"], rec["id"]
        # the link to the passage goes to that very phrase on the brief's page
        read = page.find("a", string="Read this passage in the brief")
        brief_page = shipped_site.html(rec["page"] + read["href"].split("#")[0])
        target = brief_page.find(id=read["href"].split("#")[1])
        assert target is not None and target.get_text() == own[0].get_text(), rec["id"]
        checked += 1
    assert checked == len(data["recommendations"])


@pytest.fixture(scope="module")
def hostile_passage(tmp_path_factory) -> Build:
    """The minimal fixture with raw <mark> tags and the placeholder's own word in the passage."""
    project = make_project(tmp_path_factory.mktemp("hostile-passage"))
    project.replace("briefs/first-brief.md", "[Congress](actor:us-congress) should [hold hearings](rec:hold-hearings)",
                    "<mark>[Congress](actor:us-congress)</mark> briefsmarko should [hold hearings](rec:hold-hearings)"
                    " briefsmarkc </mark>")
    return built(project.build())


def test_the_mark_is_the_plugins_and_the_editors_markup_stays_text(hostile_passage):
    passage = hostile_passage.html("recommendations/hold-hearings/").select_one(".briefs-passage")
    assert [m.get_text() for m in passage.select("mark")] == ["hold hearings"]
    text = passage.get_text()
    assert "<mark>Congress</mark> briefsmarko should hold hearings briefsmarkc </mark>" in " ".join(text.split())


def test_related_recommendations_say_what_they_share(shipped_site):
    data = _corpus(shipped_site)
    recs = {r["id"]: r for r in data["recommendations"]}
    names = {(kind, e["id"]): e["name"] for kind in ("actors", "mechanisms") for e in data[kind]}

    def named(r: dict) -> list[tuple[str, str]]:
        return [("actors", i) for i in r["addressed_to"] + r["involves"]] + [("mechanisms", i) for i in r["mechanisms"]]

    checked = 0
    for rec in data["recommendations"]:
        heading = _heading(shipped_site.html(rec["page"]), "Related recommendations")
        if heading is None:
            continue
        for item in heading.find_next_sibling("ul").select("li"):
            other = recs[_id(item.a["href"])]
            shared = list(dict.fromkeys(names[i] for i in named(other) if i in named(rec)))  # a name once
            assert shared, (rec["id"], other["id"])
            assert item.get_text().endswith(" · shares " + ", ".join(shared)), item.get_text()
            checked += 1
    assert checked > 10


def test_mentioned_in_lists_each_wording_once_with_its_count(shipped_site):
    data = _corpus(shipped_site)
    checked = 0
    for actor in data["actors"]:
        heading = _heading(shipped_site.html(actor["page"]), "Mentioned in")
        if heading is None:
            continue
        for item in heading.find_next_sibling("ul").select("li"):
            brief = next(b for b in data["briefs"] if b["id"] == _id(item.a["href"]))
            written = Counter(" ".join(a["text"].split()) for a in brief["annotations"]
                              if a["kind"] == "actor" and a["target"] == actor["id"] and a["anchor"])
            shown = re.findall(r"“([^”]+)”( \((\d+) times\))?", item.get_text())
            assert [w for w, _, _ in shown] == list(written), actor["id"]  # each once, in the order first written
            assert {w: int(n or 1) for w, _, n in shown} == dict(written), actor["id"]
            checked += 1
    assert checked > 5


def test_an_actor_no_recommendation_names_gets_one_sentence(shipped_site):
    data = _corpus(shipped_site)
    named = {a for r in data["recommendations"] for a in r["addressed_to"] + r["involves"]}
    unnamed = [a for a in data["actors"] if a["id"] not in named]
    assert unnamed
    for actor in unnamed:
        text = shipped_site.html(actor["page"]).select_one("article").get_text()
        assert "None yet." not in text, actor["id"]
        assert text.count("No recommendation is addressed to it or involves it yet.") == 1, actor["id"]
    named_page = shipped_site.html(next(a["page"] for a in data["actors"] if a["id"] in named))
    assert _heading(named_page, "Recommendations addressed to it") is not None


def test_a_related_recommendation_names_its_brief_only_when_it_is_another(tmp_path):
    from mkdocs_briefs import pipeline

    project = make_project(tmp_path)
    first = (project.briefs / "first-brief.md").read_text("utf-8")
    second = (first.replace("title: The First Brief", "title: The Second Brief")
              .replace("widen-aperture", "plan-further").replace("hold-hearings", "hold-more-hearings"))
    project.write("briefs/second-brief.md", second)
    outcome = pipeline.run(project.briefs, project.root)
    assert not outcome.diagnostics.errors, outcome.diagnostics.errors
    pages = {p.src_uri: p.markdown for p in outcome.pages}
    related = pages["recommendations/widen-aperture.md"].split("## Related recommendations")[1]
    lines = {line.split("](rec:")[1].split(")")[0]: line for line in related.splitlines() if "](rec:" in line}
    assert "from the same brief · shares" in lines["hold-hearings"]  # its brief is the page's own, named above
    assert "from [The Second Brief](brief:second-brief) · shares" in lines["plan-further"]
