"""Every page the plugin adds to the site, decided from the corpus alone.

    indexes        the index of each section, split into pages as it grows
    entity_pages   a page per brief, recommendation, actor, mechanism, author and series
                   (with its "Connections" diagram: diagrams)
    matrix         who acts through what, as a table (two views)
    site_map       the same links as diagrams

Each returns `GeneratedPage`s of Markdown; nothing here knows about MkDocs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .corpus import Corpus
from .diagnostics import Diagnostic
from .entity_pages import ENTITY_PAGES
from .indexes import KeepIndex, index_pages
from .kinds import KINDS, Folders
from .labels import t
from .markup import GeneratedPage, front_matter
from .matrix import MATRIX_GROUPS_PAGE, MATRIX_PAGE, matrix_pages
from .site_map import MAP_PAGE, map_page
from .templates import Markup, memoising, render
from .tracker import TRACKER_PAGE, tracker_page


def nav_pages(folders: Folders) -> tuple[str, ...]:
    """The generated pages in the navigation, in its order: the section indexes, the tracker, the matrix, the map."""
    return (*(folders.page_uri(kind) for kind in KINDS), TRACKER_PAGE, MATRIX_PAGE, MAP_PAGE)


Keep = Callable[[str, Any], "GeneratedPage | None"]
"""Given an entity's kind and the entity, its page as already written, or None to write it."""
KeepWhole = Callable[[str], "GeneratedPage | None"]
"""Given the src_uri of a page made from the whole archive, that page as already written, or None to write it."""


def generate_pages(corpus: Corpus, keep: Keep | None = None, keep_index: KeepIndex | None = None,
                   keep_whole: KeepWhole | None = None) -> list[GeneratedPage]:
    """Every page the plugin adds to the site, in a defined order; an entity's page is taken from
    `keep`, a later page of an index from `keep_index`, the first page of an index, the tracker, the
    matrix and the map from `keep_whole`, when they have it (incremental.py: the pages whose inputs
    did not change since the last run). What many pages repeat is written once (templates.memoising),
    also when called outside `templates.using`."""
    whole = keep_whole or _none
    with memoising():
        indexes, later_index_pages = index_pages(corpus, keep_index, whole)
        pages = [*indexes, *_entity_pages(corpus, "brief", keep), *later_index_pages]
        for kind in KINDS:
            if kind != "brief":
                pages += _entity_pages(corpus, kind, keep)
        matrix = [whole(MATRIX_PAGE), whole(MATRIX_GROUPS_PAGE)]
        return [*pages, whole(TRACKER_PAGE) or tracker_page(corpus),
                *(matrix if None not in matrix else matrix_pages(corpus)), whole(MAP_PAGE) or map_page(corpus)]


def _none(uri: str) -> None:
    return None


def _entity_pages(corpus: Corpus, kind: str, keep: Keep | None) -> list[GeneratedPage]:
    write = ENTITY_PAGES[kind]
    if keep is None:
        return [write(corpus, entity) for entity in corpus.table(kind).values()]
    return [keep(kind, entity) or write(corpus, entity) for entity in corpus.table(kind).values()]


def error_page(errors: list[Diagnostic]) -> str:
    """Shown by `mkdocs serve` in place of every generated page while the sources have errors."""
    title = t("error_page.title")
    return render("briefs/error.md", front_matter=Markup(front_matter(title, title)),
                  errors="\n".join(str(d) for d in errors))
