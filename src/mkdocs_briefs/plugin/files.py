"""The files the plugin adds to a build: generated pages and exports, and its own assets
(a dirty build's bookkeeping: dirty.py).
"""

from __future__ import annotations

import os
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import cast

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from .. import templates
from ..kinds import Folders
from ..markup import GeneratedPage
from ..templates import Markup
from .config import theme_language
from .dirty import DirtyBuild, GeneratedFile

log = get_plugin_logger("briefs")

ASSETS = "assets/briefs"
"""Where the package's stylesheets and scripts (src/mkdocs_briefs/assets/) are published."""
VENDOR = {f"vendor/{n}": f"{ASSETS}/vendor/{n}" for n in ("mermaid.min.js", "mermaid.LICENSE")}
"""Third-party files the package ships (src/mkdocs_briefs/vendor/), published where assets/diagrams.js loads them."""
PACKAGE = "mkdocs_briefs"


REDIRECTS = {"explorer/index.html": "rec"}
"""Addresses readers may guess or find in the text, and the kind whose index each leads to: the pages
call the recommendations index "the explorer", so /explorer/ opens it."""


def redirect_html(target: str, language: str = "en") -> str:
    """A static page that sends the browser on to `target` (relative), with a link for readers, in the
    site's `language` and labels: the template briefs/redirect.html."""
    link = Markup('<a href="{0}">{0}</a>').format(target)
    return templates.render("briefs/redirect.html", url=target, link=link, language=language)


def redirects(directory_urls: bool, folders: Folders, language: str = "en") -> dict[str, str]:
    """The redirect pages (REDIRECTS), by their path in the site, in the site's `language`."""
    index = "" if directory_urls else "index.html"
    return {path: redirect_html("../" * path.count("/") + folders.of(kind) + "/" + index, language)
            for path, kind in REDIRECTS.items()}


def add_generated(files: Files, config: MkDocsConfig, pages: list[GeneratedPage], exports: dict[str, str],
                  dirty: DirtyBuild, sources: Path, folders: Folders) -> list[str]:
    """Add the generated pages and exports to the build. Returns the clashes: each file of docs/
    that would be published at the address of a generated page or export, with both named.
    Neither is added then: the build must stop rather than one of them silently win.

    Each page's `abs_src_path` is the file it was made from (a brief, a registry), or the
    `sources` folder for a page made from all of them (an index, the map): plugins that read
    a page's source for its dates (mkdocs-rss-plugin) find the real one. Its Markdown stays
    in memory: MkDocs reads `abs_src_path` only for a file without content."""
    root = Path(config.config_file_path or ".").parent
    published = {file.dest_uri: file for file in files}
    clashes: list[str] = []

    def clash(file: File, what: str) -> bool:
        other = files.src_uris.get(file.src_uri) or published.get(file.dest_uri)
        if other is not None:
            shown = Path(os.path.relpath(other.abs_src_path or other.src_uri, root)).as_posix()
            clashes.append(f"{shown} and {what} would both be published as {file.dest_uri}: "
                           f"remove or move {shown} (to change a generated page, change the sources)")
        return other is not None

    dirty.begin_files(config)
    paths = _SourcePaths(root, sources, config.docs_dir)
    for page in pages:
        level = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
        abs_src_path, edit_uri = paths[page.source]
        file = dirty.reused(page, level, abs_src_path, edit_uri) or cast(
            GeneratedFile, GeneratedFile.generated(config, page.src_uri, content=page.markdown, inclusion=level))
        origin = f" (from {page.source})" if page.source else ""
        if clash(file, f"the generated page {page.src_uri}{origin}"):
            continue
        file.unchanged = dirty.unchanged(page)
        file.abs_src_path = abs_src_path
        if page.source:
            file.edit_uri = edit_uri
        files.append(file)
    for path, text in exports.items():  # data/corpus.json, data/recommendations.csv...
        export = GeneratedFile.generated(config, path, content=text)
        if not clash(export, f"the plugin's export {path}"):
            files.append(export)
    language = theme_language(config)
    # a page of the site's own at a redirect's address wins
    for path, text in redirects(config.use_directory_urls, folders, language).items():
        if files.get_file_from_path(path) is None and path not in published:
            redirect = cast(GeneratedFile, GeneratedFile.generated(config, path, content=text))
            redirect.unchanged = _written(redirect.abs_dest_path) == text  # a dirty build leaves it be
            files.append(redirect)
    return clashes


class _SourcePaths(dict[str | None, tuple[str, str | None]]):
    """A page's `abs_src_path` and `edit_uri` by the source file it was made from, each worked out once:
    many pages share one (every actor's page is made from actors.yml); and once while serving (`_paths`)."""

    def __init__(self, root: Path, sources: Path, docs_dir: str) -> None:
        super().__init__()
        self.root, self.sources, self.docs_dir = root, sources, docs_dir
        self.cwd = os.getcwd()

    def __missing__(self, source: str | None) -> tuple[str, str | None]:
        found = self[source] = _paths(str(self.root), str(self.sources), self.docs_dir, self.cwd, source)
        return found


@lru_cache(maxsize=1 << 16)
def _paths(root: str, sources: str, docs_dir: str, cwd: str, source: str | None) -> tuple[str, str | None]:
    """`_SourcePaths` of one source file (`cwd`: what relative paths are relative to): the builds of `mkdocs serve`
    ask for the same thousands again after each save."""
    if not source:
        return sources, None
    path = Path(root) / source
    return str(path), Path(os.path.relpath(path, docs_dir)).as_posix()


def _written(path: str) -> str | None:
    """The text of a file the last build wrote, or None."""
    try:
        return Path(path).read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def add_assets(files: Files, config: MkDocsConfig) -> None:
    """The package's stylesheets and scripts, and the vendored Mermaid."""
    for name in assets(""):
        content = resources.files(PACKAGE).joinpath("assets", name).read_bytes()
        files.append(File.generated(config, f"{ASSETS}/{name}", content=content))
    for name, path in VENDOR.items():  # not in extra_javascript: loaded only where a diagram is
        files.append(File.generated(config, path, content=resources.files(PACKAGE).joinpath(name).read_bytes()))


HEAD_SCRIPTS = {"history.js"}
"""The package's scripts that a page loads in its <head> (neighbours.history_script), not with the others."""


def listed_assets(leave_out: set[str]) -> list[str]:
    """The package's stylesheets and scripts for extra_css and extra_javascript, in a fixed order, but
    for `leave_out` and the HEAD_SCRIPTS."""
    return [f"{ASSETS}/{name}" for name in assets("") if name not in leave_out and name not in HEAD_SCRIPTS]


def assets(suffix: str) -> list[str]:
    """Names of the package's asset files ending in `suffix`, in a fixed order."""
    folder = resources.files(PACKAGE).joinpath("assets")
    return sorted(f.name for f in folder.iterdir() if f.is_file() and f.name.endswith(suffix))
