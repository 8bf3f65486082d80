"""Smoke test of the benchmark harness (benchmarks/): it runs at N = 2 and prints its tables.

Only that the harness completes and prints the expected columns is checked, never a
figure: figures belong in docs/benchmarks.md, not in assertions.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

BENCHMARKS = REPO / "benchmarks"
N = 2  # enough to show the harness works; the figures come from docs/benchmarks.md runs at 100-1,000


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run([sys.executable, *args], cwd=cwd, capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc


def _table(stdout: str) -> tuple[list[str], list[list[str]]]:
    lines = [line for line in stdout.splitlines() if line.startswith("|")]
    assert len(lines) >= 3, stdout
    cells = [[cell.strip() for cell in line.strip("|").split("|")] for line in lines]
    return cells[0], cells[2:]


def _tables(stdout: str) -> list[tuple[list[str], list[list[str]]]]:
    """Each Markdown table printed, as (header, rows)."""
    blocks = re.findall(r"(?:^\|.*\n?)+", stdout, re.M)
    return [_table(block) for block in blocks]


@pytest.mark.slow
def test_generated_corpus_builds_strict(tmp_path):
    _run(str(BENCHMARKS / "generate.py"), str(N), str(tmp_path / "corpus"), cwd=tmp_path)
    assert len(list((tmp_path / "corpus" / "briefs").glob("*.md"))) == N
    _run("-m", "mkdocs", "build", "--strict", "-q", "-d", str(tmp_path / "site"), cwd=tmp_path / "corpus")
    assert (tmp_path / "site" / "briefs" / "index.html").is_file()


def test_generator_is_deterministic(tmp_path):
    for name, seed in (("a", "1"), ("b", "2")):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, str(BENCHMARKS / "generate.py"), "5", str(tmp_path / name)],
                       check=True, capture_output=True, env=env, timeout=60)
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*") if p.is_file())
    for rel in files:
        assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes(), rel


@pytest.mark.slow
def test_runner_prints_the_table(tmp_path):
    proc = _run(str(BENCHMARKS / "run.py"), str(N), "--workdir", str(tmp_path), cwd=tmp_path)
    tables = _tables(proc.stdout)
    header, rows = tables[0]
    assert header == [
        "N", "pages", "calibration CPU s", "plugin build s", "baseline build s", "ratio", "plugin CPU s",
        "baseline CPU s", "CPU ratio", "plugin peak MB", "baseline peak MB", "peak ratio", "site MB", "search index MB",
        "sources MB", "largest page", "load CPU s", "validate CPU s", "corpus CPU s", "pages CPU s", "own CPU s",
        "own % of CPU", "check s",
    ]
    assert len(rows) == 1 and rows[0][0] == str(N)
    assert all(rows[0]), rows[0]
    # every time again as a multiple of the calibration, and the plugin's own work part by part
    assert tables[1][0] == ["N", "calibration CPU s", "plugin build s", "baseline build s", "plugin CPU s",
                            "baseline CPU s", "load CPU s", "validate CPU s", "corpus CPU s", "pages CPU s",
                            "own CPU s", "check s"]
    assert tables[2][0] == ["N", "on_files", "render", "on_page_markdown", "on_page_content", "on_post_page",
                            "other", "total", "% of build CPU"]
    assert all(len(rows) == 1 and all(rows[0]) for _, rows in tables[1:]), tables
    # the C and the pure-Python YAML loaders read the corpus with the same diagnostics
    assert re.search(rf"C loader / its pure-Python loader, CPU s: N={N}: [\d.]+ / [\d.]+ \(same diagnostics\)",
                     proc.stdout), proc.stdout


@pytest.mark.slow
def test_serve_edit_prints_its_figure(tmp_path):
    proc = _run(str(BENCHMARKS / "serve_edit.py"), str(N), "--timeout", "120", "--workdir", str(tmp_path), cwd=tmp_path)
    header, rows = _table(proc.stdout)
    assert header == ["N", "command", "full build s", "serve ready s", "save to updated page s", "share of full build",
                      "server CPU per save s"]
    assert [row[:2] for row in rows] == [[str(N), "`mkdocs serve --livereload`"],
                                         [str(N), "`mkdocs serve --livereload --dirty`"]]


def test_generator_can_leave_addressees_unnamed_for_checks_hints(tmp_path):
    hints = {}
    for share in ("0", "0.3"):
        project = tmp_path / share
        _run(str(BENCHMARKS / "generate.py"), "5", str(project), "--unnamed-addressees", share, cwd=tmp_path)
        check = subprocess.run([sys.executable, "-m", "mkdocs_briefs.cli", "check"], cwd=project,
                               capture_output=True, text=True, timeout=120)
        hints[share] = [line for line in check.stdout.splitlines() if ": hint: " in line and "addressed to" in line]
    assert hints["0"] == []
    assert len(hints["0.3"]) >= 3


@pytest.mark.slow
def test_check_times_prints_its_table(tmp_path):
    result = subprocess.run([sys.executable, str(BENCHMARKS / "check_times.py"), "20", "--workdir", str(tmp_path)],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    header, _, row = result.stdout.strip().splitlines()[-3:]
    assert "check FILE × cal" in header and row.startswith("| 20 | ")


def test_generator_writes_about_u_updates_per_recommendation_and_leaves_the_briefs_alone(tmp_path):
    import statistics

    from mkdocs_briefs import pipeline

    plain, tracked = tmp_path / "plain", tmp_path / "tracked"
    _run(str(BENCHMARKS / "generate.py"), "6", str(plain), cwd=tmp_path)
    _run(str(BENCHMARKS / "generate.py"), "6", str(tracked), "--updates", "3", cwd=tmp_path)
    briefs = sorted(p.name for p in (plain / "briefs").iterdir() if p.is_file())
    assert all((plain / "briefs" / n).read_bytes() == (tracked / "briefs" / n).read_bytes() for n in briefs)
    assert not (plain / "briefs" / "updates").exists()
    outcome = pipeline.run(tracked / "briefs", tracked)
    assert not outcome.diagnostics.errors and not outcome.diagnostics.warnings
    tracks = outcome.corpus.tracks.values()
    assert 2.5 <= statistics.mean(len(t.timeline) for t in tracks) <= 3.5
    assert {t.status for t in tracks} >= {"under-way", "partly-done", "done"}
    assert any(step.backwards for t in tracks for step in t.timeline)


def test_annotation_scale_prints_a_row_per_count(tmp_path):
    out = _run(str(BENCHMARKS / "annotation_scale.py"), "100", "200", cwd=tmp_path).stdout.splitlines()
    assert out[0].split() == ["annotations", "seconds", "µs", "each"]
    assert [line.split()[0] for line in out[1:]] == ["100", "200"]


@pytest.mark.slow
def test_edit_times_and_dirty_builds_print_a_row_per_edit(tmp_path):
    for script, first in (("edit_times.py", "run"), ("dirty_builds.py", "build")):  # one edit of each kind
        proc = _run(str(BENCHMARKS / script), str(N), "--updates", "1", "--workdir", str(tmp_path / script), cwd=tmp_path)
        header, rows = _table(proc.stdout)
        assert header[:2] == [first, "CPU s"], proc.stdout
        assert [row[0] for row in rows][:2] == [f"first {first}", "after: brief text"], proc.stdout
