"""What an editor sees when the sources are wrong.

Every problem names `file:line:col`, says what is wrong and how to fix it; one run lists
all of them and then fails with "N errors in the briefs sources"; nothing an editor
writes ends in a Python traceback. Each test edits the minimal fixture
(tests/fixtures/minimal/) and checks the exact place and the key words of the problems
that loading and validating the sources report, as `mkdocs build` prints them; the last
tests run `mkdocs build --strict` to show that it prints exactly those lines.
"""

from __future__ import annotations

import re

import pytest
from conftest import Build, Project

FIRST = "briefs/first-brief.md"

SECOND_BRIEF = """\
---
title: The Second Brief
date: 2022-09-01
authors: [ann-author]
source:
  publisher: Example Publisher
  title: Another Commentary
  date: 2022-09-01
  url: https://example.org/another
summary: Another brief.
recommendations:
  - id: widen-aperture
    title: Widen it again
    statement: Seoul should plan even wider.
    addressed_to: [rok]
    horizon: long-term
---

Seoul should [widen it again](rec:widen-aperture).
"""


# --- helpers -------------------------------------------------------------------------


def at(project: Project, relative: str, context: str, mark: str | None = None, occurrence: int = 1) -> str:
    """'path:line:col' of `mark` (default: all of `context`) inside the n-th `context` in the file."""
    text = (project.root / relative).read_text("utf-8")
    start = -1
    for _ in range(occurrence):
        start = text.index(context, start + 1)
    offset = start + (context.index(mark) if mark else 0)
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return f"{relative}:{line}:{col}"


def problems_at(found: list[str], where: str, severity: str = "error") -> list[str]:
    """The messages reported at `where` ('path:line:col'), without their prefix."""
    prefix = f"{where}: {severity}: "
    return [p.removeprefix(prefix) for p in found if p.startswith(prefix)]


def problem(found: list[str], where: str, severity: str = "error") -> str:
    """The one message reported at `where`."""
    messages = problems_at(found, where, severity)
    assert len(messages) == 1, f"expected one {severity} at {where}, got:\n" + "\n".join(found)
    return messages[0]


def assert_says(message: str, *words: str) -> None:
    for word in words:
        assert word in message, f"{word!r} not in {message!r}"


def assert_error_count(found: list[str], n: int) -> None:
    """Exactly n errors: a build fails with "n errors in the briefs sources" (see the last tests)."""
    assert len([p for p in found if ": error: " in p]) == n, "\n".join(found)


def assert_no_warnings(found: list[str]) -> None:
    assert [p for p in found if ": warning: " in p] == [], found


def printed(build: Build) -> list[str]:
    """The problems `mkdocs build` printed, each like 'briefs/actors.yml:5:7: error: ...'."""
    return re.findall(r"^(?:ERROR|WARNING) +-  briefs: (.*)$", build.output, re.MULTILINE)


def assert_build_fails_with(build: Build, found: list[str]) -> None:
    """The build printed exactly the problems found, and failed saying how many errors there were."""
    assert printed(build) == found, build.output
    assert build.returncode != 0, build.output
    assert "Traceback" not in build.output, build.output
    n = len([p for p in found if ": error: " in p])
    assert f"{n} error{'s' if n > 1 else ''} in the briefs sources (listed above)" in build.output


# --- 1. YAML syntax --------------------------------------------------------------------


def test_yaml_syntax_error_in_a_registry(project):
    # actors.yml line 4 was "  short: Seoul"; the parser notices the missing ']' at the ':' on line 5
    project.replace("briefs/actors.yml", "  short: Seoul\n", "  short: [Seoul\n")
    found = project.check()
    message = problem(found, at(project, "briefs/actors.yml", "  kind: state\n", ": state"))
    assert message.startswith("YAML syntax error: ")
    assert_says(message, "flow sequence started at line 4", "expected ',' or ']', but got ':'",
                "check the indentation and quoting")
    # references to actors are not reported as unknown: nobody can tell until the file parses
    assert_error_count(found, 1)


