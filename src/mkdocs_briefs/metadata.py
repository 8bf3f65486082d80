"""What the generated pages say about themselves to browsers, search engines and feeds.

- `index_description`: the meta description of a section's index, from its entries;
- `article_jsonld` and `jsonld_script`: a brief page's schema.org `Article`, serialised
  so that no field can end the `<script>` element it sits in.

Nothing here knows about MkDocs; `indexes` and `plugin` use it.
"""

from __future__ import annotations

import json

from .corpus import Corpus
from .labels import t
from .markup import count, how_many, join
from .model import Brief


def _names(names: list[str], limit: int = 3, *, more: bool = True) -> str:
    """'A', 'A and B', 'A, B and C', 'A, B, C and 4 more' (without `more`: the first three only)."""
    shown = names[:limit]
    rest = len(names) - len(shown)
    if rest and more:
        return t("list.comma").join(shown) + t("list.and_more", rest)
    return join(shown)


def _ranked(corpus: Corpus, kind: str, back: dict[str, list], *, every: bool = False) -> list[str]:
    """Names of the entries in `back` (with `every`: of all the kind's entries), most referred to
    first, then in the corpus' order."""
    ids = corpus.table(kind) if every else back
    return [corpus.name_of(kind, id_) for id_ in corpus.ranked(kind, {id_: len(back.get(id_, [])) for id_ in ids})]


def index_description(corpus: Corpus, kind: str) -> str:
    """One or two sentences on what a section's index lists, with examples from the data."""
    c = corpus
    if kind == "brief":
        restated = sum(1 for b in c.briefs.values() if b.source)
        if restated == len(c.briefs):
            text = t("meta.briefs", len(c.briefs))
        elif restated:
            text = t("meta.briefs_mixed", len(c.briefs), share=how_many(restated, len(c.briefs)))
        else:
            text = t("meta.briefs_original", len(c.briefs))
        if c.briefs:
            text += " " + t("meta.latest", title=next(iter(c.briefs.values())).title)
        return text
    if kind == "rec":
        return t("meta.recs", recs=count(len(c.recommendations), "count.rec"),
                 briefs=count(len(c.briefs), "count.brief"))
    if kind == "actor":
        involved = {id_: [*c.incoming("addressed_to", id_), *c.incoming("involves", id_)] for id_ in c.actors}
        named = _ranked(c, "actor", {id_: recs for id_, recs in involved.items() if recs})
        share = how_many(len(named), len(c.actors))
        text = t("meta.actors", actors=count(len(c.actors), "count.actor"), share=share)
        return text + (t("meta.among", names=_names(named, more=False)) if named and c.actors else t("meta.end"))
    if kind == "mechanism":
        used = _ranked(c, "mechanism", {id_: recs for id_, recs in c.backlinks["mechanisms"].items() if recs})
        share = how_many(len(used), len(c.mechanisms))
        text = t("meta.mechanisms", mechanisms=count(len(c.mechanisms), "count.mechanism"), share=share)
        return text + (t("meta.among", names=_names(used, more=False)) if used and c.mechanisms else t("meta.end"))
    if kind == "author":
        every = c.briefs and all(b.source for b in c.briefs.values())
        text = t("meta.authors", len(c.authors)) if every else t("meta.authors_any", len(c.authors))
        return text + (t("meta.names", names=_names(_ranked(c, "author", c.backlinks["authors"], every=True)))
                       if c.authors else t("meta.end"))
    if kind == "series":
        text = t("meta.series", len(c.series))
        return text + (t("meta.names", names=_names(_ranked(c, "series", c.backlinks["series"], every=True)))
                       if c.series else t("meta.end"))
    return _updates_description(c) if kind == "update" else _unknown_kind(kind)


def _updates_description(c: Corpus) -> str:
    text = t("meta.updates", len(c.updates))
    return text + (t("meta.latest_update", title=next(iter(c.updates.values())).title) if c.updates
                   else t("meta.end"))


def _unknown_kind(kind: str) -> str:
    raise ValueError(kind)


def article_jsonld(corpus: Corpus, brief: Brief, *, site_name: str, site_url: str | None,
                   url: str | None, author_urls: dict[str, str] | None = None) -> dict:
    """The brief as a schema.org `Article`; addresses are left out when the site has no site_url.

    Original work: its authors are the Article's. A restatement: the site is its author, and the
    original (`isBasedOn`) carries the original's authors, date, publisher and series."""
    src = brief.source
    author_urls = author_urls or {}
    authors = []
    for ref in brief.authors:
        person = {"@type": "Person", "name": corpus.name_of("author", ref.id)}
        if ref.id in author_urls:
            person["url"] = author_urls[ref.id]
        authors.append(person)
    publisher = {"@type": "Organization", "name": site_name}
    if site_url:
        publisher["url"] = site_url
    series = None
    if brief.series:
        series = {"@type": "CreativeWorkSeries", "name": corpus.name_of("series", brief.series.id)}
    data: dict = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": brief.title,
        "description": " ".join(brief.summary.split()),
    }
    if src is None:
        data.update({"datePublished": brief.date.isoformat(), "author": authors, "publisher": publisher})
        if series:
            data["isPartOf"] = series
    else:
        if src.restated:
            data["datePublished"] = src.restated.isoformat()
        original: dict = {
            "@type": "CreativeWork",
            "name": src.title,
            "url": src.url,
            "author": authors,
            "datePublished": src.date.isoformat(),
            "publisher": {"@type": "Organization", "name": src.publisher},
        }
        if series:
            original["isPartOf"] = series
        data.update({"author": publisher, "publisher": publisher, "isBasedOn": original})
    if url:
        data["url"] = url
        data["mainEntityOfPage"] = url
    return data


_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                              "\u2028": "\\u2028", "\u2029": "\\u2029"})


def jsonld_script(data: dict) -> str:
    """A `<script type="application/ld+json">` element. `<`, `>` and `&` are written as JSON
    escapes, so no text can close the element or open a comment; `json.loads` reads them back."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_SAFE)
    return f'<script type="application/ld+json">{text}</script>'
