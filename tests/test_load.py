"""Loading the sources without MkDocs: positions survive what editors' tools do to files."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Project
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
