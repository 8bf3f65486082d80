"""Inputs that used to crash the build or the CLI are errors with file:line:col (issue 11)."""

from __future__ import annotations

from conftest import FORKER, Project


def test_an_id_ending_in_a_newline_is_an_error_not_a_crash(project: Project):
    project.write("briefs/actors.yml", project.briefs.joinpath("actors.yml").read_text("utf-8")
                  + '"rok2\\n":\n  name: Rok two\n  kind: state\n')
    build = project.build()
    assert build.returncode == 1 and "Traceback" not in build.output
    assert "error: 'rok2\\u000a' is not a valid id (it contains the invisible character U+000A" in build.output


def test_a_4300_digit_number_is_a_located_error(project: Project):
    project.write("briefs/actors.yml", project.briefs.joinpath("actors.yml").read_text("utf-8")
                  + "big:\n  name: " + "9" * 5000 + "\n  kind: state\n")
    build = project.build()
    assert build.returncode == 1 and "Traceback" not in build.output
    assert "error: the number here is 5,000 characters long, too long to read: quote it" in build.output


def test_deeply_nested_lists_are_an_error_not_a_recursion_error(project: Project):
    project.replace("briefs/first-brief.md", "## The argument\n", "## The argument\n\n" + "- " * 1000 + "x\n")
    build = project.build()
    assert build.returncode == 1 and "RecursionError" not in build.output and "Traceback" not in build.output
    assert "error: lists or quotes are nested more than 30 deep here: flatten them" in build.output


def test_new_refuses_long_ids_and_newlines(tmp_path):
    (tmp_path / "briefs").mkdir()
    for kind, id_ in [("brief", "a" * 300), ("actor", "b" * 81), ("brief", "ab\n")]:
        proc = FORKER.python_m("mkdocs_briefs.cli", "new", kind, id_, "--sources", "briefs", cwd=tmp_path)
        assert proc.returncode == 2 and "Traceback" not in proc.stderr, proc.stderr
        assert "mkdocs-briefs: error:" in proc.stderr
    assert list((tmp_path / "briefs").iterdir()) == []


def test_nan_and_infinity_are_not_numbers_a_page_or_export_can_hold(project: Project):
    # `.nan` passed as a number: corpus.json said `"boost": NaN` (not JSON: JSON.parse throws on it) and the
    # search index "NaN"; it is the text written, so a number field says so and a text field keeps it
    project.replace("briefs/first-brief.md", "summary: A small brief for tests.",
                    "summary: .inf\nsearch:\n  boost: .nan")
    assert project.check() == ["briefs/first-brief.md:13:10: error: search.boost must be a number, not text"]
    from mkdocs_briefs.load import load_sources

    sources, _ = load_sources(project.briefs, project.root)
    assert sources.briefs["first-brief"].summary == ".inf"
