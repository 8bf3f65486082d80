"""The Markdown of every generated page, decided from the corpus alone.

Links between pages are written as annotations (`[Seoul](actor:rok)`); the `render`
extension turns them into real links when MkDocs converts the page. Every text an editor
wrote goes through `escape()`, so it shows as text and never as markup. Pages stay small
as the corpus grows: passages are quoted only on a recommendation's page (and left out
of the search index there), and mentions are listed as links, not quotes.
"""

from __future__ import annotations

import datetime
import html
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from .annotations import escape_raw_html
from .corpus import Corpus, Mention
from .diagnostics import Diagnostic
from .metadata import index_description
from .model import Actor, Brief, Mechanism, Recommendation, Ref

SECTIONS = {
    "brief": "briefs",
    "rec": "recommendations",
    "actor": "actors",
    "mechanism": "mechanisms",
    "author": "authors",
    "series": "series",
}
"""Folder of the site that holds each kind of page, in navigation order."""

SECTION_TITLES = {
    "brief": "Briefs",
    "rec": "Recommendations",
    "actor": "Actors",
    "mechanism": "Mechanisms",
    "author": "Authors",
    "series": "Series",
}

HORIZONS = {"near-term": "Near term", "long-term": "Long term", "unspecified": "Unspecified"}
MENTIONS_SHOWN = 8
"""Mentions linked one by one per brief on an entity's page; the rest are counted."""
LISTED = 25
"""Recommendations, or briefs mentioning an entity, listed on an entity's page; the rest are
counted, and reached through the explorer, so that pages stay small as the corpus grows."""
BRIEFS_PAGE_SIZE = 100
"""Briefs per page of the briefs index (briefs/, briefs/page/2/, ...)."""
TABLE_PAGE_SIZE = 100
"""Rows per page of the actors, mechanisms, authors and series indexes (actors/,
actors/page/2/, ...): the registries grow with the archive."""

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str
    """Where the page pretends to live in the docs folder, like 'actors/rok.md'."""
    markdown: str
    source: str | None = None
    """The source file it was generated from (for the edit button), if any."""
    in_nav: bool = False
    """Only section indexes go in the navigation; entity pages are reached through them."""


def page_uri(kind: str, id_: str | None = None) -> str:
    """The docs-relative path of an entity's page, or of a section's index when id_ is None."""
    return f"{SECTIONS[kind]}/{id_ or 'index'}.md"


# --- escaping -----------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>])")
_MD_REFERENCES = re.compile(r"[~^:]")
"""Characters Python-Markdown does not unescape (a backslash before them would show):
written as character references instead, which are just as inert."""