def test_yaml_syntax_error_in_front_matter_uses_file_lines(project):
    # front matter starts on line 2 of the file, after the first '---'
    project.replace(FIRST, "title: The First Brief\n", "title: The First Brief: a sequel\n")
    found = project.check()
    where = at(project, FIRST, "title: The First Brief: a sequel", ": a sequel")
    assert where == f"{FIRST}:2:23"
    assert_says(problem(found, where), "YAML syntax error: mapping values are not allowed",
                "check the indentation and quoting")
    assert_error_count(found, 1)
    assert_no_warnings(found)  # no "not referred to" warnings: the brief's references are unknown


def test_unclosed_quote_names_the_line_where_it_opened(project):
    project.replace(FIRST, "summary: A small brief for tests.\n", 'summary: "A small brief for tests.\n')
    found = project.check()
    opened = at(project, FIRST, 'summary: "').split(":")[1]
    # the parser only notices at the end of the front matter (line 25, after its last character)
    message = problem(found, at(project, FIRST, "horizon: unspecified\n", "\n"))
    assert_says(message, f"quoted scalar started at line {opened}", "unexpected end of stream")
    assert_error_count(found, 1)


# --- 2. duplicate keys -----------------------------------------------------------------


def test_duplicate_registry_id_names_both_lines(project):
    project.replace("briefs/actors.yml", "australia:\n", "rok:\n  name: Seoul again\n  kind: state\naustralia:\n")
    found = project.check()
    first = at(project, "briefs/actors.yml", "rok:").split(":")[1]
    message = problem(found, at(project, "briefs/actors.yml", "rok:\n  name: Seoul again"))
    assert_says(message, f"duplicate key 'rok' (first written at line {first})", "merge or rename them")
    assert_error_count(found, 1)


def test_duplicate_field_names_both_lines(project):
    project.replace(FIRST, "    horizon: near-term\n", "    horizon: near-term\n    title: Widen it twice\n")
    found = project.check()
    first = at(project, FIRST, "    title: Widen the aperture").split(":")[1]
    message = problem(found, at(project, FIRST, "    title: Widen it twice", "title"))
    assert_says(message, f"duplicate key 'title' (first written at line {first})", "merge or rename them")
    assert_error_count(found, 1)


# --- 3. fields: missing, unknown, wrong type, not allowed ----------------------------------

FIELD_CASES = {
    "missing field": (
        FIRST, "summary: A small brief for tests.\n", "",
        ("title: The First Brief", None),
        ["missing field 'summary'", "add 'summary:'", "One or two sentences"], 1,
    ),
    "missing field in a recommendation": (
        FIRST, "    mechanisms: [opcon-transition]\n    horizon: near-term\n", "    mechanisms: [opcon-transition]\n",
        ("- id: widen-aperture", "id"),
        ["missing field 'horizon' in recommendations[1]", "add 'horizon:'"], 1,
    ),
    "unknown field": (
        FIRST, "    addressed_to: [us-congress]\n", "    adressed_to: [us-congress]\n",
        ("adressed_to", None),
        ["unknown field 'adressed_to' (did you mean 'addressed_to'?)",
         "allowed fields: id, title, statement, addressed_to, involves, mechanisms, horizon"],
        2,  # and 'addressed_to' is missing
    ),
    "wrong type": (
        FIRST, "    addressed_to: [rok]\n", "    addressed_to: rok\n",
        ("addressed_to: rok\n", "rok"),
        ["recommendations[1].addressed_to must be a list of ids, like [rok, japan], not text"], 1,
    ),
    "horizon": (
        FIRST, "    horizon: near-term\n", "    horizon: soon\n",
        ("horizon: soon", "soon"),
        ["recommendations[1].horizon 'soon' is not allowed", "use one of: near-term, long-term, unspecified"], 1,
    ),
    "actor kind": (
        "briefs/actors.yml", "  kind: legislature\n", "  kind: legislatur\n",
        ("kind: legislatur", "legislatur"),
        ["us-congress.kind 'legislatur' is not allowed (did you mean 'legislature'?)",
         "use one of: state, government-body, legislature, command, coalition, organization, person"], 1,
    ),
    "empty actor kind": (
        "briefs/actors.yml", "  kind: legislature\n", "  kind:\n",
        ("  kind:\n", "\n"),
        ["us-congress.kind is empty", "use one of: state, government-body, legislature"], 1,
    ),
    "mechanism kind": (
        "briefs/mechanisms.yml", "  kind: process\n", "  kind: forums\n",
        ("kind: forums", "forums"),
        ["opcon-transition.kind 'forums' is not allowed (did you mean 'forum'?)",
         "use one of: process, program, institution, exercise, forum, policy-document, legal-instrument"], 1,
    ),
}


