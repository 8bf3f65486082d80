"""`mkdocs serve` and the sources folder: watched for as long as the server runs, even when
the folder is moved away and back, or removed and made again (a checkout, a restore); and
the site's own templates in the theme's custom_dir.

MkDocs' watcher follows the folder it was given wherever it goes, and ignores events on
folders themselves: a folder moved away left the preview as it was (no error page), and a
folder made anew was never watched again. `watch_sources` adds a watch on the folder's
parent for that one name: when the folder goes or comes, it asks for a rebuild (so the
pages show the error while the folder is missing, and the site once it is back), and a
folder that came back is watched anew.

After the first build, what it left alive is kept out of Python's cycle collections
(`settle_heap`), so that the builds after each save do not walk it again and again.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import watchdog.events

from .files import log


def serving(server: Any, sources: str, template_folders: Sequence[Path]) -> None:
    """on_serve, after the first build: watch the sources folder and the site's templates, and settle the heap."""
    watch_sources(server, sources)
    watch_templates(server, template_folders)
    settle_heap()


def settle_heap() -> None:
    """Collect the first build's garbage once, then leave what is still alive out of Python's cycle
    collections (`gc.freeze`): the parsed sources, the corpus and the pages kept for the next save,
    MkDocs', the theme's and the plugins' objects. Each full collection walked all of them again (half a
    million from the plugin alone at 1,000 briefs), a quarter of the CPU of a save's build. What later saves make
    is collected as usual; what was alive then and is let go later is freed by its reference count (the
    corpus, the pages and the parsed files hold no cycles)."""
    gc.collect()
    gc.freeze()


def watch_sources(server: Any, folder: str) -> None:
    """Watch the sources `folder` (an absolute path) on MkDocs' LiveReloadServer `server`."""
    if os.path.isdir(folder):
        server.watch(folder)
    parent = os.path.dirname(folder)
    if not os.path.isdir(parent):
        return

    def on_event(event: watchdog.events.FileSystemEvent) -> None:
        paths = {os.fsdecode(event.src_path), os.fsdecode(getattr(event, "dest_path", "") or "")}
        if folder not in paths or event.event_type not in ("created", "deleted", "moved"):
            return
        if os.path.isdir(folder):  # back, perhaps as another folder: watch the one there now
            if folder in getattr(server, "_watched_paths", {}):
                server.unwatch(folder)
            server.watch(folder)
        _rebuild(server)

    handler = watchdog.events.FileSystemEventHandler()
    handler.on_any_event = on_event  # type: ignore[method-assign]
    server.observer.schedule(handler, parent, recursive=False)


def watch_templates(server: Any, folders: Sequence[Path]) -> None:
    """Watch the site's own templates (`<custom_dir>/briefs/`, or the custom_dir while it has none):
    MkDocs watches the theme only with `--watch-theme`, and a saved template should show at once."""
    for folder in folders:
        ours = folder / "briefs"
        if ours.is_dir() or folder.is_dir():
            server.watch(str(ours if ours.is_dir() else folder))


def _rebuild(server: Any) -> None:
    """Ask the server for a rebuild, as its own watches do (MkDocs 1.6 has no public call for it)."""
    condition = getattr(server, "_rebuild_cond", None)
    if condition is None:
        log.warning("this MkDocs version cannot be asked for a rebuild: save a file to rebuild the site")
        return
    with condition:
        server._want_rebuild = True
        condition.notify_all()
