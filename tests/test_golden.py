"""Golden files: sources in, the Markdown of every generated page and every export out.

For each case in tests/golden/, the pipeline (load -> validate -> corpus -> pages) runs on
the case's sources and each page must equal, byte for byte, the file kept under
`tests/golden/<case>/expected/` (pages by their docs path, like `actors/rok.md`; exports by
their site path, like `data/corpus.json`). A reader sees input and output side by side.

- `minimal`: the small fixture project (tests/fixtures/minimal), one page of every kind;
- `shipped`: a frozen copy of the repository's own briefs, so editors' changes to briefs/
  never break this test, with five of its updates (two steps backwards to stalled, an update
  with two sources and a note that sets no status), so that update pages, timelines and the
  tracker are golden-tested too.

After an intended change to what pages say, write the files again and review the diff:

    .venv/bin/python -m pytest tests/test_golden.py --update-golden
    git diff tests/golden
"""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest

from mkdocs_briefs import pipeline

GOLDEN = Path(__file__).parent / "golden"
CASES = {
    "minimal": Path(__file__).parent / "fixtures" / "minimal",
    "shipped": GOLDEN / "shipped" / "sources",
}


def generated(sources: Path) -> dict[str, str]:
    """Every file the pipeline makes from `sources`, by its path under expected/."""
    outcome = pipeline.run(sources, sources.parent)
    assert not outcome.diagnostics.errors, "\n".join(map(str, outcome.diagnostics.errors))
    files = {f"pages/{p.src_uri}": p.markdown for p in outcome.pages}
    files |= {f"exports/{path}": text for path, text in outcome.exports.items()}
    files["pages.txt"] = "".join(f"{p.src_uri} in_nav={p.in_nav} source={p.source}\n" for p in outcome.pages)
    return files


@pytest.mark.parametrize("case", CASES)
def test_generated_pages_match_the_golden_files(case: str, request: pytest.FixtureRequest) -> None:
    expected_dir = GOLDEN / case / "expected"
    files = generated(CASES[case])
    if request.config.getoption("--update-golden"):
        shutil.rmtree(expected_dir, ignore_errors=True)
        for path, text in files.items():
            (expected_dir / path).parent.mkdir(parents=True, exist_ok=True)
            (expected_dir / path).write_text(text, "utf-8", newline="")
    kept = {p.relative_to(expected_dir).as_posix() for p in expected_dir.rglob("*") if p.is_file()}
    assert kept, f"no golden files in {expected_dir}: run pytest with --update-golden"
    assert sorted(files) == sorted(kept), "pages added or gone: run pytest with --update-golden and review git diff"
    differences = []
    for path, text in files.items():
        golden = (expected_dir / path).read_bytes().decode("utf-8")
        if text != golden:
            diff = difflib.unified_diff(golden.splitlines(), text.splitlines(), f"golden/{path}", "generated",
                                        lineterm="", n=1)
            differences.append("\n".join(list(diff)[:30]))
    assert not differences, "\n\n".join(differences[:5]) + f"\n\n{len(differences)} files differ"


def test_every_kind_of_page_has_a_golden_file() -> None:
    """The minimal case covers each page type, so a change to any of them shows in its diff."""
    kept = {p.relative_to(GOLDEN / "minimal" / "expected" / "pages").as_posix()
            for p in (GOLDEN / "minimal" / "expected" / "pages").rglob("*.md")}
    folders = {path.split("/")[0] for path in kept}
    assert {"briefs", "recommendations", "actors", "mechanisms", "authors", "series", "matrix", "map"} <= folders
    assert all(f"{folder}/index.md" in kept for folder in ("briefs", "recommendations", "actors", "mechanisms"))


def test_the_shipped_case_has_update_pages_and_the_tracker() -> None:
    pages = GOLDEN / "shipped" / "expected" / "pages"
    updates = {p.stem for p in (GOLDEN / "shipped" / "sources" / "updates").glob("*.md")}
    assert len(updates) >= 3
    assert {p.stem for p in (pages / "updates").glob("*.md")} == updates | {"index"}
    assert (pages / "tracker" / "index.md").is_file()