@pytest.mark.parametrize(("relative", "old", "new", "place", "words", "errors"), FIELD_CASES.values(), ids=FIELD_CASES)
def test_field_problems(project, relative, old, new, place, words, errors):
    project.replace(relative, old, new)
    found = project.check()
    assert_says(problem(found, at(project, relative, *place)), *words)
    assert_error_count(found, errors)


# --- 4. ids ------------------------------------------------------------------------------


def test_invalid_registry_id(project):
    project.replace("briefs/actors.yml", "australia:\n", "Bad_Id:\n  name: Bad\n  kind: state\naustralia:\n")
    found = project.check()
    assert_says(problem(found, at(project, "briefs/actors.yml", "Bad_Id:")),
                "'Bad_Id' is not a valid id", "lowercase letters a-z, digits and single hyphens")
    assert_error_count(found, 1)


def test_invalid_recommendation_id(project):
    project.replace(FIRST, "  - id: widen-aperture\n", "  - id: Widen_Aperture\n")
    project.replace(FIRST, "(rec:widen-aperture)", "(rec:Widen_Aperture)")
    found = project.check()
    assert_says(problem(found, at(project, FIRST, "- id: Widen_Aperture", "Widen")),
                "recommendations[1].id 'Widen_Aperture' is not valid",
                "write an id: lowercase letters a-z, digits and single hyphens")
    assert_error_count(found, 1)


def test_invalid_brief_file_name(project):
    (project.briefs / "first-brief.md").rename(project.briefs / "Bad Name.md")
    found = project.check()
    assert_says(problem(found, "briefs/Bad Name.md:1:1"),
                "the file name 'Bad Name.md' is not a valid brief id",
                "rename it with lowercase letters a-z, digits and single hyphens")
    assert_error_count(found, 1)


def test_duplicate_recommendation_id_across_briefs_names_both_places(project):
    project.write("briefs/second-brief.md", SECOND_BRIEF)
    found = project.check()
    first = at(project, FIRST, "- id: widen-aperture", "widen")
    second = at(project, "briefs/second-brief.md", "- id: widen-aperture", "widen")
    assert_says(problem(found, second), "duplicate recommendation id 'widen-aperture'",
                f"already used at {first}", "must be unique across all briefs, rename one")
    assert_error_count(found, 1)


def test_reserved_id_index(project):
    (project.briefs / "first-brief.md").rename(project.briefs / "index.md")
    brief = "briefs/index.md"
    project.replace(brief, "  - id: hold-hearings\n", "  - id: index\n")
    project.replace(brief, "(rec:hold-hearings)", "(rec:index)")
    project.replace("briefs/actors.yml", "australia:\n", "index:\n")
    project.replace("briefs/actors.yml", "members: [australia]", "members: [index]")
    found = project.check()
    assert_says(problem(found, f"{brief}:1:1"), "'index' cannot be used as a brief id", "index page")
    assert_says(problem(found, at(project, brief, "- id: index", "index")),
                "'index' cannot be used as a recommendation id: choose another")
    assert_says(problem(found, at(project, "briefs/actors.yml", "index:")),
                "'index' cannot be used as an actor id", "index page")
    assert_error_count(found, 3)


# --- 5. dates ----------------------------------------------------------------------------


