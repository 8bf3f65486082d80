"""Hostile or careless sources, read the way a build reads them (`load_sources` + `validate`, no
MkDocs): each problem is one located message that says how to fix it, never a traceback."""

from __future__ import annotations

import datetime

import pytest
from conftest import Project
from payloads import alias_bomb, yaml_text

from mkdocs_briefs import pipeline
from mkdocs_briefs.load import load_sources
from mkdocs_briefs.settings import Settings, Validation
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


# --- data/recommendations.csv -----------------------------------------------------------------

SPREADSHEET_STARTS = {
    "space then equals": ' =HYPERLINK("https://example.org")',
    "spaces then at": "  @SUM(1+1)",
    "no-break space then plus": "\u00a0+1+2",
    "ideographic space then minus": "\u3000-2+3",
    "full-width equals": "＝1+1",
    "full-width plus": "＋1",
    "full-width minus": "－1",
    "full-width at": "＠SUM(A1)",
    "tab": "\t=1+1",
    "carriage return": "\r=1+1",
    "line feed": "\n=1+1",
    "a quote of its own": "'quoted from the start",
}


def test_no_csv_cell_starts_what_a_spreadsheet_reads_as_a_formula_and_the_quote_comes_off_again(project):
    import csv
    import io

    titles = list(SPREADSHEET_STARTS.values())
    recs = "".join(f"  - id: rec-{i}\n    title: {yaml_text(t)}\n    statement: {yaml_text(t)}\n"
                   f"    addressed_to: [rok]\n    horizon: near-term\n" for i, t in enumerate(titles))
    project.replace("briefs/first-brief.md", "recommendations:\n", "recommendations:\n" + recs)
    outcome = pipeline.run(project.briefs, project.root, today=TODAY,
                           settings=Settings(validation=Validation(unannotated="ignore")))
    assert not outcome.diagnostics.errors, [str(d) for d in outcome.diagnostics.errors]
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(outcome.exports["data/recommendations.csv"], newline=""))}
    for i, text in enumerate(titles):
        for column in ("title", "statement"):
            cell = rows[f"rec-{i}"][column]
            assert cell == "'" + text, (column, text)  # shown as text, not run
            assert cell[1:] == text  # the documented round trip: one leading quote comes off
    assert rows["widen-aperture"]["title"] == "Widen the aperture"  # other text as it is


# --- YAML anchors and aliases -----------------------------------------------------------------


def test_a_billion_laughs_is_one_error_for_the_file_and_nothing_else(project):
    project.write("briefs/actors.yml", alias_bomb())
    assert messages(project) == [
        "briefs/actors.yml:2:8: error: the aliases of this file (*name, 72 of them) repeat more than 100,000 "
        "values: it is not read; write each value out in full, without &name and *name"
    ]  # not one error an alias, nor an unknown actor at every annotation of the briefs


def test_a_billion_laughs_in_front_matter_is_one_error_for_the_brief(project):
    project.replace("briefs/first-brief.md", "summary: A small brief for tests.\n",
                    "summary: A small brief for tests.\n" + alias_bomb(7).replace("\n", "\nx").rstrip("x")
                    .replace("a: &a", "xa: &a"))
    found = [m for m in messages(project) if "first-brief.md" in m]
    assert found == [
        "briefs/first-brief.md:13:9: error: the aliases of this file (*name, 54 of them) repeat more than 100,000 "
        "values: it is not read; write each value out in full, without &name and *name"
    ]


def test_several_aliases_in_a_file_are_one_error_that_names_each_line(project):
    project.replace("briefs/actors.yml", "  kind: state\n", "  kind: &kind state\n")
    project.replace("briefs/actors.yml", "  kind: legislature\n", "  kind: *kind\n")
    project.replace("briefs/actors.yml", "  kind: coalition\n", "  kind: *kind\n")
    assert messages(project) == [
        "briefs/actors.yml:10:9: error: YAML anchors and aliases (&name, *name, <<) are not supported here; "
        "write the value out in full (and the alias at line 14)"
    ]


def test_one_alias_in_a_large_file_is_refused_where_written_and_the_file_still_read(monkeypatch):
    from mkdocs_briefs import located_yaml
    from mkdocs_briefs.diagnostics import Diagnostics

    monkeypatch.setattr(located_yaml, "MAX_REPEATED", 100)  # the file holds more values than that, repeats one
    entries = "".join(f"a{i}:\n  name: Actor {i}\n  kind: state\n" for i in range(50))  # 300 values
    diags = Diagnostics()
    doc = located_yaml.parse_yaml(entries + "last:\n  name: &n Last\n  short: *n\n", "actors.yml", diags)
    assert [str(d) for d in diags.sorted()] == [
        "actors.yml:153:10: error: YAML anchors and aliases (&name, *name, <<) are not supported here; write the value "
        "out in full"]
    assert doc is not None and doc.data["a7"] == {"name": "Actor 7", "kind": "state"}
    located_yaml.parse_yaml(entries + "b: &b [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\nc: [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n",
                            "actors.yml", diags)
    assert "repeat more than 100 values" in str(diags.items[-1])


