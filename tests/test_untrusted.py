"""Hostile or careless sources, read the way a build reads them (`load_sources` + `validate`, no
MkDocs): each problem is one located message that says how to fix it, never a traceback."""

from __future__ import annotations

import datetime

from conftest import Project

from mkdocs_briefs.load import load_sources
from mkdocs_briefs.validate import validate

TODAY = datetime.date(2026, 12, 2)


def messages(project: Project, today: datetime.date = TODAY) -> list[str]:
    sources, diags = load_sources(project.briefs, project.root)
    diags.extend(validate(sources, today=today))
    return [str(d) for d in diags.sorted()]


# --- dates after today ------------------------------------------------------------------------


def test_a_brief_of_original_work_dated_in_the_future_is_an_error_at_its_date(project):
    text = (project.briefs / "first-brief.md").read_text("utf-8")
    start, end = text.index("source:\n"), text.index("summary:")
    project.write("briefs/first-brief.md", text[:start] + text[end:])  # the site's own work: no source
    project.replace("briefs/first-brief.md", "date: 2022-08-01", "date: 2999-08-01")
    assert messages(project) == [
        "briefs/first-brief.md:3:7: error: the brief is dated 2999-08-01, in the future: date is the day the brief "
        "was published; fix it, or keep the brief a draft (draft: true) until it is published"
    ]
    project.replace("briefs/first-brief.md", "title:", "draft: true\ntitle:")
    assert messages(project) == []  # a draft may wait for its day


def test_a_restated_brief_whose_source_is_dated_in_the_future_is_one_error_at_the_source_date(project):
    path = project.briefs / "first-brief.md"
    path.write_text(path.read_text("utf-8").replace("date: 2022-08-01", "date: 2999-08-01"), "utf-8")  # both dates
    assert messages(project) == [
        "briefs/first-brief.md:9:9: error: source.date 2999-08-01 is in the future: the original a brief restates "
        "has been published; fix its date, and the brief's date, which is the same"
    ]


def test_a_restated_brief_published_in_the_future_is_an_error_unless_a_draft(project):
    project.replace("briefs/first-brief.md", "  url: https://example.org/original\n",
                    "  url: https://example.org/original\n  restated: 2999-01-05\n")
    assert messages(project) == [
        "briefs/first-brief.md:11:13: error: source.restated 2999-01-05 is in the future: it is the day the site "
        "published the brief; fix it, or keep the brief a draft (draft: true) until it is published"
    ]
    project.replace("briefs/first-brief.md", "title:", "draft: true\ntitle:")
    assert messages(project) == []


def test_an_update_source_dated_in_the_future_is_pointed_at_its_own_date(project):
    project.write("briefs/updates/later.md", (
        "---\ntitle: Talks held\ndate: 2023-04-17\nsources:\n"
        "  - title: First report\n    publisher: Example News\n    url: https://example.org/a\n    date: 2023-04-17\n"
        "  - title: Talks held\n    publisher: Example News\n    url: https://example.org/held\n    date: 2999-01-01\n"
        "affects:\n  - rec: widen-aperture\n---\n"))
    assert messages(project) == [
        "briefs/updates/later.md:12:11: error: sources[2] is dated 2999-01-01, in the future: a source reports what "
        "has happened; fix its date"
    ]
