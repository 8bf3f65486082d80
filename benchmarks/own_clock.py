"""`mkdocs build` with a clock on everything the briefs plugin does during it.

    python benchmarks/own_clock.py TIMES.json [mkdocs build options]

Runs `mkdocs build` in this process after wrapping each event method of the plugin
(`on_files` with the whole pipeline in it, `on_nav`, `on_page_markdown`, `on_page_content`
with the sanitiser, `on_post_page`...) and the tree processors of the annotation-link extension
(render.py: resolving links, keeping ids unique) that Python-Markdown runs on each page, the extension's
set-up for each page, and what MkDocs asks of a generated file (`files`: whether it changed, writing an
export), and writes their CPU seconds (`time.process_time()`) to TIMES.json, by name. A clocked call
inside another counts in the outer one only, so their sum is the plugin's own work in the build.
The wrappers cost about a microsecond a call.
"""

from __future__ import annotations

import functools
import inspect
import json
import sys
import time
from collections import defaultdict
from collections.abc import Callable

TOTALS: defaultdict[str, float] = defaultdict(float)


DEPTH = [0]
"""How many clocked calls are running: a clocked call inside another (a generated file's `release`
in `on_page_markdown`) is counted in the outer one only."""


def clocked(name: str, method: Callable) -> Callable:
    @functools.wraps(method)
    def wrapper(*args, **kwargs):
        if DEPTH[0]:
            return method(*args, **kwargs)
        DEPTH[0] += 1
        start = time.process_time()
        try:
            return method(*args, **kwargs)
        finally:
            TOTALS[name] += time.process_time() - start
            DEPTH[0] -= 1

    return wrapper


def main(argv: list[str]) -> int:
    from markdown.treeprocessors import Treeprocessor
    from mkdocs.__main__ import cli
    from mkdocs.plugins import CombinedEvent

    from mkdocs_briefs import plugin, render
    from mkdocs_briefs.plugin import files

    out, options = argv[0], argv[1:]
    for name, value in list(vars(plugin.BriefsPlugin).items()):
        if name.startswith("on_") and inspect.isfunction(value):
            setattr(plugin.BriefsPlugin, name, clocked(name, value))
        elif isinstance(value, CombinedEvent):  # an event made of several methods, each with its priority
            value.methods = tuple(clocked(name, method) for method in value.methods)
    for value in list(vars(render).values()):  # the link resolver and the other tree processors of the extension
        if isinstance(value, type) and issubclass(value, Treeprocessor) and value is not Treeprocessor:
            value.run = clocked("render", value.run)  # type: ignore[method-assign]
    # the extension set up for each page (MkDocs makes a Markdown instance a page)
    render.AnnotationLinks.extendMarkdown = clocked("render", render.AnnotationLinks.extendMarkdown)  # type: ignore[method-assign]
    for name in ("is_modified", "release", "copy_file"):  # what MkDocs asks of a generated file; copy_file: an export
        setattr(files.GeneratedFile, name, clocked("files", getattr(files.GeneratedFile, name)))
    try:
        cli.main(args=["build", *options], standalone_mode=False)
    finally:
        with open(out, "w", encoding="utf-8") as f:
            json.dump(dict(sorted(TOTALS.items())), f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
