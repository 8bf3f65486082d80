"""The index of each section (briefs, recommendations, actors...), split into pages as it grows.

Page 1 is `<folder>/index.md`, page n `<folder>/page/<n>.md`. The recommendations index is
the table that assets/explorer.js turns into the recommendations explorer. Nothing here
knows about MkDocs.
"""

from __future__ import annotations

from .corpus import Corpus
from .kinds import KINDS, page_uri
from .markup import GeneratedPage, brief_entries, count, escape, front_matter, how_many, link, pager, table
from .metadata import index_description
from .model import HORIZONS, Ref


def index_pages(corpus: Corpus) -> tuple[list[GeneratedPage], list[GeneratedPage]]:
    """The first page of every section's index, and the later pages of those split in several."""
    first = [_index(corpus, kind) for kind in KINDS]
    later = [page for kind in KINDS for page in _later_pages(corpus, kind)]
    return first, later


def _index(corpus: Corpus, kind: str) -> GeneratedPage:
    title = KINDS[kind].title
    intro, body = _INDEXES[kind](corpus)
    md = front_matter(title, index_description(corpus, kind), hide=("toc",)) + f"# {title}\n\n{intro}\n\n{body}"
    return GeneratedPage(page_uri(kind), md, in_nav=True)


def _page_count(items: int, size: int) -> int:
    return max(1, -(-items // size))


def _later_pages(corpus: Corpus, kind: str) -> list[GeneratedPage]:
    """Pages 2, 3... of a section's index, when it takes several (`<folder>/page/<n>.md`)."""
    pages = []
    total = _index_page_count(corpus, kind)
    for number in range(2, total + 1):
        intro, body = _INDEXES[kind](corpus, number)
        title = f"{KINDS[kind].title}, page {number} of {total}"
        md = front_matter(title, intro, hide=("toc",)) + f"# {escape(title)}\n\n{intro}\n\n{body}"
        pages.append(GeneratedPage(f"{KINDS[kind].folder}/page/{number}.md", md))
    return pages


def _briefs_index(c: Corpus, number: int = 1) -> tuple[str, str]:
    """Page `number` (from 1) of the briefs, newest first, `limits.briefs_page_size` to a page."""
    briefs, size = list(c.briefs.values()), c.settings.limits.briefs_page_size
    total, start = _page_count(len(briefs), size), (number - 1) * size
    rows = brief_entries(c, briefs[start : start + size])
    intro = f"{count(len(briefs), 'brief')}, newest first."
    if total == 1:
        return intro, "\n".join(rows) or "None yet.\n"
    return (f"{intro} This page lists {start + 1:,} to {start + len(rows):,}.",
            "\n".join(rows) + "\n" + pager(number, total, "Pages of the list"))


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
    intro = f"{count(len(recs), 'recommendation')}, from the newest brief to the oldest."
    if total > 1:
        intro += f" This page lists {start + 1:,} to {start + len(shown):,}."

    def plain(kind: str, refs: list[Ref]) -> str:  # no hover titles: they would weigh on a long table
        return ", ".join(f'[{escape(c.name_of(kind, r.id))}]({kind}:{r.id} "")' for r in refs)

    rows = [
        [link("rec", r.id, r.title), plain("actor", r.addressed_to), plain("actor", r.involves),
         plain("mechanism", r.mechanisms), HORIZONS[r.horizon],
         f'[{escape(c.brief_of(r).title)}](brief:{r.brief_id} "")']
        for r in shown
    ]
    rows_table = table(["Recommendation", "Addressed to", "Also involves", "Mechanisms", "Horizon", "Brief"], rows)
    nav = pager(number, total, "Pages of the table") + "\n" if total > 1 else ""
    downloads = (
        f"Download [every recommendation as CSV]({root}data/recommendations.csv) or "
        f"[as JSON]({root}data/recommendations.json), or [the whole corpus as JSON]({root}data/corpus.json) "
        f"([its schema]({root}data/corpus.schema.json)).\n{{: .briefs-downloads }}\n\n"
    )
    # a table split across pages is left out of the search index: each recommendation's own page is in it
    exclude = " data-search-exclude" if total > 1 else ""
    body = (f'<div class="briefs-explorer" data-briefs-explorer data-page-size="{size}"{exclude} '
            f"markdown>\n\n{downloads}{rows_table}\n{nav}</div>\n")
    return intro, body


def _paged_table(c: Corpus, intro: str, header: list[str], rows: list[list[str]], number: int) -> tuple[str, str]:
    """Page `number` (from 1) of an index table, `limits.table_page_size` rows to a page."""
    size = c.settings.limits.table_page_size
    total, start = _page_count(len(rows), size), (number - 1) * size
    shown = rows[start : start + size]
    if total == 1:
        return intro, table(header, shown)
    return (f"{intro} This page lists {start + 1:,} to {start + len(shown):,}.",
            table(header, shown) + "\n" + pager(number, total, "Pages of the list"))


def _actors_index(c: Corpus, number: int = 1) -> tuple[str, str]:
    rows = [
        [link("actor", a.id, a.name), escape(a.kind.replace("-", " ")),
         str(len(c.incoming("addressed_to", a.id))), str(len(c.incoming("involves", a.id)))]
        for a in c.actors.values()
    ]
    named = sum(1 for a in c.actors if c.incoming("addressed_to", a) or c.incoming("involves", a))
    intro = f"{count(len(rows), 'actor')}." + (
        f" Recommendations address or involve {how_many(named, len(rows))}." if rows else "")
    return _paged_table(c, intro, ["Actor", "Kind", "Addressed", "Involved"], rows, number)


def _mechanisms_index(c: Corpus, number: int = 1) -> tuple[str, str]:
    rows = [
        [link("mechanism", m.id, m.name), escape(m.kind.replace("-", " ")),
         link("mechanism", m.part_of.id, c.name_of("mechanism", m.part_of.id)) if m.part_of else "",
         str(len(c.incoming("mechanisms", m.id)))]
        for m in c.mechanisms.values()
    ]
    used = sum(1 for m in c.mechanisms if c.incoming("mechanisms", m))
    intro = f"{count(len(rows), 'mechanism')}." + (
        f" Recommendations act through {how_many(used, len(rows))}." if rows else "")
    return _paged_table(c, intro, ["Mechanism", "Kind", "Part of", "Recommendations"], rows, number)


def _authors_index(c: Corpus, number: int = 1) -> tuple[str, str]:
    rows = [[link("author", a.id, a.name), escape(a.affiliation or ""), str(len(c.incoming("authors", a.id)))]
            for a in c.authors.values()]
    return _paged_table(c, f"{count(len(rows), 'author')}.", ["Author", "Affiliation", "Briefs"], rows, number)


def _series_index(c: Corpus, number: int = 1) -> tuple[str, str]:
    rows = [[link("series", s.id, s.name), escape(s.publisher or ""), str(len(c.incoming("series", s.id)))]
            for s in c.series.values()]
    return _paged_table(c, f"{count(len(rows), 'series', 'series')}.", ["Series", "Publisher", "Briefs"],
                        rows, number)


_INDEXES = {"brief": _briefs_index, "rec": _recs_table, "actor": _actors_index,
            "mechanism": _mechanisms_index, "author": _authors_index, "series": _series_index}
"""Page `number` of each section's index: (intro, body)."""


def _index_page_count(c: Corpus, kind: str) -> int:
    """How many pages a section's index takes."""
    if kind == "brief":
        return _page_count(len(c.briefs), c.settings.limits.briefs_page_size)
    if kind == "rec":
        return _recs_page_count(c)
    return _page_count(len(c.table(kind)), c.settings.limits.table_page_size)