# --- names of the theme's and the plugin's page parts -------------------------------------------


def test_an_admonition_of_the_themes_classes_in_a_brief_is_an_error_where_written(project):
    # the check refused `{: .md-dialog }`, but an admonition's classes made the same notice over the page
    project.replace("briefs/first-brief.md", "## The argument\n",
                    '## The argument\n\n!!! note md-dialog md-dialog--active "Session"\n    Call us.\n\n'
                    '??? briefs-preview\n    Text.\n')
    assert messages(project) == [
        "briefs/first-brief.md:30:10: error: the admonition gives 'md-dialog', a name of the theme's or of the site's "
        "own page parts: text in a brief could pass for the site's own (a notice, a header); use a class of your own",
        "briefs/first-brief.md:33:5: error: the admonition gives 'briefs-preview', a name of the theme's or of the "
        "site's own page parts: text in a brief could pass for the site's own (a notice, a header); use a class of "
        "your own",
    ]


# --- Markdown that Python-Markdown cannot read in a build's time --------------------------------


def test_a_run_of_emphasis_marks_is_an_error_not_a_recursion_error_in_the_build(project):
    # 2,000 '*' around a word: Python-Markdown nested them as emphasis until Python's stack overflowed, and the
    # build ended in a RecursionError traceback; the check passed
    project.replace("briefs/first-brief.md", "## The argument\n",
                    "## The argument\n\nLoud " + "*" * 2000 + "a" + "*" * 2000 + " text.\n\n" + "_" * 300 + "\n\n"
                    "A blank to fill: " + "_" * 80 + ", and `" + "*" * 500 + "` in code, and \\*\\*\\*.\n")
    assert messages(project) == [
        "briefs/first-brief.md:30:6: error: a run of 2,000 '*' here: Markdown reads it as emphasis nested too deep "
        "to make the page; write at most 100 in a row, or escape each one (\\*)",
    ]  # a line of them alone is a thematic break; code and escapes are text


def test_brackets_nested_too_deep_are_an_error_not_an_hour_of_build(project):
    # Python-Markdown looks for the end of each '[' from its start: 20,000 nested took four minutes to build
    project.replace("briefs/first-brief.md", "## The argument\n",
                    "## The argument\n\nSee " + "[" * 150 + "x" + "](y)" * 150 + ".\n\nNote [sic\n" + "[" * 120
                    + "\nand on.\n\n" + "[a](actor:rok) " * 300 + "\n\n" + "[x](a:" * 120 + "\n")
    assert messages(project) == [
        "briefs/first-brief.md:30:105: error: brackets '[' are nested more than 100 deep here (or never closed): "
        "Markdown takes too long to read them; close them, or escape each one (\\[)",
        "briefs/first-brief.md:33:100: error: brackets '[' are nested more than 100 deep here (or never closed): "
        "Markdown takes too long to read them; close them, or escape each one (\\[)",
        "briefs/first-brief.md:38:604: error: parentheses '(' are nested more than 100 deep here (or never closed): "
        "Markdown takes too long to read them; close them, or escape each one (\\()",
    ]  # 300 annotations in a paragraph are fine; a link's address is read to its ')' from each ']('


# --- links in the sources folder -----------------------------------------------------------------

OUTSIDE_UPDATE = ("---\ntitle: From elsewhere\ndate: 2023-04-17\nsources:\n  - title: Report\n    publisher: News\n"
                  "    url: https://example.org/r\n    date: 2023-04-17\naffects:\n  - rec: widen-aperture\n---\n"
                  "Text from outside the sources folder.\n")


def test_an_updates_folder_that_links_outside_the_sources_is_not_read(project):
    # briefs/updates -> a folder elsewhere on the machine: its files were read and published as updates
    elsewhere = project.root / "elsewhere"
    (elsewhere / "2023").mkdir(parents=True)
    (elsewhere / "2023" / "from-elsewhere.md").write_text(OUTSIDE_UPDATE, "utf-8")
    (project.briefs / "updates").symlink_to(elsewhere)
    sources, diags = load_sources(project.briefs, project.root)
    assert [str(d) for d in diags.sorted()] == [
        "briefs/updates:1:1: error: this folder is a link to a folder outside the sources folder: replace the link with "
        "the folder itself"]
    assert sources.updates == {}


