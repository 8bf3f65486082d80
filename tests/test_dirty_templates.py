"""`mkdocs serve --dirty` and the site's own templates (the theme's custom_dir): a changed
override has the pages that use it built again, and only those.

The plugin's events run as a dirty build runs them, without converting the pages to HTML:
the configuration is read again for every build and the plugin object is kept (MkDocs keeps
it between the builds of `serve`). A page is "built again" when its file says it is modified
(generated pages) or its HTML was removed (hand-written ones).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import Files, get_files
from mkdocs.structure.pages import Page

from mkdocs_briefs.plugin.dirty import DirtyBuild

CITE = '<details class="briefs-cite" id="briefs-cite"><summary>{}</summary><p>{{{{ text }}}}</p></details>\n'


class DirtyEvents:
    """One project's builds, event by event, as `mkdocs serve --dirty` runs them."""

    def __init__(self, project) -> None:
        self.project = project
        self.first = True

    def build(self) -> dict[str, bool]:
        """Run a build's events; each page's src_uri, and whether this build converts it again."""
        config = load_config(str(self.project.root / "mkdocs.yml"), site_dir=str(self.project.root / "site"))
        if self.first:
            config.plugins.on_startup(command="serve", dirty=True)
            self.first = False
        config = config.plugins.on_config(config)
        files: Files = config.plugins.on_files(get_files(config), config=config)
        built = {}
        for file in files.documentation_pages():
            dest = file.abs_dest_path
            built[file.src_uri] = file.is_modified() if file.generated_by else not _exists(dest)
            if built[file.src_uri]:
                page = Page(None, file, config)
                page.read_source(config)
                config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
                _write(dest)  # what MkDocs would write
        return built


def _exists(path: str) -> bool:
    return Path(path).is_file()


def _write(path: str) -> None:
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text("<html></html>\n", "utf-8")


@pytest.fixture
def events(project) -> Iterator[DirtyEvents]:
    project.replace("mkdocs.yml", "  name: material\n", "  name: material\n  custom_dir: overrides\n")
    project.write("overrides/briefs/cite.html", CITE.format("Cite"))
    project.write("docs/about.md", "# About\n\nNo listing here.\n")
    yield DirtyEvents(project)
    plugin = load_config(str(project.root / "mkdocs.yml")).plugins["briefs"]
    plugin.on_startup(command="build", dirty=False)  # the plugin object outlives this test in MkDocs' cache
    plugin.dirty = DirtyBuild()


def _rebuilt(built: dict[str, bool]) -> list[str]:
    return sorted(uri for uri, again in built.items() if again)


def test_a_changed_override_rebuilds_the_pages_that_use_it_and_only_those(events):
    first = events.build()
    assert all(first.values()) and "briefs/first-brief.md" in first
    assert _rebuilt(events.build()) == []  # nothing changed: nothing is built again

    # the citation is rendered while the brief's page is converted: its Markdown does not change
    events.project.write("overrides/briefs/cite.html", CITE.format("How to cite"))
    assert _rebuilt(events.build()) == ["briefs/first-brief.md"]
    assert _rebuilt(events.build()) == []

    # a block of the pages' Markdown, new in custom_dir: the pages with facts, and the listing that
    # shows the sources; not the brief (no facts), the author, the hand-written page without a listing
    events.project.write("overrides/briefs/facts.md", "<dl class=\"house-facts\">{{ rows|length }}</dl>\n")
    again = _rebuilt(events.build())
    assert {"actors/rok.md", "mechanisms/opcon-transition.md", "recommendations/widen-aperture.md",
            "series/roundtable.md"} <= set(again)
    assert not {"briefs/first-brief.md", "authors/ann-author.md", "about.md"} & set(again)

    # an override removed: the package's citation again, on the brief's page only
    (events.project.root / "overrides/briefs/cite.html").unlink()
    assert _rebuilt(events.build()) == ["briefs/first-brief.md"]


class Server:
    """What on_serve asks of MkDocs' LiveReloadServer: the folders to watch."""

    def __init__(self) -> None:
        self.watched: list[str] = []

    def watch(self, path: str) -> None:
        self.watched.append(path)


def test_serve_watches_the_sites_templates_without_watch_theme(events):
    config = load_config(str(events.project.root / "mkdocs.yml"))
    config = config.plugins.on_config(config)
    server = Server()
    server.observer = type("Observer", (), {"schedule": lambda *args, **kwargs: None})()
    try:
        config.plugins.on_serve(server, config=config, builder=None)
        assert gc.get_freeze_count() > 0  # the first build's heap is left out of cycle collections
    finally:
        gc.unfreeze()
    assert str(events.project.root / "overrides" / "briefs") in server.watched
