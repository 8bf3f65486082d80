"""The index of each section (briefs, recommendations, actors...), split into pages as it grows.

Page 1 is `<folder>/index.md`, page n `<folder>/page/<n>.md`. The recommendations index is
the table that assets/explorer.js turns into the recommendations explorer. Nothing here
knows about MkDocs.
"""

from __future__ import annotations

from collections.abc import Callable

from . import labels
from .corpus import Corpus
from .kinds import KINDS
from .labels import t
from .markup import (
    GeneratedPage,
    brief_entries,
    escape,
    front_matter,
    horizon,
    how_many,
    kind_label,
    link,
    pager,
    status_badge,
    table,
    unsearched,
)
from .metadata import index_description
from .model import Ref
from .templates import Markup, render
from .update_pages import updates_index, updates_page_count

KeepIndex = Callable[[str, str], "GeneratedPage | None"]
"""Given a section's kind and the src_uri of a later page of its index, that page as already written, or None."""


def index_pages(corpus: Corpus, keep: KeepIndex | None = None, keep_first: Callable[[str], GeneratedPage | None]
                | None = None) -> tuple[list[GeneratedPage], list[GeneratedPage]]:
    """The first page of every section's index, and the later pages of those split in several (taken from
    `keep_first` and `keep` when they have them: incremental.py)."""
    first = [(keep_first and keep_first(corpus.folders.page_uri(kind))) or _index(corpus, kind) for kind in KINDS]
    later = [page for kind in KINDS for page in _later_pages(corpus, kind, keep)]
    return first, later


def _index(corpus: Corpus, kind: str) -> GeneratedPage:
    title = section_title(kind)
    intro, body = _INDEXES[kind](corpus)
    md = _page(kind, 1, _index_page_count(corpus, kind), front_matter(title, index_description(corpus, kind),
                                                                     hide=("toc",)), title, intro, body)
    return GeneratedPage(corpus.folders.page_uri(kind), md, in_nav=True)


def _page(kind: str, number: int, total: int, front: str, title: str, intro: str, body: str) -> str:
    """Page `number` of `total` of a section's index: the template briefs/pages/index.md."""
    return render("briefs/pages/index.md", kind=kind, page=number, pages=total, front_matter=Markup(front),
                  title=Markup(title), intro=Markup(intro), body=Markup(body))


