"""Markdown building blocks that every generated page is made of.

Links between pages are written as annotations (`[Seoul](actor:rok)`); the `render`
extension turns them into real links when MkDocs converts the page. Every text an editor
wrote goes through `escape()`, so it shows as text and never as markup. Nothing here knows
about MkDocs.
"""

from __future__ import annotations

import datetime
import html
import json
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass

from . import labels
from .corpus import Corpus
from .kinds import Folders
from .labels import t
from .model import Brief, Recommendation, Ref
from .statuses import NOT_TRACKED, NOT_TRACKED_LABEL, NOT_TRACKED_MEANING, NOT_TRACKED_SYMBOL
from .templates import Markup, escape_markdown, memo_of, render, safe

WIDE = ("navigation", "toc")
"""What wide pages (the map, the matrix) hide: the left navigation and the table of contents."""


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str
    """Where the page pretends to live in the docs folder, like 'actors/rok.md'."""
    markdown: str
    source: str | None = None
    """The source file it was generated from (for the edit button), if any."""
    in_nav: bool = False
    """Only section indexes go in the navigation; entity pages are reached through them."""


# --- text -----------------------------------------------------------------------------

escape = escape_markdown
"""An editor's text as Markdown that renders exactly that text, on one line (templates.py; a
template's `md` filter)."""


def paragraphs(text: str) -> str:
    """Multi-paragraph text (blank-line separated) escaped paragraph by paragraph."""
    return "\n\n".join(escape(p) for p in re.split(r"\n\s*\n", text.strip()) if p.strip())


def front_matter(title: str, description: str, *, hide: tuple[str, ...] = (), meta: dict | None = None) -> str:
    """A page's front matter: its title and meta description, what the theme should `hide`, and
    the keys of `meta` (a brief's tags, template, search, status: model.PAGE_META) as they are."""
    # JSON strings are valid YAML scalars, whatever the editor's text contains. The theme
    # writes both into <title>, <meta content="..."> and the header unescaped: escape them here.
    desc = html.escape(" ".join(description.split()))
    meta = dict(meta or {})
    hide = tuple(dict.fromkeys((*hide, *meta.pop("hide", ()))))
    hidden = f"hide: [{', '.join(hide)}]\n" if hide else ""
    extra = "".join(f"{key}: {json.dumps(html_escaped(value))}\n" for key, value in meta.items())
    return f"---\ntitle: {json.dumps(html.escape(title))}\ndescription: {json.dumps(desc)}\n{hidden}{extra}---\n\n"


def html_escaped(value):
    """Every string in `value` HTML-escaped: the theme writes a page's front matter (title, description,
    author, tags, subtitle...) into the page unescaped."""
    if isinstance(value, str):
        return html.escape(value)
    if isinstance(value, list):
        return [html_escaped(v) for v in value]
    if isinstance(value, dict):
        return {k: html_escaped(v) for k, v in value.items()}
    return value


def date(day: datetime.date) -> str:
    """'1 August 2022', in the site's language (labels.py)."""
    return labels.date(day)


def count(n: int, key: str) -> str:
    """A counted label: count(2, "count.brief") -> '2 briefs'."""
    return t(key, n)


def how_many(part: int, total: int) -> str:
    """How many of `total` things `part` is, as the end of a sentence: 'all of them', '13 of them'."""
    if part == total:
        return t("how_many.it") if total == 1 else t("how_many.all")
    return t("how_many.none") if part == 0 else t("how_many.some", part)


def join(items: list[str], *, serial: bool = False) -> str:
    """'a', 'a and b', 'a, b and c' (with `serial`: 'a, b, and c'), in the site's language."""
    return labels.join(items, serial=serial)


def horizon(key: str, *, inline: bool = False) -> str:
    """A recommendation's horizon ('near-term') as a label: 'Near term' (`inline`: 'near term')."""
    if inline:
        return {"near-term": t("horizon.near_term.inline"), "long-term": t("horizon.long_term.inline")}.get(
            key, t("horizon.unspecified.inline"))
    return {"near-term": t("horizon.near_term"), "long-term": t("horizon.long_term")}.get(
        key, t("horizon.unspecified"))


