"""CPU time of `mkdocs-briefs check`, and of the plugin's own pipeline again after one edit.

    python benchmarks/check_times.py [N ...] [--workdir DIR] [--unannotate F]

For each N, generates the corpus (generate.py), then prints one table row:

- `calibration CPU s`: plain Python-Markdown converting the bodies of the first 150 briefs, in
  this process, measured just before the checks: a machine twice as slow (or twice as busy)
  doubles it as it doubles the others, so compare the `× cal` columns between machines;
- `check CPU s`: `mkdocs-briefs check` of the whole corpus, hints included, in a process of
  its own (user + system time of that process, Python's start included);
- `check FILE CPU s`: `mkdocs-briefs check briefs/<one brief>.md`, what a pull request that
  changes one brief asks for;
- `load / validate / hints CPU s`: the same steps in this process, each on its own;
- `pipeline CPU s` and `after one edit CPU s`: what the plugin's `on_files` runs (load, validate,
  corpus, pages, exports) on the whole corpus, and again after one brief's text changed, as
  `mkdocs serve` does after a save (briefs whose text did not change are not parsed again, and
  the pages whose inputs did not change are not written again: incremental.py; edit_times.py
  times more kinds of edit).

`--unannotate F` turns a share F of the actor annotations of the generated briefs back into
plain names, so that `check` has hints to give (the generated corpus has none).
"""

from __future__ import annotations

import argparse
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate  # noqa: E402

_ACTOR_LINK = re.compile(r"\[([^\]]+)\]\(actor:[a-z0-9-]+\)")


def unannotate(briefs: Path, share: float, seed: int = 1) -> None:
    rng = random.Random(seed)
    for path in sorted(briefs.glob("*.md")):
        text = path.read_text("utf-8")
        head, sep, body = text.partition("\n---\n")
        body = _ACTOR_LINK.sub(lambda m: m.group(1) if rng.random() < share else m.group(0), body)
        path.write_text(head + sep + body, "utf-8")


def calibrate(briefs: Path) -> float:
    """CPU seconds of plain Python-Markdown converting the bodies of the first 150 briefs."""
    import markdown

    bodies = [path.read_text("utf-8").split("\n---\n", 1)[-1] for path in sorted(briefs.glob("*.md"))[:150]]
    md = markdown.Markdown(extensions=["attr_list", "md_in_html", "toc", "tables"])
    start = time.process_time()
    for body in bodies:
        md.reset().convert(body)
    return time.process_time() - start


def check_cpu(project: Path, *paths: str) -> tuple[float, str]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    proc = subprocess.run([sys.executable, "-m", "mkdocs_briefs.cli", "check", *(paths or ["briefs"])], cwd=project,
                          capture_output=True, text=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, proc.stdout.strip().splitlines()[-1]


def cpu_of(call):
    start = time.process_time()
    result = call()
    return time.process_time() - start, result


def measure(n: int, workdir: Path, share: float) -> dict[str, str]:
    from mkdocs_briefs import pipeline
    from mkdocs_briefs.hints import find_hints
    from mkdocs_briefs.load import load_sources
    from mkdocs_briefs.validate import validate

    project = workdir / f"n{n}"
    generate.generate(n, project)
    briefs = project / "briefs"
    if share:
        unannotate(briefs, share)
    cal = calibrate(briefs)
    check, summary = check_cpu(project)
    one = sorted(briefs.glob("*.md"))[n // 2].relative_to(project).as_posix()
    check_one, _ = check_cpu(project, one)
    load, (sources, _) = cpu_of(lambda: load_sources(briefs, project))
    valid, _ = cpu_of(lambda: validate(sources))
    hints, found = cpu_of(lambda: find_hints(sources))
    full, first = cpu_of(lambda: pipeline.run(briefs, project, reuse=True))
    edited = sorted(briefs.glob("*.md"))[n // 2]
    edited.write_text(edited.read_text("utf-8") + "\nOne more sentence, as an editor's save adds.\n", "utf-8")
    again, outcome = cpu_of(lambda: pipeline.run(briefs, project, reuse=True, previous=first.written))
    assert not outcome.diagnostics.errors, outcome.diagnostics.errors[:5]
    return {"N": str(n), "calibration CPU s": f"{cal:.2f}", "check CPU s": f"{check:.2f}",
            "check × cal": f"{check / cal:.2f}", "check FILE CPU s": f"{check_one:.2f}",
            "check FILE × cal": f"{check_one / cal:.2f}", "check says": summary.removeprefix("briefs: "),
            "load CPU s": f"{load:.2f}", "validate CPU s": f"{valid:.2f}", "hints CPU s": f"{hints:.2f}",
            "pipeline CPU s": f"{full:.2f}", "after one edit CPU s": f"{again:.2f}"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, nargs="*", default=[1000])
    parser.add_argument("--workdir", type=Path, help="where to write the corpora (default: a temporary folder)")
    parser.add_argument("--unannotate", type=float, default=0.0, metavar="F",
                        help="share of actor annotations written as plain names (default 0)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        workdir = args.workdir or Path(tmp)
        rows = [measure(n, workdir, args.unannotate) for n in args.n]
    header = list(rows[0])
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join("---:" for _ in header) + "|")
    for row in rows:
        print("| " + " | ".join(row[h] for h in header) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