def _page_count(items: int, size: int) -> int:
    return max(1, -(-items // size))


def _later_pages(corpus: Corpus, kind: str, keep: KeepIndex | None) -> list[GeneratedPage]:
    """Pages 2, 3... of a section's index, when it takes several (`<folder>/page/<n>.md`)."""
    pages = []
    total = _index_page_count(corpus, kind)
    for number in range(2, total + 1):
        kept = keep(kind, f"{corpus.folders.of(kind)}/page/{number}.md") if keep else None
        if kept is not None:
            pages.append(kept)
            continue
        intro, body = _INDEXES[kind](corpus, number)
        title = t("index.page_title", number, section=section_title(kind), total=_number(total))
        md = _page(kind, number, total, front_matter(title, intro, hide=("toc",)), escape(title), intro, body)
        pages.append(GeneratedPage(f"{corpus.folders.of(kind)}/page/{number}.md", md))
    return pages


def _briefs_index(c: Corpus, number: int = 1) -> tuple[str, str]:
    """Page `number` (from 1) of the briefs, newest first, `limits.briefs_page_size` to a page."""
    briefs, size = list(c.briefs.values()), c.settings.limits.briefs_page_size
    total, start = _page_count(len(briefs), size), (number - 1) * size
    shown = briefs[start : start + size]
    rows = unsearched("briefs-index-list", brief_entries(c, shown)) if shown else ""
    intro = t("index.briefs", len(briefs))
    if total == 1:
        return intro, rows or t("list.none_yet") + "\n"
    return (f"{intro} {_lists(start, len(shown))}", rows + "\n" + pager(number, total, t("pager.list")))


def _recs_page_count(c: Corpus) -> int:
    """A longer table is split across pages (recommendations/, recommendations/page/2/, ...), so that
    no page grows too large; the explorer's script (assets/explorer.js) still filters all of them,
    from data/recommendations.json."""
    return _page_count(len(c.recommendations), c.settings.limits.explorer_page_size)


def _recs_table(c: Corpus, number: int = 1) -> tuple[str, str]:
    """Page `number` (from 1) of the table that assets/explorer.js turns into the explorer."""
    recs, size = list(c.recommendations.values()), c.settings.limits.explorer_page_size
    total, start = _recs_page_count(c), (number - 1) * size
    shown = recs[start : start + size]
    root = "../" if number == 1 else "../../"  # from this page's folder to the docs root
    intro = t("index.recs", len(recs))
    if total > 1:
        intro += " " + _lists(start, len(shown))

    def row_badge(rec_id: str) -> str:  # compact, as the explorer's script writes it (assets/explorer.js)
        now = c.tracks[rec_id].current
        return status_badge(c, now.status, now.as_of)

    def plain(kind: str, refs: list[Ref]) -> str:  # no hover titles: they would weigh on a long table
        return ", ".join(f'[{escape(c.name_of(kind, r.id))}]({kind}:{r.id} "")' for r in refs)

    rows = [
        [f"{link('rec', r.id, r.title)} {row_badge(r.id)}", plain("actor", r.addressed_to), plain("actor", r.involves),
         plain("mechanism", r.mechanisms), horizon(r.horizon),
         f'[{escape(c.brief_of(r).short)}](brief:{r.brief_id} "")']
        for r in shown
    ]
    rows_table = table([t("explorer.recommendation"), t("rec.addressed_to"), t("rec.also_involves"),
                        t("explorer.mechanisms"), t("rec.horizon"), t("explorer.brief")], rows)
    nav = pager(number, total, t("pager.table")) + "\n" if total > 1 else ""
    downloads = t("explorer.downloads", csv=f"{root}data/recommendations.csv", json=f"{root}data/recommendations.json",
                  corpus=f"{root}data/corpus.json", schema=f"{root}data/corpus.schema.json")
    downloads += "\n{: .briefs-downloads }\n\n"
    # the table is left out of the search index (its rows would make run-together snippets, and each
    # recommendation's own page is in it); the page's title and intro are kept
    body = render("briefs/explorer.html", page_size=size, exclude=True, downloads=Markup(downloads),
                  table=Markup(rows_table), pager=Markup(nav))
    return intro, body


def _paged_table(c: Corpus, intro: str, header: list[str], rows: list[list[str]], number: int) -> tuple[str, str]:
    """Page `number` (from 1) of an index table, `limits.table_page_size` rows to a page."""
    size = c.settings.limits.table_page_size
    total, start = _page_count(len(rows), size), (number - 1) * size
    shown = rows[start : start + size]
    # out of the search index: a table's cells make run-together snippets, and each row has its own page
    rows_table = unsearched("briefs-index-table", table(header, shown))
    if total == 1:
        return intro, rows_table
    return (f"{intro} {_lists(start, len(shown))}", rows_table + "\n" + pager(number, total, t("pager.list")))


def _lists(start: int, shown: int) -> str:
    """'This page lists 101 to 200.'"""
    return t("index.lists", first=_number(start + 1), last=_number(start + shown))


def _number(n: int) -> str:
    return labels.number(n)


def section_title(kind: str) -> str:
    """The title of a section's index ('Actors'), in the site's language."""
    return {"brief": t("section.brief"), "rec": t("section.rec"), "actor": t("section.actor"),
            "mechanism": t("section.mechanism"), "author": t("section.author"), "series": t("section.series"),
            "update": t("section.update")}[kind]


def _actors_index(c: Corpus, number: int = 1) -> tuple[str, str]:
    rows = [
        [link("actor", a.id, a.name), escape(kind_label("actor_kind", a.kind)),
         str(len(c.incoming("addressed_to", a.id))), str(len(c.incoming("involves", a.id)))]
        for a in c.actors.values()
    ]
    named = sum(1 for a in c.actors if c.incoming("addressed_to", a) or c.incoming("involves", a))
    intro = t("index.actors", len(rows)) + (" " + t("index.actors_named", share=how_many(named, len(rows)))
                                            if rows else "")
    return _paged_table(c, intro, [t("matrix.actor"), t("entity.kind"), t("index.addressed"), t("index.involved")],
                        rows, number)


def _mechanisms_index(c: Corpus, number: int = 1) -> tuple[str, str]:
    rows = [
        [link("mechanism", m.id, m.name), escape(kind_label("mechanism_kind", m.kind)),
         link("mechanism", m.part_of.id, c.name_of("mechanism", m.part_of.id)) if m.part_of else "",
         str(len(c.incoming("mechanisms", m.id)))]
        for m in c.mechanisms.values()
    ]
    used = sum(1 for m in c.mechanisms if c.incoming("mechanisms", m))
    intro = t("index.mechanisms", len(rows)) + (" " + t("index.mechanisms_used", share=how_many(used, len(rows)))
                                                if rows else "")
    return _paged_table(c, intro, [t("index.mechanism"), t("entity.kind"), t("mechanism.part_of"),
                                   t("section.rec")], rows, number)


def _authors_index(c: Corpus, number: int = 1) -> tuple[str, str]:
    rows = [[link("author", a.id, a.name), escape(a.affiliation or ""), str(len(c.incoming("authors", a.id)))]
            for a in c.authors.values()]
    return _paged_table(c, t("index.authors", len(rows)),
                        [t("index.author"), t("index.affiliation"), t("section.brief")], rows, number)


def _series_index(c: Corpus, number: int = 1) -> tuple[str, str]:
    rows = [[link("series", s.id, s.name), escape(s.publisher or ""), str(len(c.incoming("series", s.id)))]
            for s in c.series.values()]
    return _paged_table(c, t("index.series", len(rows)), [t("section.series"), t("series.publisher"),
                                                           t("section.brief")],
                        rows, number)


_INDEXES = {"brief": _briefs_index, "rec": _recs_table, "actor": _actors_index,
            "mechanism": _mechanisms_index, "author": _authors_index, "series": _series_index,
            "update": updates_index}
"""Page `number` of each section's index: (intro, body)."""


def _index_page_count(c: Corpus, kind: str) -> int:
    """How many pages a section's index takes."""
    if kind == "brief":
        return _page_count(len(c.briefs), c.settings.limits.briefs_page_size)
    if kind == "rec":
        return _recs_page_count(c)
    if kind == "update":
        return updates_page_count(c)
    return _page_count(len(c.table(kind)), c.settings.limits.table_page_size)
