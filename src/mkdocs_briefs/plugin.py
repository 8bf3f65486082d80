"""The MkDocs plugin: wires MkDocs' events to the pipeline and does nothing else.

    on_startup  note whether this is `mkdocs serve`
    on_config   register the annotation-link extension and the stylesheet
    on_files    load -> validate -> corpus -> pages, added as generated files
                (while serving, sources with errors give error pages instead)
    on_nav      keep the navigation small: section indexes only, in a fixed order
    on_page_markdown   tell the extension which page it is converting
    on_serve    watch the sources folder
"""

from __future__ import annotations

import os
import posixpath
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from .corpus import Corpus, build_corpus
from .diagnostics import Diagnostics
from .load import load_sources
from .pages import SECTIONS, GeneratedPage, error_page, generate_pages, page_uri
from .render import AnnotationLinks
from .validate import validate

log = get_plugin_logger("briefs")

ASSETS = "assets/briefs"
"""Where the package's stylesheets and scripts (src/mkdocs_briefs/assets/) are published."""
REQUIRED_EXTENSIONS = ("attr_list", "def_list", "md_in_html", "tables")


class BriefsConfig(base.Config):
    sources = c.Dir(exists=False, default="briefs")
    """Folder of the briefs and registries, relative to mkdocs.yml."""


class BriefsPlugin(BasePlugin[BriefsConfig]):
    def __init__(self) -> None:
        self.links = AnnotationLinks(on_unknown=self._unknown_link)
        self.corpus: Corpus | None = None
        self.serving = False
        self.page_uris: list[str] = []
        """Pages of the last good build: while serving, each shows the errors until they are fixed."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        for name in REQUIRED_EXTENSIONS:
            if name not in config.markdown_extensions:
                config.markdown_extensions.append(name)
        config.markdown_extensions.append(self.links)
        for name in _assets(".css"):
            if f"{ASSETS}/{name}" not in config.extra_css:
                config.extra_css.append(f"{ASSETS}/{name}")
        for name in _assets(".js"):
            if f"{ASSETS}/{name}" not in config.extra_javascript:
                config.extra_javascript.append(f"{ASSETS}/{name}")
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        root = Path(config.config_file_path or ".").parent
        docs_dir = Path(config.docs_dir)
        sources, diags = load_sources(Path(self.config.sources), root)
        diags.extend(validate(sources))
        _log(diags)
        if diags.errors and self.serving:
            log.error(_summary(diags) + "; the pages show them until they are fixed")
            pages = [GeneratedPage(uri, error_page(diags.errors)) for uri in self.page_uris or [page_uri(k) for k in SECTIONS]]
        elif diags.errors:
            raise PluginError(_summary(diags) + ": fix them and build again")
        else:
            self.corpus = self.links.corpus = build_corpus(sources)
            pages = generate_pages(self.corpus)
            self.page_uris = [p.src_uri for p in pages]
        for page in pages:
            if files.get_file_from_path(page.src_uri) is not None:
                shown = Path(os.path.relpath(docs_dir / page.src_uri, root)).as_posix()
                log.warning(f"{shown} is written by hand, so the generated page is not used: remove the file or move it")
                continue
            level = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
            file = File.generated(config, page.src_uri, content=page.markdown, inclusion=level)
            if page.source:
                file.edit_uri = Path(os.path.relpath(root / page.source, docs_dir)).as_posix()
            files.append(file)
        for name in _assets(""):
            content = resources.files(__package__).joinpath("assets", name).read_bytes()
            files.append(File.generated(config, f"{ASSETS}/{name}", content=content))
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        if config.nav is None:  # the automatic navigation: one entry per section, ours last
            ours = {page_uri(kind): i for i, kind in enumerate(SECTIONS)}
            items = [_flatten(item, ours) for item in nav.items]
            mine = sorted((i for i in items if isinstance(i, Page) and i.file.src_uri in ours),
                          key=lambda p: ours[p.file.src_uri])
            nav.items = [i for i in items if i not in mine] + mine
            for item in nav.items:
                item.parent = None
        return nav

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        if page.edit_url and "/../" in page.edit_url:  # a generated page's source lies outside docs/
            parts = urlsplit(page.edit_url)
            page.edit_url = urlunsplit(parts._replace(path=posixpath.normpath(parts.path)))
        return page

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        self.links.page_uri = page.file.src_uri
        return markdown

    def on_serve(self, server, *, config: MkDocsConfig, builder):
        server.watch(self.config.sources)
        return server

    def _unknown_link(self, page: str, href: str) -> None:
        log.warning(f"Doc file '{page}' contains a link '{href}' that names no known entity: check the id")


def _assets(suffix: str) -> list[str]:
    """Names of the package's asset files ending in `suffix`, in a fixed order."""
    folder = resources.files(__package__).joinpath("assets")
    return sorted(f.name for f in folder.iterdir() if f.is_file() and f.name.endswith(suffix))


def _flatten(item, ours: dict[str, int]):
    """A generated section whose only page is its index becomes that page."""
    if isinstance(item, Section) and len(item.children) == 1:
        child = item.children[0]
        if isinstance(child, Page) and child.file.src_uri in ours:
            return child
    return item


def _log(diags: Diagnostics) -> None:
    for d in diags.warnings:
        log.warning(str(d))
    for d in diags.errors:
        log.error(str(d))


def _summary(diags: Diagnostics) -> str:
    count = len(diags.errors)
    return f"{count} error{'s' if count > 1 else ''} in the briefs sources (listed above)"