_RELATION_LABELS = {
    "restates": {
        "byline": "relation.restates.byline",
        "done": "relation.restates.done",
        "credit": "relation.restates.credit",
        "noun": "relation.restates.noun",
        "verb": "relation.restates.verb",
        "cite": "relation.restates.cite",
    },
    "summarises": {
        "byline": "relation.summarises.byline",
        "done": "relation.summarises.done",
        "credit": "relation.summarises.credit",
        "noun": "relation.summarises.noun",
        "verb": "relation.summarises.verb",
        "cite": "relation.summarises.cite",
    },
}
"""The label of each part of each relation (written out, so the catalogue test finds every key)."""


def relation_label(relation: str, part: str, **values: object) -> str:
    """A label worded from a brief's relation to its source (model.RELATIONS): part 'byline' ("Restatement
    of commentary by {authors}"), 'done' ("Restated {date}"), 'credit', 'noun', 'verb' or 'cite'."""
    return t(_RELATION_LABELS[relation][part], **values)


def muted(markdown: str) -> str:
    return f'<span class="briefs-muted">{markdown}</span>'


def kind_label(key: str, kind: str) -> str:
    """The label of an actor's or a mechanism's kind ('actor_kind', 'government-body' -> 'Government body')."""
    return t(f"{key}.{kind}")


# --- links ----------------------------------------------------------------------------


def link(kind: str, id_: str, text: str, fragment: str = "") -> str:
    return f"[{escape(text)}]({kind}:{id_}{'#' + fragment if fragment else ''})"


def links(corpus: Corpus, kind: str, refs: list[Ref]) -> str:
    """Links to the entities `refs` name, comma-separated."""
    return ", ".join(link(kind, r.id, corpus.name_of(kind, r.id)) for r in refs)


def entity_links(kind: str, entities: Iterable) -> str:
    return ", ".join(link(kind, e.id, getattr(e, "title", None) or e.name) for e in entities)


def capped_links(kind: str, entities: list, limit: int) -> str:
    """The first `limit` entities' links, and how many more there are."""
    more = t("list.and_more", len(entities) - limit) if len(entities) > limit else ""
    return entity_links(kind, entities[:limit]) + more


def explorer(folders: Folders, **filters: str) -> str:
    """The docs path of the recommendations explorer (the recommendations index), filtered:
    explorer(folders, actor='rok') -> 'recommendations/index.md?actor=rok'."""
    query = "&".join(f"{k}={v}" for k, v in filters.items())
    return folders.page_uri("rec") + (f"?{query}" if query else "")


def explorer_link(text: str, from_uri: str, folders: Folders, **filters: str) -> str:
    """A Markdown link from the page at `from_uri` to the explorer, filtered."""
    return f"[{escape(text)}]({relative(explorer(folders, **filters), from_uri)})"


def relative(target: str, from_uri: str) -> str:
    """The docs path `target` relative to the folder of the page at `from_uri`."""
    return posixpath.relpath(target, posixpath.dirname(from_uri))


# --- blocks ---------------------------------------------------------------------------


def definitions(rows: list[tuple[str, str]]) -> str:
    """The facts about an entity, as a definition list of the rows whose value (Markdown) is not empty:
    the block briefs/facts.md."""
    return render("briefs/facts.md", rows=[(term, safe(value)) for term, value in rows if value])


def table(header: list[str], rows: list[list[str]]) -> str:
    """A table of Markdown cells under a header of labels: the block briefs/table.md."""
    return render("briefs/table.md", header=header, rows=[[safe(cell) for cell in row] for row in rows])


def rec_list(corpus: Corpus, recs: list[Recommendation], empty: str, why: dict[str, str] | None = None,
             home_brief: str | None = None) -> str:
    """The first `limits.listed` recommendations, each with its brief (and, from `why`, why it is
    listed, Markdown), and how many there are in all. A recommendation of `home_brief`, the brief of
    the page's own recommendation, says "from the same brief" instead of the brief's whole title again."""
    listed = corpus.settings.limits.listed
    same = safe(escape(t("rec_list.same_brief"))) if home_brief else safe("")
    items = [{**_rec_item(corpus, r), **({"brief": same} if r.brief_id == home_brief else {}),
              "why": safe(why.get(r.id, "")) if why else safe("")} for r in recs[:listed]]
    more = t("rec_list.newest", len(recs), shown=labels.number(listed)) if len(recs) > listed else ""
    return render("briefs/rec_list.md", items=items, empty=Markup(empty), more=Markup(more))


