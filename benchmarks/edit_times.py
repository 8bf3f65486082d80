"""CPU time of the plugin's pipeline after one save, edit by edit, as `mkdocs serve` runs it.

    python benchmarks/edit_times.py [N] [--updates U] [--workdir DIR] [--profile KIND]

Generates the corpus of N briefs (generate.py; default 1,000, with `--updates U` updates), runs
the pipeline once from scratch (what the plugin's `on_files` runs: load, validate, corpus, pages,
exports), then makes one edit of each kind below, each followed by a run given the last run's
outcome (`pipeline.run(..., previous=...)`, incremental.py), and prints one row per run: the CPU
seconds of the run, of its steps, how many entity pages it wrote again and why it wrote them all
(if it did). A last row times a run after the last edit without the previous outcome: every page
written, as before incremental pages. `--profile KIND` prints a cProfile of the run after that edit.

Edits: a brief's text (one sentence added), a recommendation's statement, an update's status (with
updates), an actor's description, an actor's name (every page is written again).
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import re
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate  # noqa: E402

STEPS = ("load_sources", "validate", "build_corpus", "write_pages", "export_files")


def _replace(path: Path, pattern: str, new: str) -> None:
    text = path.read_text("utf-8")
    changed = re.sub(pattern, new, text, count=1, flags=re.M)
    assert changed != text, (path, pattern)
    path.write_text(changed, "utf-8")


def edits(briefs: Path) -> dict[str, object]:
    files = sorted(briefs.glob("*.md"))
    brief = files[len(files) // 2]
    updates = sorted((briefs / "updates").rglob("*.md")) if (briefs / "updates").is_dir() else []
    update = next((u for u in updates if "status: " in u.read_text("utf-8")), None)
    actor = re.findall(r"^([a-z0-9-]+):$", (briefs / "actors.yml").read_text("utf-8"), re.M)[-1]
    found = {
        "brief text": lambda: _replace(brief, r"^## ", "One more sentence, as an editor's save adds.\n\n## "),
        "rec statement": lambda: _replace(brief, r'statement: "', 'statement: "Restated. '),
        "update status": (lambda: _replace(update, r"status: [a-z-]+", "status: done")) if update else None,
        "actor description": lambda: _replace(briefs / "actors.yml", rf"^{actor}:\n(  .*\n)*?  description: ",
                                              lambda m: m[0] + "Described anew. "),  # type: ignore[arg-type]
        "actor name": lambda: _replace(briefs / "actors.yml", rf"^({actor}:\n(  .*\n)*?)  name: \"",
                                       r'\1  name: "Renamed '),
    }
    return {k: v for k, v in found.items() if v is not None}


class StepClock:
    """CPU seconds spent in each of the pipeline's steps (STEPS), by wrapping them where pipeline.py finds them."""

    def __init__(self) -> None:
        from mkdocs_briefs import corpus, export, incremental, load, pipeline, validate

        self.spent: dict[str, float] = dict.fromkeys(STEPS, 0.0)
        homes = {"load_sources": (pipeline, load), "validate": (pipeline, validate), "build_corpus": (corpus,),
                 "write_pages": (incremental,), "export_files": (export,)}
        for name, modules in homes.items():
            for module in modules:
                setattr(module, name, self._timed(name, getattr(module, name)))

    def _timed(self, name: str, call):
        def timed(*args, **kwargs):
            start = time.process_time()
            try:
                return call(*args, **kwargs)
            finally:
                self.spent[name] += time.process_time() - start
        return timed

    def take(self) -> dict[str, float]:
        spent, self.spent = self.spent, dict.fromkeys(STEPS, 0.0)
        return spent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, nargs="?", default=1000)
    parser.add_argument("--updates", type=float, default=0.0, help="updates per recommendation (generate.py)")
    parser.add_argument("--workdir", type=Path, help="where to write the corpus (default: a temporary folder)")
    parser.add_argument("--profile", metavar="KIND", help="print a profile of the run after this edit")
    args = parser.parse_args(argv)
    from mkdocs_briefs import pipeline

    clock = StepClock()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        project = (args.workdir or Path(tmp)) / f"n{args.n}"
        generate.generate(args.n, project, updates=args.updates)
        briefs = project / "briefs"

        def run(what: str, previous, profile: bool = False):
            profiler = cProfile.Profile() if profile else None
            start = time.process_time()
            if profiler:
                profiler.enable()
            outcome = pipeline.run(briefs, project, reuse=True, previous=previous)
            if profiler:
                profiler.disable()
            cpu = time.process_time() - start
            assert not outcome.diagnostics.errors, outcome.diagnostics.errors[:3]
            written = outcome.written
            rows.append((what, cpu, clock.take(), f"{written.rewritten:,} of {len(written.by_entity):,}",
                         written.reason))
            if profiler:
                pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
            return outcome

        last = run("first run", None)
        for what, edit in edits(briefs).items():
            edit()
            last = run(f"after: {what}", last.written, profile=what == args.profile)
        run("the same, every page written (no previous run)", None)
    print(f"N = {args.n:,}, updates {args.updates}: {len(last.pages):,} pages")
    print("| run | CPU s | " + " | ".join(STEPS) + " | entity pages written | why all |")
    print("|---|--:|" + "--:|" * len(STEPS) + "--:|---|")
    for what, cpu, steps, written, reason in rows:
        print(f"| {what} | {cpu:.2f} | " + " | ".join(f"{steps[s]:.2f}" for s in STEPS) + f" | {written} | {reason} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
