"""Loading the sources without MkDocs: positions survive what editors' tools do to files."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import Project, make_project

from mkdocs_briefs.load import load_sources
from mkdocs_briefs.validate import validate


@pytest.fixture
def briefs(project: Project) -> Path:
    return project.briefs


def messages(folder: Path) -> list[str]:
    sources, diags = load_sources(folder, folder.parent)
    diags.extend(validate(sources))
    return [str(d) for d in diags.sorted()]


def test_the_minimal_fixture_has_no_problem(briefs):
    assert messages(briefs) == []


def test_windows_line_endings_and_a_byte_order_mark_keep_lines_and_columns(briefs):
    path = briefs / "first-brief.md"
    text = path.read_text("utf-8").replace("addressed_to: [rok]", "addressed_to: [rokk]")
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    assert messages(briefs) == [
        "briefs/first-brief.md:16:20: error: unknown actor 'rokk' (did you mean 'rok'?): "
        "use an id from actors.yml or add it there"
    ]


def test_a_file_that_is_not_utf8_names_the_first_bad_byte(briefs):
    path = briefs / "actors.yml"
    path.write_bytes(path.read_bytes().replace(b"short: Seoul", b"short: Seoul\xff"))
    # line 4 is "  short: Seoul\xff": the bad byte is the 15th; no cascade of unknown actors
    assert messages(briefs) == [
        "briefs/actors.yml:4:15: error: file is not valid UTF-8 text: save it with UTF-8 encoding"
    ]


@pytest.mark.parametrize("depth", [40, 100_000])
def test_deep_nesting_is_an_error_not_a_crash(briefs, depth):
    path = briefs / "actors.yml"
    path.write_text(path.read_text("utf-8").replace("short: Seoul", "short: " + "[" * depth + "]" * depth), "utf-8")
    found = messages(briefs)
    assert found and all(m.startswith("briefs/actors.yml:4:") for m in found), found
    assert any("nesting is deeper than 32 levels" in m or "maximum nesting depth" in m for m in found), found


def test_an_entry_that_is_not_a_mapping_is_still_known(briefs):
    (briefs / "authors.yml").write_text("ann-author:\n", "utf-8")
    # one error where it is written, not a second one at every brief that names the author
    assert messages(briefs) == [
        "briefs/authors.yml:1:12: error: ann-author must be a mapping with at least name, not empty"
    ]


def test_what_only_looks_like_a_brief_is_skipped_with_a_warning_and_the_checks_go_on(briefs):
    (briefs / ".#first-brief.md").symlink_to("user@host.1234")  # an editor's lock file: a dangling link
    (briefs / "drafts.md").mkdir()
    (briefs / "notes.MD").write_text((briefs / "first-brief.md").read_text("utf-8"), "utf-8")
    (briefs / "actors.yml").write_text((briefs / "actors.yml").read_text("utf-8") + "\nspare:\n  name: Spare\n"
                                       "  kind: state\n  description: Named by nothing.\n", "utf-8")
    found = messages(briefs)
    assert found == [
        "briefs/.#first-brief.md:1:1: warning: this link leads nowhere (an editor's lock file?), so it is not "
        "read: delete it",
        next(m for m in found if m.startswith("briefs/actors.yml") and "'spare'" in m),  # unused: still checked
        "briefs/drafts.md:1:1: warning: this is a folder, not a brief, so it is not read: rename it",
        "briefs/notes.MD:1:1: warning: 'notes.MD' is not read as a brief: brief files end in '.md' (lowercase); "
        "rename it",
    ]


def test_a_source_that_links_outside_the_sources_folder_is_an_error(briefs, tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    for name in ("first-brief.md", "actors.yml"):
        (briefs / name).rename(outside / name)
        (briefs / name).symlink_to(outside / name)
    found = messages(briefs)
    assert "briefs/first-brief.md:1:1: error: this brief is a link to a file outside the sources folder: " \
           "replace the link with the file itself" in found
    assert "briefs/actors.yml:1:1: error: this file is a link to a file outside the sources folder: " \
           "replace the link with the file itself" in found
    # a link inside the folder is read as the file it leads to
    (briefs / "first-brief.md").unlink()
    (outside / "first-brief.md").rename(briefs / "original.md")
    (briefs / "first-brief.md").symlink_to("original.md")
    assert not any("first-brief.md" in m and "link" in m for m in messages(briefs))


def test_a_reused_brief_is_parsed_again_only_when_its_text_changed(project):
    """`mkdocs serve` loads the sources after every save: with `reuse`, an unchanged brief is
    the same object as before, a changed one is read again, and a run gives the same
    diagnostics as a fresh load."""
    second = project.briefs / "second-brief.md"
    second.write_text((project.briefs / "first-brief.md").read_text("utf-8")
                      .replace("date: 2022-08-01", "date: 2022-13-01", 1), "utf-8")  # an error, reused too

    def load(reuse: bool = True):
        sources, diags = load_sources(project.briefs, project.root, reuse=reuse)
        return sources, [str(d) for d in diags.sorted()]

    first_run, first_messages = load()
    assert any("second-brief.md" in m and "not a valid date" in m for m in first_messages)
    again, again_messages = load()
    assert again_messages == first_messages == load(reuse=False)[1]
    assert again.briefs["first-brief"] is first_run.briefs["first-brief"]
    project.replace("briefs/first-brief.md", "title:", "title: Changed")
    changed, changed_messages = load()
    assert changed_messages == load(reuse=False)[1]
    assert changed.briefs["first-brief"] is not first_run.briefs["first-brief"]
    assert changed.briefs["first-brief"].title.startswith("Changed")
    assert changed.briefs["second-brief"] is again.briefs["second-brief"]


def test_a_restated_brief_is_dated_as_its_source(tmp_path):
    """The brief's `date` and its `source.date` are one date written twice: when they differ, an error
    points at the first and names the second (docs/messages.md, "A restated brief's date is not its source's")."""
    project = make_project(tmp_path)
    project.replace("briefs/first-brief.md", "  date: 2022-08-01\n", "  date: 2022-07-30\n")
    _, diags = load_sources(project.briefs, project.root)
    assert [(d.pos.line, d.pos.col, d.message.split(":")[0]) for d in diags.errors] == [
        (3, 7, "date 2022-08-01 is not the date of the source it restates, source.date 2022-07-30 (line 9)")]
    project.replace("briefs/first-brief.md", "date: 2022-08-01\n", "date: 2022-07-30\n")
    assert not load_sources(project.briefs, project.root)[1].errors