def test_dates_that_are_not_dates(project):
    project.replace(FIRST, "date: 2022-08-01\n", "date: 2022-13-45\n")  # the brief's own date, line 3
    project.replace(FIRST, "  date: 2022-08-01\n", "  date: yesterday\n")  # the source's date
    found = project.check()
    assert_says(problem(found, at(project, FIRST, "date: 2022-13-45", "2022")),
                "date '2022-13-45' is not a valid date", "write a date in the form YYYY-MM-DD, like 2022-08-01")
    assert_says(problem(found, at(project, FIRST, "date: yesterday", "yesterday")),
                "source.date 'yesterday' is not a valid date", "YYYY-MM-DD")
    assert_error_count(found, 2)


# --- 6. unknown references ---------------------------------------------------------------

REFERENCE_CASES = {
    "addressed_to": (FIRST, "addressed_to: [rok]", "addressed_to: [rokk]", "rokk",
                     "unknown actor 'rokk' (did you mean 'rok'?): use an id from actors.yml or add it there"),
    "mechanisms": (FIRST, "mechanisms: [unc-rear]", "mechanisms: [unc-raer]", "unc-raer",
                   "unknown mechanism 'unc-raer' (did you mean 'unc-rear'?): use an id from mechanisms.yml"),
    "authors": (FIRST, "authors: [ann-author]", "authors: [ann-autor]", "ann-autor",
                "unknown author 'ann-autor' (did you mean 'ann-author'?): use an id from authors.yml"),
    "series": (FIRST, "series: roundtable", "series: roundtabel", "roundtabel",
               "unknown series 'roundtabel' (did you mean 'roundtable'?): use an id from series.yml"),
    "members": ("briefs/actors.yml", "members: [australia]", "members: [austraila]", "austraila",
                "unknown actor 'austraila' (did you mean 'australia'?): use an id from actors.yml"),
    "part_of": ("briefs/mechanisms.yml", "part_of: unc", "part_of: unk", "unk",
                "unknown mechanism 'unk' (did you mean 'unc'?): use an id from mechanisms.yml"),
    "related": ("briefs/mechanisms.yml", "related: [unc]", "related: [uncc]", "uncc",
                "unknown mechanism 'uncc' (did you mean 'unc'?): use an id from mechanisms.yml"),
    # in the text, the place is the annotation's '['
    "annotation": (FIRST, "works with the sending states.", "works with [Seoul](actor:rokk) and the sending states.",
                   "[Seoul](actor:rokk)",
                   "unknown actor 'rokk' (did you mean 'rok'?): use an id from actors.yml"),
}


@pytest.mark.parametrize(("relative", "old", "new", "written", "message"), REFERENCE_CASES.values(), ids=REFERENCE_CASES)
def test_unknown_reference(project, relative, old, new, written, message):
    project.replace(relative, old, new)
    found = project.check()
    assert_says(problem(found, at(project, relative, new, written)), message, "or add it there")
    assert_error_count(found, 1)


def test_unknown_annotation_target_line_and_column(project):
    project.replace(FIRST, "works with the sending states.", "works with [Seoul](actor:rokk) and the sending states.")
    found = project.check()
    # line 34: "[UN Command](mechanism:unc), where [Seoul](actor:rok) works with [Seoul](actor:rokk) ..."
    assert problem(found, f"{FIRST}:34:66").startswith("unknown actor 'rokk' (did you mean 'rok'?)")
    assert_build_fails_with(project.build(), found)  # "1 error in the briefs sources"


# --- 7. cycles ---------------------------------------------------------------------------


def test_members_cycle(project):
    project.replace("briefs/actors.yml", "  description: A UNC sending state.\n",
                    "  description: A UNC sending state.\n  members: [unc-sending-states]\n")
    found = project.check()
    # reported where the cycle closes: unc-sending-states' "members: [australia]"
    message = problem(found, at(project, "briefs/actors.yml", "members: [australia]", "australia"))
    assert_says(message, "members forms a cycle: australia -> unc-sending-states -> australia",
                "a group cannot contain itself", "remove 'australia' here")
    assert_error_count(found, 1)


