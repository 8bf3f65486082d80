"""`mkdocs serve --dirty`: the generated files that can tell a dirty build they did not change,
and the bookkeeping that lets it skip the pages that did not change and give each generated page
the File and the Page of the last build.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_build_date

from .. import listings, templates
from ..markup import GeneratedPage

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
    kept: dict[str, tuple[dict[str, Any], tuple]] = field(default_factory=dict)
    """The File and the Page MkDocs had for each generated page outside the navigation, by src_uri: the
    file's attributes (not its content) and the page's URLs and date (`note`). They depend on the page's
    address, its source file and mkdocs.yml, never on its Markdown, so the next build gives the page a File
    and a Page made from them (`reused`) instead of new ones: MkDocs works out each new page's URLs with
    urllib, and with the File's that was a sixth of a save's build at 1,000 briefs."""
    kept_for: tuple = ()
    """What the kept pages' URLs and date were worked out from (`_page_context`)."""
    navigated: frozenset[str] = frozenset()
    """The pages mkdocs.yml's `nav` names (MkDocs titles them from it): never kept."""

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
            self.changed = [] if old == targets else sorted(
                t for t in old.keys() | targets.keys() if old.get(t) != targets.get(t))

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

    def begin_files(self, config: MkDocsConfig) -> None:
        """Before the generated files are added: forget the kept files when what they were made from changed."""
        context = _page_context(config)
        if context != self.kept_for:
            self.kept, self.kept_for = {}, context
        self.navigated = frozenset(_nav_paths(config.nav))

    def reused(self, page: GeneratedPage, level: InclusionLevel, abs_src_path: str,
               edit_uri: str | None) -> GeneratedFile | None:
        """The File (with its Page) of a generated page outside the navigation, as at the last build, with its
        Markdown; None when there is none, or when it was of another source file."""
        state = self.kept.get(page.src_uri) if self.enabled else None
        if state is None:
            return None
        attributes, (date, canonical_url, abs_url, edit_url) = state
        if (attributes.get("inclusion"), attributes.get("abs_src_path"), attributes.get("edit_uri")) != (
                level, abs_src_path, edit_uri):
            del self.kept[page.src_uri]
            return None
        file = GeneratedFile.__new__(GeneratedFile)
        file.__dict__.update(attributes)
        file._content = page.markdown
        # what Page.__init__ makes of Page(None, file, config), without working out the URLs again
        fresh = Page.__new__(Page)
        fresh.__dict__.update(file=file, children=None, previous_page=None, next_page=None, update_date=date,
                              canonical_url=canonical_url, abs_url=abs_url, edit_url=edit_url, markdown=None,
                              _title_from_render=None, content=None, toc=[], meta={})
        fresh.active = False
        file.page = fresh
        return file

    def skipped_nav_pages(self, nav: Navigation, files: Files) -> list[Page]:
        """on_nav, after every other plugin: the pages of the navigation that are not built again (every page
        shows their titles, so they are read); and each generated page's File and Page kept for the next build
        (`note`)."""
        if not self.enabled:
            return []
        self.note(files)
        return [page for page in nav.pages if not page.file.is_modified()]

    def note(self, files: Files) -> None:
        """Keep the File and the Page of each generated page outside the navigation (on_nav: MkDocs has made
        the pages, and read or converted none yet); forget those of pages that are gone."""
        kept = {}
        for file in files:
            page = file.page
            if (isinstance(file, GeneratedFile) and page is not None and file.inclusion.is_not_in_nav()
                    and file.src_uri not in self.navigated):
                kept[file.src_uri] = self.kept.get(file.src_uri) or (
                    {k: v for k, v in file.__dict__.items() if k not in _NOT_KEPT},
                    (page.update_date, page.canonical_url, page.abs_url, page.edit_url))
        self.kept = kept

    def end(self, files: Files, failed: bool) -> None:
        if self.enabled and (self.previous != self.current or self.changed or failed or self.templates_changed):
            _rebuild_hand_written(files, self.changed, every=self.settings_changed,
                                  templates=self.uses_changed_template)


def names_any(markdown: str, targets: list[str]) -> bool:
    """Whether the Markdown has any of the `kind:id` in it, as a link's address or anywhere else
    (built again for nothing at worst)."""
    if not targets:  # asked of every page after each save
        return False
    if len(targets) <= 16:
        return any(t in markdown for t in targets)
    return _pattern(tuple(targets)).search(markdown) is not None


@lru_cache(maxsize=4)
def _pattern(targets: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, targets)))


_NOT_KEPT = frozenset({"page", "_content", "_modified", "unchanged"})
"""A generated file's attributes that are not kept for the next build (DirtyBuild.kept)."""


def _page_context(config: MkDocsConfig) -> tuple:
    """What a page's URLs (Page.__init__) and its file's paths are made from besides its address, and the date."""
    return (config.site_url, config.repo_url, config.edit_uri, config.edit_uri_template, config.use_directory_urls,
            config.docs_dir, config.site_dir, get_build_date())


def _nav_paths(nav: Any) -> list[str]:
    """Every path that the `nav` of mkdocs.yml names."""
    if isinstance(nav, str):
        return [nav.lstrip("/")]
    if isinstance(nav, dict):
        nav = list(nav.values())
    return [path for item in nav for path in _nav_paths(item)] if isinstance(nav, list) else []


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