@lru_cache(maxsize=4096)  # the same names are escaped for every page that lists them
def escape(text: str) -> str:
    """An editor's text as Markdown that renders exactly that text, on one line."""
    text = " ".join(text.split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_SPECIAL.sub(r"\\\1", text).replace("\\&gt;", "&gt;")
    return _MD_REFERENCES.sub(lambda m: f"&#{ord(m[0])};", text)


def paragraphs(text: str) -> str:
    """Multi-paragraph text (blank-line separated) escaped paragraph by paragraph."""
    return "\n\n".join(escape(p) for p in re.split(r"\n\s*\n", text.strip()) if p.strip())


def _front_matter(title: str, description: str, *, hide_toc: bool = False) -> str:
    # JSON strings are valid YAML scalars, whatever the editor's text contains. The theme
    # writes both into <title>, <meta content="..."> and the header unescaped: escape them here.
    desc = html.escape(" ".join(description.split()))
    hide = "hide: [toc]\n" if hide_toc else ""
    return f"---\ntitle: {json.dumps(html.escape(title))}\ndescription: {json.dumps(desc)}\n{hide}---\n\n"


def _date(day: datetime.date) -> str:
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def count(n: int, noun: str, plural: str | None = None) -> str:
    """'1 brief', '2 briefs'."""
    return f"{n:,} {noun if n == 1 else plural or noun + 's'}"


def link(kind: str, id_: str, text: str, fragment: str = "") -> str:
    return f"[{escape(text)}]({kind}:{id_}{'#' + fragment if fragment else ''})"


def _links(corpus: Corpus, kind: str, refs: list[Ref]) -> str:
    return ", ".join(link(kind, r.id, corpus.name_of(kind, r.id)) for r in refs)


def _entity_links(kind: str, entities: list) -> str:
    return ", ".join(link(kind, e.id, getattr(e, "title", None) or e.name) for e in entities)


def _capped_links(kind: str, entities: list) -> str:
    """The first LISTED entities' links, and how many more there are."""
    more = f" and {len(entities) - LISTED:,} more" if len(entities) > LISTED else ""
    return _entity_links(kind, entities[:LISTED]) + more


def _definitions(rows: list[tuple[str, str]]) -> str:
    """The facts about an entity, as a definition list of the rows whose value is not empty."""
    items = "\n\n".join(f"{term}\n:   {value}" for term, value in rows if value)
    return f'<div class="briefs-facts" markdown>\n\n{items}\n\n</div>\n'


def _muted(markdown: str) -> str:
    return f'<span class="briefs-muted">{markdown}</span>'


# --- pages --------------------------------------------------------------------------


def generate_pages(corpus: Corpus) -> list[GeneratedPage]:
    """Every page the plugin adds to the site, in a defined order."""
    pages = [_index(corpus, kind) for kind in SECTIONS]
    pages += [_brief_page(corpus, b) for b in corpus.briefs.values()]
    for kind in SECTIONS:  # pages 2, 3... of the long indexes
        pages += _later_pages(kind, _index_page_count(corpus, kind), lambda n, kind=kind: _INDEXES[kind](corpus, n))
    pages += [_recommendation_page(corpus, r) for r in corpus.recommendations.values()]
    pages += [_actor_page(corpus, a) for a in corpus.actors.values()]
    pages += [_mechanism_page(corpus, m) for m in corpus.mechanisms.values()]
    pages += [_author_page(corpus, a) for a in corpus.authors.values()]
    pages += [_series_page(corpus, s) for s in corpus.series.values()]
    pages += _graph().graph_pages(corpus)  # the matrix and the map
    return pages


def _graph():
    from . import graph  # diagrams, map and matrix (graph.py imports this module)

    return graph


def _brief_page(corpus: Corpus, brief: Brief) -> GeneratedPage:
    src = brief.source
    byline = [f"By {_links(corpus, 'author', brief.authors)}", _date(brief.date)]
    if brief.series:
        byline.append(f"Part of {link('series', brief.series.id, corpus.name_of('series', brief.series.id))}")
    md = [
        _front_matter(brief.title, brief.summary),
        f"# {escape(brief.title)}\n",
        '<div class="briefs-meta" markdown>\n',
        " · ".join(byline) + "\n",
        "</div>\n",
        f'<div class="briefs-summary" markdown>\n\n{escape(brief.summary)}\n\n</div>\n',
        f'<div class="briefs-credit" markdown>\n\nThis brief restates, in our own words, '
        f"[*{escape(src.title)}*](<{src.url}>) ({escape(src.publisher)}, {_date(src.date)}).\n\n</div>\n",
        escape_raw_html(brief.body).strip() + "\n",
        "## Recommendations in this brief {#recommendations}\n",
    ]
    for rec in brief.recommendations:
        anchor = _first_anchor(brief, rec)
        where = f" ([in the text](#{anchor}))" if anchor else ""
        md.append(f"{link('rec', rec.id, rec.title)}{where}\n")
        md.append(f":   {escape(rec.statement)}\n")
        md.append(f":   *Addressed to* {_links(corpus, 'actor', rec.addressed_to)}")
        if rec.mechanisms:
            md.append(f" · *through* {_links(corpus, 'mechanism', rec.mechanisms)}")
        md.append(f" · *{HORIZONS[rec.horizon].lower()}*\n\n")
    if not brief.recommendations:
        md.append("This brief makes no recommendation.\n")
    md.append(_graph().brief_diagram(corpus, brief))
    return GeneratedPage(page_uri("brief", brief.id), "\n".join(md), source=brief.pos.path)


def _first_anchor(brief: Brief, rec: Recommendation) -> str | None:
    return next((n.anchor for n in brief.annotations if n.kind == "rec" and n.target == rec.id and n.anchor), None)


def _rec_list(corpus: Corpus, recs: list[Recommendation], empty: str) -> str:
    if not recs:
        return f"{empty}\n"
    rows = [f"- {link('rec', r.id, r.title)} {_muted('from ' + link('brief', r.brief_id, corpus.brief_of(r).title))}"
            for r in recs[:LISTED]]
    if len(recs) > LISTED:
        rows.append(f"\nThe newest {LISTED} of {len(recs):,} are listed here.")
    return "\n".join(rows) + "\n"


def _explore(param: str, id_: str, recs: list[Recommendation]) -> str:
    """A link to the recommendations explorer filtered on `param=id_` (see assets/explorer.js)."""
    if not recs:
        return ""
    these = "it" if len(recs) == 1 else f"these {len(recs):,}"
    return f"[Open {these} in the recommendations explorer](rec:index?{param}={id_})\n"


def _recommendation_page(corpus: Corpus, rec: Recommendation) -> GeneratedPage:
    brief = corpus.brief_of(rec)
    md = [
        _front_matter(rec.title, rec.statement),
        f"# {escape(rec.title)}\n",
        f'<div class="briefs-summary" markdown>\n\n{escape(rec.statement)}\n\n</div>\n',
        _definitions([
            ("Addressed to", _links(corpus, "actor", rec.addressed_to)),
            ("Also involves", _links(corpus, "actor", rec.involves)),
            ("Through", _links(corpus, "mechanism", rec.mechanisms)),
            ("Horizon", HORIZONS[rec.horizon]),
            ("From the brief", link("brief", brief.id, brief.title) + f" ({_date(brief.date)})"),
        ]),
    ]
    note = corpus.in_context.get(rec.id)
    if note:
        quoted = "\n".join(f"> {line}" for line in escape_raw_html(note.passage).split("\n"))
        md += [
            "## In context\n",
            f'<div class="briefs-passage" data-search-exclude markdown>\n\n{quoted}\n\n</div>\n',
            f"{link('brief', brief.id, 'Read this passage in the brief', note.anchor)}\n",
        ]
    related = corpus.related_recommendations.get(rec.id, [])
    if related:
        md += ["## Related recommendations\n", _rec_list(corpus, related, "")]
    return GeneratedPage(page_uri("rec", rec.id), "\n".join(md), source=brief.pos.path)


def _mentions(corpus: Corpus, kind: str, id_: str) -> str:
    """Briefs whose text mentions an entity, each with links to its first few mentions."""
    by_brief: dict[str, list[Mention]] = {}
    for mention in corpus.mentions.get((kind, id_), []):
        by_brief.setdefault(mention.brief.id, []).append(mention)
    if not by_brief:
        return ""
    rows = []
    for brief_id, mentions in list(by_brief.items())[:LISTED]:
        shown = ", ".join(
            link("brief", brief_id, f"“{m.annotation.text}”", m.annotation.anchor) for m in mentions[:MENTIONS_SHOWN]
        )
        more = f" and {len(mentions) - MENTIONS_SHOWN} more" if len(mentions) > MENTIONS_SHOWN else ""
        rows.append(f"- {link('brief', brief_id, corpus.briefs[brief_id].title)}: {shown}{more}")
    if len(by_brief) > LISTED:
        rows.append(f"\nThe newest {LISTED} of {len(by_brief):,} briefs that mention it are listed here.")
    return "## Mentioned in\n\n" + "\n".join(rows) + "\n"


def _actor_page(corpus: Corpus, actor: Actor) -> GeneratedPage:
    members = [corpus.actors[r.id] for r in actor.members]
    md = [
        _front_matter(actor.name, actor.description or f"{actor.name}: {actor.kind.replace('-', ' ')}"),
        f"# {escape(actor.name)}\n",
        paragraphs(actor.description or "") + "\n",
        _definitions([
            ("Kind", escape(actor.kind.replace("-", " ").capitalize())),
            ("Short name", escape(actor.short or "")),
            ("Also known as", ", ".join(escape(a) for a in actor.aliases)),
            ("Members", _entity_links("actor", members)),
            ("Member of", _entity_links("actor", corpus.groups.get(actor.id, []))),
        ]),
        _graph().actor_diagram(corpus, actor),
        "## Recommendations addressed to it\n",
        _rec_list(corpus, corpus.addressed_to.get(actor.id, []), "None yet."),
        _explore("actor", actor.id, corpus.addressed_to.get(actor.id, [])),
        "## Recommendations that involve it\n",
        _rec_list(corpus, corpus.involving.get(actor.id, []), "None yet."),
        _explore("involves", actor.id, corpus.involving.get(actor.id, [])),
        _mentions(corpus, "actor", actor.id),
    ]
    return GeneratedPage(page_uri("actor", actor.id), "\n".join(md), source=actor.pos.path)


def _mechanism_page(corpus: Corpus, mech: Mechanism) -> GeneratedPage:
    md = [
        _front_matter(mech.name, mech.description or f"{mech.name}: {mech.kind.replace('-', ' ')}"),
        f"# {escape(mech.name)}\n",
        paragraphs(mech.description or "") + "\n",
        _definitions([
            ("Kind", escape(mech.kind.replace("-", " ").capitalize())),
            ("Part of", link("mechanism", mech.part_of.id, corpus.name_of("mechanism", mech.part_of.id)) if mech.part_of else ""),
            ("Parts", _entity_links("mechanism", corpus.children.get(mech.id, []))),
            ("Related", _entity_links("mechanism", corpus.related_mechanisms.get(mech.id, []))),
            ("Actors involved", _capped_links("actor", corpus.actors_through.get(mech.id, []))),
        ]),
        _graph().mechanism_diagram(corpus, mech),
        "## Recommendations that act through it\n",
        _rec_list(corpus, corpus.through.get(mech.id, []), "None yet."),
        _explore("mechanism", mech.id, corpus.through.get(mech.id, [])),
        _mentions(corpus, "mechanism", mech.id),
    ]
    return GeneratedPage(page_uri("mechanism", mech.id), "\n".join(md), source=mech.pos.path)


def _brief_list(corpus: Corpus, briefs: list[Brief]) -> str:
    rows = [f"- {link('brief', b.id, b.title)} ({_date(b.date)})" for b in briefs]
    return "\n".join(rows) + "\n" if rows else "None yet.\n"


def _author_page(corpus: Corpus, author) -> GeneratedPage:
    md = [
        _front_matter(author.name, author.affiliation or author.name),
        f"# {escape(author.name)}\n",
        escape(author.affiliation or "") + "\n",
        paragraphs(author.bio or "") + "\n",
        f"[Web page](<{author.url}>)\n" if author.url else "",
        "## Briefs\n",
        _brief_list(corpus, corpus.briefs_by_author.get(author.id, [])),
    ]
    return GeneratedPage(page_uri("author", author.id), "\n".join(md), source=author.pos.path)


def _series_page(corpus: Corpus, series) -> GeneratedPage:
    md = [
        _front_matter(series.name, series.description or series.name),
        f"# {escape(series.name)}\n",
        paragraphs(series.description or "") + "\n",
        _definitions([
            ("Publisher", escape(series.publisher or "")),
            ("Web page", f"[{escape(series.url)}](<{series.url}>)" if series.url else ""),
        ]),
        "## Briefs\n",
        _brief_list(corpus, corpus.briefs_by_series.get(series.id, [])),
    ]
    return GeneratedPage(page_uri("series", series.id), "\n".join(md), source=series.pos.path)


# --- section indexes ----------------------------------------------------------------


def _table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell or "–" for cell in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _index(corpus: Corpus, kind: str) -> GeneratedPage:
    title = SECTION_TITLES[kind]
    intro, body = _INDEXES[kind](corpus)
    md = _front_matter(title, index_description(corpus, kind), hide_toc=True) + f"# {title}\n\n{intro}\n\n{body}"
    return GeneratedPage(page_uri(kind), md, in_nav=True)


def _page_count(items: int, size: int) -> int:
    return max(1, -(-items // size))


def _later_pages(kind: str, total: int, page: Callable[[int], tuple[str, str]]) -> list[GeneratedPage]:
    """Pages 2, 3... of a section index split into `total` pages (`<section>/page/<n>.md`)."""
    pages = []
    for number in range(2, total + 1):
        intro, body = page(number)
        title = f"{SECTION_TITLES[kind]}, page {number} of {total}"
        md = _front_matter(title, intro, hide_toc=True) + f"# {escape(title)}\n\n{intro}\n\n{body}"
        pages.append(GeneratedPage(f"{SECTIONS[kind]}/page/{number}.md", md))
    return pages


def _pager_links(number: int, total: int) -> str:
    """'Previous page · Page 2 of 5 · Next page', linked relative to page `number`'s file."""
    def target(n: int) -> str:
        if number == 1:
            return f"page/{n}.md"
        return "../index.md" if n == 1 else f"{n}.md"

    parts = [f"[Previous page]({target(number - 1)})" if number > 1 else "", f"Page {number} of {total}",
             f"[Next page]({target(number + 1)})" if number < total else ""]
    return " · ".join(p for p in parts if p)


def _briefs_index(c: Corpus, number: int = 1) -> tuple[str, str]:
    """Page `number` (from 1) of the briefs, newest first, BRIEFS_PAGE_SIZE to a page."""
    briefs = list(c.briefs.values())
    total, start = _page_count(len(briefs), BRIEFS_PAGE_SIZE), (number - 1) * BRIEFS_PAGE_SIZE
    rows = [
        f"{link('brief', b.id, b.title)}\n:   {_date(b.date)} · {_links(c, 'author', b.authors)}\n:   {escape(b.summary)}\n"
        for b in briefs[start : start + BRIEFS_PAGE_SIZE]
    ]
    intro = f"{count(len(briefs), 'brief')}, newest first."
    if total == 1:
        return intro, "\n".join(rows) or "None yet.\n"
    pager = (f'\n<nav class="briefs-pager" aria-label="Pages of the list" markdown>\n\n'
             f"{_pager_links(number, total)}\n\n</nav>\n")
    return f"{intro} This page lists {start + 1:,} to {start + len(rows):,}.", "\n".join(rows) + pager


EXPLORER_PAGE_SIZE = 100
"""Rows of the recommendations table per page. A longer table is split across pages
(recommendations/, recommendations/page/2/, ...), so that no page passes 200 KB of HTML; the
explorer's script (assets/explorer.js) still filters all of them, from data/recommendations.json."""


def _recs_page_count(c: Corpus) -> int:
    return _page_count(len(c.recommendations), EXPLORER_PAGE_SIZE)


def _recs_table(c: Corpus, number: int = 1) -> tuple[str, str]:
    """Page `number` (from 1) of the table that assets/explorer.js turns into the explorer."""
    recs = list(c.recommendations.values())
    total, start = _recs_page_count(c), (number - 1) * EXPLORER_PAGE_SIZE
    shown = recs[start : start + EXPLORER_PAGE_SIZE]
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
    table = _table(["Recommendation", "Addressed to", "Also involves", "Mechanisms", "Horizon", "Brief"], rows)
    pager = ""
    if total > 1:
        pager = (f'<nav class="briefs-pager" aria-label="Pages of the table" markdown>\n\n'
                 f"{_pager_links(number, total)}\n\n</nav>\n\n")
    downloads = (
        f"Download [every recommendation as CSV]({root}data/recommendations.csv) or "
        f"[as JSON]({root}data/recommendations.json), or [the whole corpus as JSON]({root}data/corpus.json) "
        f"([its schema]({root}data/corpus.schema.json)).\n{{: .briefs-downloads }}\n\n"
    )
    # a table split across pages is left out of the search index: each recommendation's own page is in it
    exclude = " data-search-exclude" if total > 1 else ""
    body = (f'<div class="briefs-explorer" data-briefs-explorer data-page-size="{EXPLORER_PAGE_SIZE}"{exclude} markdown>\n\n'
            f"{downloads}{table}\n{pager}</div>\n")
    return intro, body


def _paged_table(intro: str, header: list[str], rows: list[list[str]], number: int) -> tuple[str, str]:
    """Page `number` (from 1) of an index table, TABLE_PAGE_SIZE rows to a page."""
    total, start = _page_count(len(rows), TABLE_PAGE_SIZE), (number - 1) * TABLE_PAGE_SIZE
    shown = rows[start : start + TABLE_PAGE_SIZE]
    if total == 1:
        return intro, _table(header, shown)
    pager = (f'\n<nav class="briefs-pager" aria-label="Pages of the list" markdown>\n\n'
             f"{_pager_links(number, total)}\n\n</nav>\n")
    return f"{intro} This page lists {start + 1:,} to {start + len(shown):,}.", _table(header, shown) + pager


def _actors_index(c: Corpus, number: int = 1) -> tuple[str, str]:
    rows = [
        [link("actor", a.id, a.name), escape(a.kind.replace("-", " ")),
         str(len(c.addressed_to.get(a.id, []))), str(len(c.involving.get(a.id, [])))]
        for a in c.actors.values()
    ]
    return _paged_table(f"{count(len(rows), 'actor')} that recommendations address or involve.",
                        ["Actor", "Kind", "Addressed", "Involved"], rows, number)


def _mechanisms_index(c: Corpus, number: int = 1) -> tuple[str, str]:
    rows = [
        [link("mechanism", m.id, m.name), escape(m.kind.replace("-", " ")),
         link("mechanism", m.part_of.id, c.name_of("mechanism", m.part_of.id)) if m.part_of else "",
         str(len(c.through.get(m.id, [])))]
        for m in c.mechanisms.values()
    ]
    return _paged_table(f"{count(len(rows), 'mechanism')} that recommendations act through.",
                        ["Mechanism", "Kind", "Part of", "Recommendations"], rows, number)


def _authors_index(c: Corpus, number: int = 1) -> tuple[str, str]:
    rows = [[link("author", a.id, a.name), escape(a.affiliation or ""), str(len(c.briefs_by_author.get(a.id, [])))]
            for a in c.authors.values()]
    return _paged_table(f"{count(len(rows), 'author')}.", ["Author", "Affiliation", "Briefs"], rows, number)


def _series_index(c: Corpus, number: int = 1) -> tuple[str, str]:
    rows = [[link("series", s.id, s.name), escape(s.publisher or ""), str(len(c.briefs_by_series.get(s.id, [])))]
            for s in c.series.values()]
    return _paged_table(f"{count(len(rows), 'series', 'series')}.", ["Series", "Publisher", "Briefs"],
                        rows, number)


_INDEXES = {"brief": _briefs_index, "rec": _recs_table, "actor": _actors_index,
            "mechanism": _mechanisms_index, "author": _authors_index, "series": _series_index}
"""Page `number` of each section's index: (intro, body)."""


def _index_page_count(c: Corpus, kind: str) -> int:
    """How many pages a section's index takes."""
    if kind == "brief":
        return _page_count(len(c.briefs), BRIEFS_PAGE_SIZE)
    if kind == "rec":
        return _recs_page_count(c)
    entries = {"actor": c.actors, "mechanism": c.mechanisms, "author": c.authors, "series": c.series}[kind]
    return _page_count(len(entries), TABLE_PAGE_SIZE)


def error_page(errors: list[Diagnostic]) -> str:
    """Shown by `mkdocs serve` in place of every generated page while the sources have errors."""
    listing = html.escape("\n".join(str(d) for d in errors))
    return (
        _front_matter("The briefs sources have errors", "The briefs sources have errors.")
        + "# The briefs sources have errors\n\n"
        + "This page will come back as soon as they are fixed; save the file and it reloads.\n\n"
        + f'<pre class="briefs-errors"><code>{listing}</code></pre>\n'
    )