def test_part_of_cycle(project):
    project.replace("briefs/mechanisms.yml", "  description: The U.S.-led multinational command in Korea.\n",
                    "  description: The U.S.-led multinational command in Korea.\n  part_of: unc-rear\n")
    found = project.check()
    message = problem(found, at(project, "briefs/mechanisms.yml", "part_of: unc\n", "unc"))
    assert_says(message, "part_of forms a cycle: unc -> unc-rear -> unc", "a mechanism cannot be part of itself",
                "remove 'unc' here")
    assert_error_count(found, 1)


# --- 8. warnings fail --strict ---------------------------------------------------------------


def test_recommendation_never_annotated_is_a_warning(project):
    project.replace(FIRST, "should [hold hearings](rec:hold-hearings) on", "should hold hearings on")
    found = project.check()
    message = problem(found, at(project, FIRST, "- id: hold-hearings", "hold"), severity="warning")
    assert_says(message, "recommendation 'hold-hearings' is never annotated in the brief's text",
                "[the words](rec:hold-hearings)")
    assert len(found) == 1  # and no error


def test_unused_registry_entry_is_a_warning(project):
    with (project.briefs / "actors.yml").open("a", encoding="utf-8") as f:
        f.write("japan:\n  name: Japan\n  kind: state\n")
    found = project.check()
    message = problem(found, at(project, "briefs/actors.yml", "japan:"), severity="warning")
    assert_says(message, "actor 'japan' in actors.yml is not referred to by any brief or entry", "refer to it or remove it")
    assert len(found) == 1  # and no error


def test_a_misspelt_reference_does_not_also_call_the_entry_it_meant_unused(project):
    # us-congress is referred to once only; misspelt, the error suggests it, and that is enough
    project.replace(FIRST, "addressed_to: [us-congress]", "addressed_to: [us-congres]")
    project.replace(FIRST, "[Congress](actor:us-congress)", "Congress")
    found = project.check()
    assert_says(problem(found, at(project, FIRST, "addressed_to: [us-congres]", "us-congres")),
                "unknown actor 'us-congres' (did you mean 'us-congress'?)")
    assert_error_count(found, 1)
    assert_no_warnings(found)


def test_warnings_are_printed_and_fail_a_strict_build(project):
    project.replace(FIRST, "should [hold hearings](rec:hold-hearings) on", "should hold hearings on")
    with (project.briefs / "actors.yml").open("a", encoding="utf-8") as f:
        f.write("japan:\n  name: Japan\n  kind: state\n")
    found = project.check()
    assert [p.split(": ")[1] for p in found] == ["warning", "warning"]
    build = project.build()
    assert printed(build) == found, build.output
    assert build.returncode != 0
    assert "Aborted with 2 warnings in strict mode" in build.output  # and no other warning from the pages


# --- 9. all at once ----------------------------------------------------------------------


def test_problems_in_several_files_are_reported_in_one_run(project):
    project.replace("briefs/actors.yml", "  kind: legislature\n", "  kind: parliament\n")
    project.replace("briefs/mechanisms.yml", "part_of: unc", "part_of: unk")
    project.replace("briefs/authors.yml", "  affiliation:", "  afiliation:")
    project.replace(FIRST, "authors: [ann-author]", "authors: [ann-autor]")
    project.replace(FIRST, "[UN Command](mechanism:unc)", "[UN Command](mechanism:unc-hq)")
    project.write("briefs/second-brief.md", SECOND_BRIEF.replace("    horizon: long-term\n", ""))
    found = project.check()
    expected = [
        (at(project, "briefs/actors.yml", "kind: parliament", "parliament"), "us-congress.kind 'parliament' is not allowed"),
        (at(project, "briefs/authors.yml", "afiliation"), "unknown field 'afiliation' (did you mean 'affiliation'?)"),
        (at(project, FIRST, "ann-autor"), "unknown author 'ann-autor' (did you mean 'ann-author'?)"),
        (at(project, FIRST, "[UN Command](mechanism:unc-hq)"), "unknown mechanism 'unc-hq' (did you mean 'unc'?)"),
        (at(project, "briefs/mechanisms.yml", "part_of: unk", "unk"), "unknown mechanism 'unk' (did you mean 'unc'?)"),
        (at(project, "briefs/second-brief.md", "- id: widen-aperture", "id"), "missing field 'horizon' in recommendations[1]"),
        (at(project, "briefs/second-brief.md", "- id: widen-aperture", "widen"), "duplicate recommendation id 'widen-aperture'"),
    ]
    for where, words in expected:
        assert_says(problem(found, where), words)
    assert_error_count(found, len(expected))
    assert_build_fails_with(project.build(), found)  # "7 errors in the briefs sources"


