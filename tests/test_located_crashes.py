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
