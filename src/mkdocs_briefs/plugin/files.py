"""The files the plugin adds to a build: generated pages and exports, and its own assets;
and the bookkeeping that lets `mkdocs serve --dirty` skip the pages that did not change.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import cast

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from .. import listings, templates
from ..kinds import Folders
from ..markup import GeneratedPage
from ..templates import Markup
from .config import theme_language

log = get_plugin_logger("briefs")

ASSETS = "assets/briefs"
"""Where the package's stylesheets and scripts (src/mkdocs_briefs/assets/) are published."""
VENDOR = {f"vendor/{n}": f"{ASSETS}/vendor/{n}" for n in ("mermaid.min.js", "mermaid.LICENSE")}
"""Third-party files the package ships (src/mkdocs_briefs/vendor/), published where assets/diagrams.js loads them."""
PACKAGE = "mkdocs_briefs"
PACKAGE_TEMPLATES = frozenset(templates.PACKAGE.env.list_templates())
"""The names of the package's own templates ('briefs/cite.html'...)."""


class GeneratedFile(File):
    """A generated page or export that can tell a dirty build it did not change since the
    last one, and lets go of its content once MkDocs has read or written it.

    MkDocs takes every file whose content is in memory to be modified, so
    `mkdocs serve --dirty` would convert all of the thousands of generated pages after
    each save; it skips a page whose `is_modified()` is false and keeps its HTML.
    """

    unchanged = False
    _modified: bool | None = None

    def is_modified(self) -> bool:
        """Asked for each page several times a build: the HTML's presence is looked up once."""
        if self._modified is None:
            self._modified = not (self.unchanged and os.path.isfile(self.abs_dest_path))
        return self._modified

    def release(self) -> None:
        """Drop the content once MkDocs has read it into the page: the build holds every
        page until it ends, and a second copy of each page's Markdown is tens of MB."""
        self._content = None

    def copy_file(self, dirty: bool = False) -> None:
        """Write a generated file that is not a page (the data exports), then drop its content."""
        super().copy_file(dirty)
        self.release()


@dataclass
class DirtyBuild:
    """Dirty builds (`mkdocs serve --dirty`): which generated pages are the same as at the last
    build, so that MkDocs does not convert them again.

    A page's HTML depends on its Markdown, on mkdocs.yml (the settings), on the hover title
    and name of every entity it links to (`render.link_targets`: the extension writes them into
    each link as it converts the page), and on the templates rendered while it is converted (a
    brief's citation, the listings of a hand-written page). A generated page whose Markdown and
    settings did not change, that names no entity whose title or name changed and whose
    templates of the site's `custom_dir` did not change, is not built again. (A template that
    writes the Markdown itself changes the Markdown.) Hand-written pages are built again when
    they name such an entity or use such a template, and those that show the sources (with a
    listing) whenever anything changed.
    """

    enabled: bool = False
    previous: dict[str, str] = field(default_factory=dict)
    """The Markdown of each generated page at the last build, by src_uri, and the settings (key "")."""
    current: dict[str, str] = field(default_factory=dict)
    settings_changed: bool = False
    targets: dict[str, tuple[str, str]] = field(default_factory=dict)
    """`render.link_targets` at the last build whose sources had no error."""
    changed: list[str] = field(default_factory=list)
    """The `kind:id` of each entity whose title or name is not what it was (or that came or went)."""
    overrides: dict[str, str] = field(default_factory=dict)
    """The site's own templates at the last build, by name, with a digest of each (Templates.overrides)."""
    templates_changed: frozenset[str] = frozenset()
    """The names of the site's templates changed, added or removed since the last build."""
    used: dict[str, frozenset[str]] = field(default_factory=dict)
    """The templates rendered while each page was last converted, by src_uri."""

    def begin(self, settings: str, targets: dict[str, tuple[str, str]] | None,
              overrides: dict[str, str] | None = None) -> None:
        """Start a build; `targets` is None when the sources have errors (the pages show them);
        `overrides` are the site's own templates (Templates.overrides)."""
        if not self.enabled:
            return
        overrides = overrides or {}
        self.templates_changed = frozenset(n for n in self.overrides.keys() | overrides.keys()
                                           if self.overrides.get(n) != overrides.get(n))
        self.overrides = overrides
        self.previous, self.current = self.current, {"": settings}
        self.settings_changed = self.previous.get("") != settings
        if self.settings_changed:
            self.previous = {}  # every page is built again
        self.changed = []
        if targets is not None:
            old, self.targets = self.targets, targets
            self.changed = sorted(t for t in old.keys() | targets.keys() if old.get(t) != targets.get(t))

    def unchanged(self, page: GeneratedPage) -> bool:
        """Whether the page is the same as at the last build (always False unless dirty)."""
        if not self.enabled:
            return False
        self.current[page.src_uri] = page.markdown
        return (self.previous.get(page.src_uri) == page.markdown and not names_any(page.markdown, self.changed)
                and not self.uses_changed_template(page.src_uri))

    def record(self, src_uri: str, used: set[str]) -> None:
        """The templates rendered while the page `src_uri` was converted."""
        if self.enabled:
            self.used[src_uri] = frozenset(used)

    def uses_changed_template(self, src_uri: str) -> bool:
        """Whether a template the page used when it was last converted changed. A changed file that is not
        one of the package's templates (a site's own, included by others) counts for every template."""
        used = self.used.get(src_uri, frozenset())
        return bool(used and (used & self.templates_changed or self.templates_changed - PACKAGE_TEMPLATES))

    def end(self, files: Files, failed: bool) -> None:
        if self.enabled and (self.previous != self.current or self.changed or failed or self.templates_changed):
            _rebuild_hand_written(files, self.changed, every=self.settings_changed,
                                  templates=self.uses_changed_template)


