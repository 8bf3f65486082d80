"""The pages written again after a save (incremental.py): after an edit of each kind, the pipeline
run with the last run's pages gives every page byte for byte as a run from scratch does, and
keeps most pages when the edit is local.

Pipeline runs only (no MkDocs build), on a small generated corpus with updates: the edits follow
one another, each run given the last one's outcome, as `mkdocs serve` runs them.
"""

from __future__ import annotations

import datetime
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import REPO

from mkdocs_briefs import pipeline
from mkdocs_briefs.incremental import Written
from mkdocs_briefs.kinds import DEFAULT_FOLDERS, KINDS
from mkdocs_briefs.load import load_sources
from mkdocs_briefs.settings import Limits, Settings

sys.path.insert(0, str(REPO / "benchmarks"))
import generate  # noqa: E402

TODAY = datetime.date(2026, 11, 1)
SMALL_PAGES = Settings(limits=Limits(briefs_page_size=2, table_page_size=3, explorer_page_size=6))
"""Indexes of several pages even for a few briefs, so that the later pages kept are compared too."""


def _field(path: Path, entry: str, key: str) -> str:
    """The line `  key: value` of an entry in a generated registry."""
    text = path.read_text("utf-8")
    block = text[text.index(f"\n{entry}:\n"):]
    return re.search(rf"^  {key}: .*$", block, re.M)[0]


def _first_entry(path: Path, after: int = 0) -> str:
    return re.findall(r"^([a-z0-9-]+):$", path.read_text("utf-8"), re.M)[after]


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), "utf-8")