# --- 10. code is text -----------------------------------------------------------------------


def test_annotations_in_code_are_left_alone(project):
    # the fixture already has `[Seoul](actor:nobody)` in a code span and one in a fenced block
    with (project.briefs / "first-brief.md").open("a", encoding="utf-8") as f:
        f.write("\nAn indented code block:\n\n    [Seoul](actor:nobody-indented)\n")
    build = project.build()
    assert build.returncode == 0, build.output
    assert printed(build) == []
    page = build.html("briefs/first-brief/")
    codes = [code.get_text() for code in page.select("article code")]
    for text in ("[Seoul](actor:nobody)", "[Seoul](actor:nobody-either)", "[Seoul](actor:nobody-indented)"):
        assert any(text in code for code in codes), (text, codes)
    assert not [a for a in page.select("article a[href]") if "nobody" in a["href"]]
    assert page.select_one("article code a") is None


# --- 11. misc ------------------------------------------------------------------------------


def test_unknown_annotation_kind(project):
    project.replace(FIRST, "where [Seoul](actor:rok)", "where [Seoul](actr:rok)")
    found = project.check()
    message = problem(found, at(project, FIRST, "[Seoul](actr:rok)"))
    assert_says(message, "unknown annotation kind 'actr' (did you mean 'actor'?)",
                "annotations are [text](kind:id) with kind one of: actor, mechanism, rec, brief")
    assert_error_count(found, 1)


def test_brief_without_front_matter(project):
    project.write("briefs/notes.md", "# Notes\n\nNo front matter here.\n")
    found = project.check()
    assert_says(problem(found, "briefs/notes.md:1:1"), "a brief must start with YAML front matter",
                "a line '---', the fields, then another '---'")
    assert_error_count(found, 1)


def test_brief_with_unclosed_front_matter(project):
    project.write("briefs/notes.md", "---\ntitle: Notes\n\nThe text.\n")
    found = project.check()
    assert_says(problem(found, "briefs/notes.md:1:1"), "the front matter is never closed", "add a line '---'")
    assert_error_count(found, 1)


def test_yaml_aliases_are_refused_where_written(project):
    project.replace("briefs/actors.yml", "  kind: legislature\n", "  kind: &kind legislature\n")
    project.replace("briefs/actors.yml", "  kind: coalition\n", "  kind: *kind\n")
    found = project.check()
    assert_says(problem(found, at(project, "briefs/actors.yml", "*kind")),
                "YAML anchors and aliases (&name, *name, <<) are not supported here", "write the value out in full")
    assert_error_count(found, 1)  # and no second error about the value the alias stood for


def test_yaml_merge_keys_are_refused(project):
    project.replace("briefs/actors.yml", "australia:\n", "australia: &state\n")
    with (project.briefs / "actors.yml").open("a", encoding="utf-8") as f:
        f.write("new-zealand:\n  <<: *state\n  name: New Zealand\n")
    project.replace("briefs/actors.yml", "members: [australia]", "members: [australia, new-zealand]")
    found = project.check()
    merge, missing = problems_at(found, at(project, "briefs/actors.yml", "<<: *state"))
    assert_says(merge, "YAML merge keys (<<) are not supported here", "write the fields out in full")
    assert_says(missing, "missing field 'kind' in new-zealand")  # what writing it out in full needs
    assert_error_count(found, 2)  # the alias after '<<' is not reported a second time


def test_source_url_must_be_http(project):
    project.replace(FIRST, "  url: https://example.org/original\n", "  url: javascript:alert(1)\n")
    found = project.check()
    assert_says(problem(found, at(project, FIRST, "javascript:")),
                "source.url 'javascript:alert(1)' is not valid", "a web address starting with http:// or https://")
    assert_error_count(found, 1)