def names_any(markdown: str, targets: list[str]) -> bool:
    """Whether the Markdown has any of the `kind:id` in it, as a link's address or anywhere else
    (built again for nothing at worst)."""
    if len(targets) <= 16:
        return any(t in markdown for t in targets)
    return _pattern(tuple(targets)).search(markdown) is not None


@lru_cache(maxsize=4)
def _pattern(targets: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, targets)))


def settings_of(config: MkDocsConfig) -> str:
    """What a generated page's HTML depends on besides its Markdown: mkdocs.yml."""
    path = config.config_file_path
    return Path(path).read_text("utf-8", "replace") if path and os.path.isfile(path) else ""


def _rebuild_hand_written(files: Files, changed: list[str], every: bool, templates: Callable[[str], bool]) -> None:
    """Have MkDocs build again the hand-written pages that show the sources (those with a
    listing), name an entity in `changed` or used a changed template (`templates(src_uri)`),
    or `every` one (mkdocs.yml changed).

    MkDocs builds a page again in a dirty build when its HTML is missing or older than its
    source: removing the HTML has it built again.
    """
    for file in files.documentation_pages():
        if file.generated_by is not None or not os.path.isfile(file.abs_dest_path):
            continue
        source = file.content_string
        if every or listings.has_placeholder(source) or names_any(source, changed) or templates(file.src_uri):
            os.remove(file.abs_dest_path)


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
        other = files.get_file_from_path(file.src_uri) or published.get(file.dest_uri)
        if other is not None:
            shown = Path(os.path.relpath(other.abs_src_path or other.src_uri, root)).as_posix()
            clashes.append(f"{shown} and {what} would both be published as {file.dest_uri}: "
                           f"remove or move {shown} (to change a generated page, change the sources)")
        return other is not None

    for page in pages:
        level = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
        file = cast(GeneratedFile,
                    GeneratedFile.generated(config, page.src_uri, content=page.markdown, inclusion=level))
        origin = f" (from {page.source})" if page.source else ""
        if clash(file, f"the generated page {page.src_uri}{origin}"):
            continue
        file.unchanged = dirty.unchanged(page)
        file.abs_src_path = str((root / page.source) if page.source else sources)
        if page.source:
            file.edit_uri = Path(os.path.relpath(root / page.source, config.docs_dir)).as_posix()
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