def test_a_subfolder_of_updates_that_is_a_link_is_not_left_out_silently(project):
    elsewhere = project.root / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "from-elsewhere.md").write_text(OUTSIDE_UPDATE, "utf-8")
    (project.briefs / "updates").mkdir()
    (project.briefs / "updates" / "2023").symlink_to(elsewhere)
    sources, diags = load_sources(project.briefs, project.root)
    assert [str(d) for d in diags.sorted()] == [
        "briefs/updates/2023:1:1: error: this folder is a link to a folder outside the sources folder: replace the link "
        "with the folder itself"]
    assert sources.updates == {}


# --- text that made the check itself slow -------------------------------------------------------

PARENS = "error: parentheses '(' are nested more than 100 deep here (or never closed)"
SLOW_BEFORE = {  # seconds `check` took on the paragraph before (~850 KB; 2 cores shared by 5 engineers), and its messages
    "backtick runs of every length, none closed": (" ".join("`" * i for i in range(1, 1300)), 66, []),
    "link openings never closed": ("[x](" * 225_000, 225, [f"briefs/first-brief.md:30:404: {PARENS}"]),
    "addresses never closed": ("[x](a:" * 15_000, 95, [f"briefs/first-brief.md:30:604: {PARENS}"]),  # a whole brief: hours
}


@pytest.mark.parametrize("name", SLOW_BEFORE)
def test_a_paragraph_that_made_the_check_take_minutes_is_read_and_located(project, name):
    """Each construct was read once for every later one in the paragraph: the check took minutes
    (SLOW_BEFORE) and now takes under a second. No clock here (timings are the benchmarks' job, and a
    ceiling would fail on a busy machine): a return to quadratic reading shows as minutes added to the
    fast tier, which the README says runs in about a minute."""
    text, _before, expected = SLOW_BEFORE[name]
    project.replace("briefs/first-brief.md", "## The argument\n", "## The argument\n\n" + text + "\n\n")
    outcome = pipeline.run(project.briefs, project.root, hints=True, pages=False, today=TODAY)
    assert [str(d).split(": Markdown takes")[0] for d in outcome.diagnostics.items] == expected


def test_code_spans_are_masked_as_markdown_reads_them():
    import random
    import re

    from mkdocs_briefs.annotations import mask_code

    regex = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.DOTALL)  # what mask_code did, in quadratic time
    rng = random.Random(11)
    for _ in range(3000):
        text = "".join(rng.choice(["`", "``", "a", " ", "\n", "[x](rec:y)", "```"]) for _ in range(rng.randint(0, 14)))
        assert mask_code(text) == regex.sub(lambda m: " " * len(m.group(0)), text), repr(text)


# --- names that look alike -----------------------------------------------------------------------


def test_a_name_written_to_look_like_another_entrys_is_an_error(project):
    # an invisible character, or a compatibility form, made a second "Republic of Korea" no reviewer could see
    project.replace("briefs/actors.yml", "name: Australia", 'name: "Republic of\\u200b Korea"')
    project.replace("briefs/mechanisms.yml", "name: UNC-Rear", 'name: "Ｕnited Nations Command"')
    assert [m for m in messages(project) if "reads as" in m] == [
        "briefs/actors.yml:18:9: error: actor 'australia' is named 'Republic of\\u200b Korea', which reads as the "
        "name of actor 'rok' (line 3) but is written with other characters (here U+200B, ZERO WIDTH SPACE): readers "
        "could not tell the two apart; write the name as the other is written, or give each its own",
        "briefs/mechanisms.yml:7:9: error: mechanism 'unc-rear' is named 'Ｕnited Nations Command', which reads as the "
        "name of "
        "mechanism 'unc' (line 3) but is written with other characters (here U+FF35, FULLWIDTH LATIN CAPITAL LETTER "
        "U): readers could not tell the two apart; write the name as the other is written, or give each its own",
    ]


def test_a_message_quoting_a_very_long_value_shows_its_start_and_its_length(project):
    # an annotation to a 500,000-character id printed a message of 500,094 characters, one line of the log and
    # one annotation of the pull request
    project.replace("briefs/first-brief.md", "## The argument\n", "## The argument\n\n[x](actor:" + "r" * 500_000 + ")\n")
    assert messages(project) == [
        "briefs/first-brief.md:30:1: error: unknown actor '" + "r" * 80 + "…' (500,000 characters): use an id from "
        "actors.yml or add it there"]
