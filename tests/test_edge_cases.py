"""Issue 11's smaller items: what a brief's text or a hand-written page can do to the
plugin's own ids, mentions and pages, read back from real builds."""

from __future__ import annotations

from conftest import Project, built
from sitecheck import check_site

BODY_START = "## The argument\n"


def _add_to_body(project: Project, text: str) -> None:
    project.replace("briefs/first-brief.md", BODY_START, BODY_START + "\n" + text + "\n")


def test_an_annotation_in_an_image_alt_text_is_not_a_mention(project):
    project.write("docs/pic.png", "not really a png")
    _add_to_body(project, "![a map of [Seoul](actor:rok)](../pic.png)")
    build = built(project.build())
    brief = build.html("briefs/first-brief/").select_one("article")
    assert brief.find("img")["alt"] == "a map of Seoul"
    anchors = [a["id"] for a in brief.select("a[id^=actor-rok-]") if a.get_text() == "Seoul"]
    assert anchors == ["actor-rok-1", "actor-rok-2"]  # the two links written as links
    mentions = build.html("actors/rok/").select("article a[href*='first-brief/#actor-rok-']")
    assert sorted({a["href"].rsplit("#", 1)[1] for a in mentions}) == anchors
    assert check_site(build.site).problems == []