def _edits(briefs: Path) -> dict[str, tuple[Callable[[], None], bool | None]]:
    """Each edit, and whether some pages should be kept after it (False: every page is written again;
    None: either, as long as the pages are right)."""
    files = sorted(briefs.glob("*.md"))
    brief, other = files[0], files[len(files) // 2]
    updates = sorted((briefs / "updates").rglob("*.md"))
    update = next(u for u in updates if "status: " in u.read_text("utf-8"))
    actor, mechanism = _first_entry(briefs / "actors.yml"), _first_entry(briefs / "mechanisms.yml")
    actors = re.findall(r"^([a-z0-9-]+):$", (briefs / "actors.yml").read_text("utf-8"), re.M)
    addressee = re.search(r"addressed_to: \[([a-z0-9-]+)", other.read_text("utf-8"))[1]
    replacement = next(a for a in actors if a != addressee)

    def passage() -> None:  # a word added to the paragraph of a recommendation's annotation
        text = other.read_text("utf-8")
        other.write_text(re.sub(r"\[([^\]\n]+)\]\(rec:", r"Indeed [\1](rec:", text, count=1), "utf-8")

    def wording() -> None:  # the text of a link to an actor
        text = other.read_text("utf-8")
        other.write_text(re.sub(r"\[([^\]\n]+)\]\(actor:", r"[\1 itself](actor:", text, count=1), "utf-8")

    def registry(name: str, entry: str, key: str, value: str) -> Callable[[], None]:
        path = briefs / f"{name}.yml"
        return lambda: _replace(path, _field(path, entry, key), f"  {key}: {json.dumps(value)}")

    return {
        "a brief's text": (lambda: _replace(brief, "\n## ", "\nA sentence added to the text.\n\n## "), True),
        "a line above a brief's front matter": (lambda: _replace(brief, "---\n", "---\n# A note to editors.\n"), True),
        "a line atop a registry": (lambda: _replace(briefs / "actors.yml", "# ", "# A line more.\n# "), True),
        "a recommendation's passage": (passage, True),
        "a mention added to a brief": (lambda: other.write_text(other.read_text("utf-8") + f"\nAs [they](actor:{actor})"
                                                                " said.\n", "utf-8"), True),
        "a mention's wording": (wording, True),
        "an update's text": (lambda: update.write_text(update.read_text("utf-8") + "\nA sentence more.\n", "utf-8"),
                             True),
        "a brief's title": (lambda: _replace(brief, "title: ", "title: Retitled "), True),
        "a brief's summary": (lambda: _replace(brief, 'summary: "', 'summary: "Summarised again. '), True),
        "a recommendation's statement": (lambda: _replace(other, 'statement: "', 'statement: "Restated. '), True),
        "a recommendation's title": (lambda: _replace(other, '    title: "', '    title: "Newly '), True),
        "a recommendation's addressee": (lambda: _replace(other, f"addressed_to: [{addressee}",
                                                          f"addressed_to: [{replacement}"), True),
        "an update's status": (lambda: _replace(update, re.search(r"status: [a-z-]+", update.read_text("utf-8"))[0],
                                                "status: done"), True),
        "an update's title": (lambda: _replace(update, 'title: "', 'title: "Newly '), True),
        "an actor's description": (registry("actors", actor, "description", "A new description."), True),
        "a mechanism's description": (registry("mechanisms", mechanism, "description", "Described anew."), True),
        "an author's affiliation": (registry("authors", _first_entry(briefs / "authors.yml"), "affiliation",
                                             "Fellow, Elsewhere"), True),
        "a series' description": (lambda: _replace(briefs / "series.yml", "  description: ",
                                                   "  description: A series described. "), True),
        "an actor's name": (registry("actors", actor, "name", "Republic of Renamed"), False),
        "a brief's date": (lambda: brief.write_text(re.sub(r"^( *)date: 20", r"\1date: 19", brief.read_text("utf-8"),
                                                           flags=re.M), "utf-8"), None),
        "a new brief": (lambda: (briefs / "zz-new.md").write_text(brief.read_text("utf-8").replace(
            "id: ", "id: zz-"), "utf-8"), False),
    }


TEXT_ONLY = {"a brief's text": 1, "a line above a brief's front matter": 1, "a line atop a registry": 0,
             "a recommendation's passage": 2, "a mention added to a brief": 2, "a mention's wording": 3,
             "an update's text": 1}
"""The edits that change only where things are written, or a brief's or an update's text: the entity pages
written again at most (the brief's or update's own; the recommendation whose passage changed, the actor
whose mentions changed); the pages made from the whole archive are the last run's."""
WHOLE = (*(DEFAULT_FOLDERS.page_uri(kind) for kind in KINDS), "tracker/index.md", "matrix/index.md",
         "matrix/groups.md", "map/index.md")


def _run(briefs: Path, previous: Written | None) -> pipeline.Outcome:
    outcome = pipeline.run(briefs, briefs.parent, reuse=True, today=TODAY, previous=previous, settings=SMALL_PAGES)
    assert not outcome.diagnostics.errors, outcome.diagnostics.errors[:3]
    return outcome


def _pages(outcome: pipeline.Outcome) -> list[tuple[str, str, str | None, bool]]:
    return [(p.src_uri, p.markdown, p.source, p.in_nav) for p in outcome.pages]


@pytest.fixture(scope="module")
def briefs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("incremental")
    generate.generate(4, root, updates=1)
    return root / "briefs"


def test_after_each_edit_the_pages_kept_and_written_are_those_written_from_scratch(briefs):
    last = _run(briefs, None)
    assert last.written is not None and last.written.reason == "first run"
    kept: dict[str, int] = {}
    kept_index: dict[str, int] = {}
    for what, (edit, local) in _edits(briefs).items():
        edit()
        again = _run(briefs, last.written)
        fresh = _run(briefs, None)
        assert _pages(again) == _pages(fresh), what
        assert again.exports == fresh.exports, what
        assert again.written is not None
        entity_pages = len(again.written.by_entity)
        kept[what] = entity_pages - again.written.rewritten
        previous_pages = {p.src_uri: p for p in last.pages}
        kept_index[what] = sum(1 for p in again.pages if "/page/" in p.src_uri and p is previous_pages.get(p.src_uri))
        if local:
            assert again.written.reason == "", (what, again.written.reason)
            assert kept[what] > 0, (what, entity_pages)
        if what in TEXT_ONLY:
            assert again.written.rewritten <= TEXT_ONLY[what], (what, again.written.rewritten)
            pages = {p.src_uri: p for p in again.pages}
            assert all(pages[uri] is previous_pages[uri] for uri in WHOLE), what
            assert again.corpus is not None and last.corpus is not None
            kept_tracks = sum(track is last.corpus.tracks.get(id_) for id_, track in again.corpus.tracks.items())
            assert kept_tracks >= len(again.corpus.tracks) // 2, what  # those of recommendations not read again
        elif local is False:
            assert again.written.reason, what
            assert kept[what] == 0, what
        last = again
    print(kept, kept_index)
    assert kept_index["a brief's text"] > 0  # later pages of the indexes are kept too
    plain = pipeline.run(briefs, briefs.parent, today=TODAY, settings=SMALL_PAGES)  # without `reuse`: corpus.json indented in one go
    assert plain.exports == last.exports


def test_nothing_changed_keeps_every_entity_page(briefs):
    first = _run(briefs, None)
    again = _run(briefs, first.written)
    assert again.written is not None and again.written.rewritten == 0
    assert _pages(again) == _pages(first)
    twice = _run(briefs, first.written)  # its index of names now belongs to `again`: not a previous run any more
    assert twice.written is not None and twice.written.reason and _pages(twice) == _pages(first)


def test_other_settings_or_another_day_write_every_page(briefs):
    first = _run(briefs, None)
    later = pipeline.run(briefs, briefs.parent, reuse=True, today=TODAY + datetime.timedelta(days=1),
                         previous=first.written, settings=SMALL_PAGES)
    assert later.written is not None and later.written.reason and later.written.rewritten == len(
        later.written.by_entity)


def test_a_registry_read_again_reports_its_problems_again(tmp_path):
    generate.generate(2, tmp_path)
    briefs = tmp_path / "briefs"
    with open(briefs / "actors.yml", "a", encoding="utf-8") as f:
        f.write("\nbadly-described:\n  nme: A misspelt field\n")
    first = load_sources(briefs, tmp_path, reuse=True)[1]
    again = load_sources(briefs, tmp_path, reuse=True)[1]  # the registry's text is the same: not parsed again
    assert first.errors and [str(d) for d in again.items] == [str(d) for d in first.items]


def test_a_one_off_build_writes_the_same_pages_and_keeps_nothing_for_a_next_run(briefs):
    served = _run(briefs, None)
    built = pipeline.run(briefs, briefs.parent, today=TODAY, settings=SMALL_PAGES)  # mkdocs build: no reuse
    assert built.written is None and served.written is not None
    assert _pages(built) == _pages(served) and built.exports == served.exports


def test_a_text_problem_in_a_file_not_read_again_is_reported_again_and_gone_once_fixed(tmp_path):
    generate.generate(2, tmp_path)
    briefs = tmp_path / "briefs"
    brief = sorted(briefs.glob("*.md"))[0]
    _replace(brief, 'title: "', 'title: "\u202e')  # a bidirectional control: an error
    runs = [pipeline.run(briefs, tmp_path, reuse=True, pages=False) for _ in range(2)]  # the second parses nothing
    first, again = ([str(d) for d in run.diagnostics.errors] for run in runs)
    assert first and again == first and "bidirectional control" in first[0]
    _replace(brief, 'title: "\u202e', 'title: "')
    assert not pipeline.run(briefs, tmp_path, reuse=True, pages=False).diagnostics.errors
