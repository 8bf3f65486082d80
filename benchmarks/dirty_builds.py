"""CPU time of the whole build `mkdocs serve --dirty` makes after a save, edit by edit.

    python benchmarks/dirty_builds.py [N] [--updates U] [--workdir DIR] [--profile KIND] [--saves K]

Generates the corpus of N briefs (generate.py; default 1,000), then builds it in this process as
`mkdocs serve --dirty` does (the configuration read again for every build, the plugin object kept,
`build(config, dirty=True)`, the first build's heap settled as the plugin's on_serve settles it): once
from scratch, then after each edit of benchmarks/edit_times.py.
Prints the CPU seconds of each build: everything MkDocs, Material, the search plugin and this
plugin do after a save, without the server's file watcher and the browser's reload.
`--profile KIND` prints a cProfile of the build after that edit. `--saves K` makes K saves of a
brief's text instead (a sentence added to a different brief each time, as an editor's saves do),
and prints the CPU seconds of each build and their median.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate  # noqa: E402
from edit_times import edits  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, nargs="?", default=1000)
    parser.add_argument("--updates", type=float, default=0.0, help="updates per recommendation (generate.py)")
    parser.add_argument("--workdir", type=Path, help="where to write the corpus (default: a temporary folder)")
    parser.add_argument("--profile", metavar="KIND", help="print a profile of the build after this edit")
    parser.add_argument("--saves", type=int, default=0, metavar="K", help="K saves of a brief's text instead")
    args = parser.parse_args(argv)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        project = (args.workdir or Path(tmp)) / f"n{args.n}"
        generate.generate(args.n, project, updates=args.updates)

        def once(what: str, first: bool = False, profile: bool = False) -> None:
            config = load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site"))
            if first:
                config.plugins.on_startup(command="serve", dirty=True)
            profiler = cProfile.Profile() if profile else None
            start = time.process_time()
            if profiler:
                profiler.enable()
            build(config, dirty=True)
            if profiler:
                profiler.disable()
            rows.append((what, time.process_time() - start))
            if first:  # what `mkdocs serve` does after its first build (on_serve)
                from mkdocs_briefs.plugin.serve import settle_heap
                settle_heap()
            if profiler:
                pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)

        once("first build", first=True)
        for what, edit in (_saves(project / "briefs", args.saves) if args.saves else edits(project / "briefs")).items():
            edit()
            once(f"after: {what}", profile=what == args.profile)
    print(f"N = {args.n:,}, updates {args.updates}")
    print("| build | CPU s |\n|---|--:|")
    for what, cpu in rows:
        print(f"| {what} | {cpu:.2f} |")
    if args.saves:
        print(f"median of the {args.saves} saves: {statistics.median(cpu for _, cpu in rows[1:]):.2f} CPU s")
    return 0


def _saves(briefs: Path, k: int) -> dict[str, object]:
    """K saves of a brief's text: a sentence added to a different brief each time."""
    files = sorted(briefs.glob("*.md"))

    def save(i: int) -> None:
        brief = files[(len(files) // 2 + i) % len(files)]
        text = brief.read_text("utf-8")
        brief.write_text(text.replace("\n## ", f"\nOne more sentence ({i}), as an editor's save adds.\n\n## ", 1),
                         "utf-8")
    return {f"a brief's text ({i + 1})": (lambda i=i: save(i)) for i in range(k)}


if __name__ == "__main__":
    sys.exit(main())