def _rec_item(corpus: Corpus, rec: Recommendation) -> dict[str, object]:
    """A recommendation as a list shows it (its link, badge and brief), made once a run."""
    return memo_of(rec, "rec item", lambda: {
        "rec": rec, "link": safe(link("rec", rec.id, rec.title)), "status": safe(rec_badge(corpus, rec.id)),
        "brief": safe(link("brief", rec.brief_id, corpus.brief_of(rec).title))})


def status_label(corpus: Corpus, status: str) -> str:
    """A status's name in the site's words (not escaped): the site's own, or the label catalogue's."""
    level = corpus.scale.get(status)
    if level is None:
        return t(NOT_TRACKED_LABEL)
    return level.label or (t(level.label_key) if level.label_key else level.id)


def status_meaning(corpus: Corpus, status: str) -> str:
    """What a status claims, in the site's words (not escaped)."""
    level = corpus.scale.get(status)
    if level is None:
        return t(NOT_TRACKED_MEANING)
    return level.meaning or (t(level.meaning_key) if level.meaning_key else "")


def status_symbol(corpus: Corpus, status: str) -> str:
    """The mark shown before a status's name, so that a badge reads without its colour."""
    level = corpus.scale.get(status)
    return level.symbol if level else NOT_TRACKED_SYMBOL


def status_badge(corpus: Corpus, status: str, as_of: datetime.date | None = None, *, was: str | None = None) -> str:
    """A compact status badge: a symbol and a word (readable without colour), the date in its title
    (written once a run for each status, date and previous status: templates.memo)."""
    return memo_of(corpus.scale, ("status_badge", status, as_of, was),
                   lambda: _status_badge(corpus, status, as_of, was))


def _status_badge(corpus: Corpus, status: str, as_of: datetime.date | None, was: str | None) -> str:
    level = corpus.scale.get(status)
    label = status_label(corpus, status)
    symbol = status_symbol(corpus, status)
    kind = status if level and _CLASS_SAFE.fullmatch(status) else NOT_TRACKED if not level else "other"
    back = t("status.was", status=escape(status_label(corpus, was))) if was else ""
    title = f' title="{html.escape(t("status.as_of", date=date(as_of)))}"' if as_of else ""
    setback = " briefs-status--setback" if was else ""
    return (f'<span class="briefs-status briefs-status--{kind}{setback}"{title}>'
            f'<span aria-hidden="true">{html.escape(symbol)}</span> {escape(label)}{back}</span>')


def rec_badge(corpus: Corpus, rec_id: str) -> str:
    """The badge of a recommendation's current status."""
    track = corpus.tracks.get(rec_id)
    if track is None:
        return status_badge(corpus, NOT_TRACKED)
    now = memo_of(track, "current", lambda: track.current)
    return status_badge(corpus, now.status, now.as_of, was=now.previous)


_CLASS_SAFE = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def brief_list(briefs: list[Brief]) -> str:
    """Briefs with their dates, or "None yet.": the block briefs/brief_list.md."""
    return render("briefs/brief_list.md", items=[{"brief": b, "link": Markup(link("brief", b.id, b.title)),
                                                  "date": date(b.date)} for b in briefs])


def brief_entries(corpus: Corpus, briefs: list[Brief]) -> str:
    """Each brief as a definition: its title, date and authors, and summary ('' for none): the block
    briefs/brief_entries.md."""
    return render("briefs/brief_entries.md", items=[
        {"brief": b, "link": Markup(link("brief", b.id, b.title)), "date": date(b.date),
         "authors": Markup(links(corpus, "author", b.authors)), "summary": Markup(escape(b.summary))}
        for b in briefs])


def pager(number: int, total: int, label: str) -> str:
    """'Previous page · Page 2 of 5 · Next page' in a <nav>, linked relative to page `number`'s file
    (page 1 is `<section>/index.md`, page n `<section>/page/<n>.md`)."""
    def target(n: int) -> str:
        if number == 1:
            return f"page/{n}.md"
        return "../index.md" if n == 1 else f"{n}.md"

    return render("briefs/pager.html", label=label, page=number, pages=total,
                  previous=target(number - 1) if number > 1 else "", next=target(number + 1) if number < total else "")


def unsearched(css_class: str, markdown: str) -> str:
    """`markdown` in a block that Material's search leaves out of its index (`data-search-exclude`):
    an index's rows, whose entries each have a page of their own that search finds, and whose run
    of names, dates and summaries would come back as one long, useless result."""
    return f'<div class="{css_class}" data-search-exclude markdown>\n\n{markdown.rstrip(chr(10))}\n\n</div>\n'
