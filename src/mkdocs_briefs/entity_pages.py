"""The page of each brief, recommendation, actor, mechanism, author and series.

Each function is a pure function of the corpus that returns the page's Markdown. Pages
stay small as the corpus grows: passages are quoted only on a recommendation's page (and
left out of the search index there), and mentions are listed as links, not quotes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .annotations import escape_raw_html
from .corpus import Corpus, Mention
from .diagrams import actor_diagram, brief_diagram, mechanism_diagram
from .kinds import page_uri
from .markup import (
    GeneratedPage,
    brief_list,
    capped_links,
    date,
    definitions,
    entity_links,
    escape,
    front_matter,
    link,
    links,
    paragraphs,
    rec_list,
)
from .model import HORIZONS, RELATIONS, Actor, Author, Brief, Mechanism, Recommendation, Series

DRAFT_NOTE = ("**Draft:** not published yet; `mkdocs build` leaves this brief out until its front matter drops "
              "`draft: true`.\n{: .briefs-draft }\n")
"""Said at the top of a draft brief's page (shown by `mkdocs serve` only, unless the `drafts` option is on)."""


def brief_page(corpus: Corpus, brief: Brief) -> GeneratedPage:
    md = [
        front_matter(brief.title, brief.summary, meta=brief.page_meta),
        f"# {escape(brief.title)}\n",
        '<div class="briefs-meta" markdown>\n',
        " · ".join(_byline(corpus, brief)) + "\n",
        "</div>\n",
        *([DRAFT_NOTE] if brief.draft else []),
        f'<div class="briefs-summary" markdown>\n\n{escape(brief.summary)}\n\n</div>\n',
        _credit(corpus, brief),
        escape_raw_html(brief.body).strip() + "\n",
        "## Recommendations in this brief {#recommendations}\n",
    ]
    for rec in brief.recommendations:
        anchor = _first_anchor(brief, rec)
        where = f" ([in the text](#{anchor}))" if anchor else ""
        md.append(f"{link('rec', rec.id, rec.title)}{where}\n")
        md.append(f":   {escape(rec.statement)}\n")
        md.append(f":   *Addressed to* {links(corpus, 'actor', rec.addressed_to)}")
        if rec.mechanisms:
            md.append(f" · *through* {links(corpus, 'mechanism', rec.mechanisms)}")
        md.append(f" · *{HORIZONS[rec.horizon].lower()}*\n\n")
    if not brief.recommendations:
        md.append("This brief makes no recommendation.\n")
    md.append(brief_diagram(corpus, brief))
    return GeneratedPage(page_uri("brief", brief.id), "\n".join(md), source=brief.pos.path)


def _byline(corpus: Corpus, brief: Brief) -> list[str]:
    """Original work: "By Ann Author · 1 August 2022 · Part of S". A restatement says it is one, whose
    the original is and when each was published: "Restatement of commentary by Clint Work ·
    Original 1 August 2022, part of S · Restated 25 November 2026"."""
    authors = links(corpus, "author", brief.authors)
    series = link("series", brief.series.id, corpus.name_of("series", brief.series.id)) if brief.series else ""
    src = brief.source
    if src is None:
        return [f"By {authors}", date(brief.date), *([f"Part of {series}"] if series else [])]
    relation = RELATIONS[src.relation]
    line = [f"{relation.noun} of commentary by {authors}",
            f"Original {date(src.date)}" + (f", part of {series}" if series else "")]
    return line + ([f"{relation.done} {date(src.restated)}"] if src.restated else [])


def _credit(corpus: Corpus, brief: Brief) -> str:
    """A restated brief's credit line, worded from its relation to the source; none for original work."""
    src = brief.source
    if src is None:
        return ""
    authors = links(corpus, "author", brief.authors)
    whose, whose_s = ("the author", "the author's") if len(brief.authors) == 1 else ("the authors", "the authors'")
    return (f'<div class="briefs-credit" markdown>\n\nThis page {RELATIONS[src.relation].verb}, in our own words, '
            f"[*{escape(src.title)}*](<{src.url}>) by {authors} ({escape(src.publisher)}, {date(src.date)}). "
            f"The wording is ours, not {whose_s}: to quote {whose}, quote the original.\n\n</div>\n")


def _first_anchor(brief: Brief, rec: Recommendation) -> str | None:
    return next((n.anchor for n in brief.annotations if n.kind == "rec" and n.target == rec.id and n.anchor), None)


def _explore(param: str, id_: str, recs: list[Recommendation]) -> str:
    """A link to the recommendations explorer filtered on `param=id_` (see assets/explorer.js)."""
    if not recs:
        return ""
    these = "it" if len(recs) == 1 else f"these {len(recs):,}"
    return f"[Open {these} in the recommendations explorer](rec:index?{param}={id_})\n"


def recommendation_page(corpus: Corpus, rec: Recommendation) -> GeneratedPage:
    brief = corpus.brief_of(rec)
    md = [
        front_matter(rec.title, rec.statement),
        f"# {escape(rec.title)}\n",
        f'<div class="briefs-summary" markdown>\n\n{escape(rec.statement)}\n\n</div>\n',
        definitions([
            ("Addressed to", links(corpus, "actor", rec.addressed_to)),
            ("Also involves", links(corpus, "actor", rec.involves)),
            ("Through", links(corpus, "mechanism", rec.mechanisms)),
            ("Horizon", HORIZONS[rec.horizon]),
            ("From the brief", link("brief", brief.id, brief.title) + f" ({date(brief.date)})"),
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
        md += ["## Related recommendations\n", rec_list(corpus, related, "")]
    return GeneratedPage(page_uri("rec", rec.id), "\n".join(md), source=brief.pos.path)


def _mentions(corpus: Corpus, kind: str, id_: str) -> str:
    """Briefs whose text mentions an entity, each with links to its first few mentions."""
    by_brief: dict[str, list[Mention]] = {}
    for mention in corpus.mentions.get((kind, id_), []):
        by_brief.setdefault(mention.brief.id, []).append(mention)
    if not by_brief:
        return ""
    listed, per_brief = corpus.settings.limits.listed, corpus.settings.limits.mentions_per_brief
    rows = []
    for brief_id, mentions in list(by_brief.items())[:listed]:
        shown = ", ".join(
            link("brief", brief_id, f"“{m.annotation.text}”", m.annotation.anchor) for m in mentions[:per_brief]
        )
        more = f" and {len(mentions) - per_brief} more" if len(mentions) > per_brief else ""
        rows.append(f"- {link('brief', brief_id, corpus.briefs[brief_id].title)}: {shown}{more}")
    if len(by_brief) > listed:
        rows.append(f"\nThe newest {listed} of {len(by_brief):,} briefs that mention it are listed here.")
    return "## Mentioned in\n\n" + "\n".join(rows) + "\n"


def _kind_words(kind: str) -> str:
    """An actor's or mechanism's `kind` field as words: 'state-agency' -> 'state agency'."""
    return kind.replace("-", " ")


def actor_page(corpus: Corpus, actor: Actor) -> GeneratedPage:
    members = [corpus.actors[r.id] for r in actor.members]
    addressed, involving = corpus.incoming("addressed_to", actor.id), corpus.incoming("involves", actor.id)
    md = [
        front_matter(actor.name, actor.description or f"{actor.name}: {_kind_words(actor.kind)}"),
        f"# {escape(actor.name)}\n",
        paragraphs(actor.description or "") + "\n",
        definitions([
            ("Kind", escape(_kind_words(actor.kind).capitalize())),
            ("Short name", escape(actor.short or "")),
            ("Also known as", ", ".join(escape(a) for a in actor.aliases)),
            ("Members", entity_links("actor", members)),
            ("Member of", entity_links("actor", corpus.incoming("members", actor.id))),
        ]),
        actor_diagram(corpus, actor),
        "## Recommendations addressed to it\n",
        rec_list(corpus, addressed, "None yet."),
        _explore("actor", actor.id, addressed),
        "## Recommendations that involve it\n",
        rec_list(corpus, involving, "None yet."),
        _explore("involves", actor.id, involving),
        _mentions(corpus, "actor", actor.id),
    ]
    return GeneratedPage(page_uri("actor", actor.id), "\n".join(md), source=actor.pos.path)


def mechanism_page(corpus: Corpus, mech: Mechanism) -> GeneratedPage:
    through = corpus.incoming("mechanisms", mech.id)
    part_of = link("mechanism", mech.part_of.id, corpus.name_of("mechanism", mech.part_of.id)) if mech.part_of else ""
    md = [
        front_matter(mech.name, mech.description or f"{mech.name}: {_kind_words(mech.kind)}"),
        f"# {escape(mech.name)}\n",
        paragraphs(mech.description or "") + "\n",
        definitions([
            ("Kind", escape(_kind_words(mech.kind).capitalize())),
            ("Part of", part_of),
            ("Parts", entity_links("mechanism", corpus.incoming("part_of", mech.id))),
            ("Related", entity_links("mechanism", corpus.incoming("related", mech.id))),
            ("Actors involved",
             capped_links("actor", corpus.actors_through.get(mech.id, []), corpus.settings.limits.listed)),
        ]),
        mechanism_diagram(corpus, mech),
        "## Recommendations that act through it\n",
        rec_list(corpus, through, "None yet."),
        _explore("mechanism", mech.id, through),
        _mentions(corpus, "mechanism", mech.id),
    ]
    return GeneratedPage(page_uri("mechanism", mech.id), "\n".join(md), source=mech.pos.path)


def author_page(corpus: Corpus, author: Author) -> GeneratedPage:
    md = [
        front_matter(author.name, author.affiliation or author.name),
        f"# {escape(author.name)}\n",
        escape(author.affiliation or "") + "\n",
        paragraphs(author.bio or "") + "\n",
        f"[Web page](<{author.url}>)\n" if author.url else "",
        "## Briefs\n",
        brief_list(corpus.incoming("authors", author.id)),
    ]
    return GeneratedPage(page_uri("author", author.id), "\n".join(md), source=author.pos.path)


def series_page(corpus: Corpus, series: Series) -> GeneratedPage:
    md = [
        front_matter(series.name, series.description or series.name),
        f"# {escape(series.name)}\n",
        paragraphs(series.description or "") + "\n",
        definitions([
            ("Publisher", escape(series.publisher or "")),
            ("Web page", f"[{escape(series.url)}](<{series.url}>)" if series.url else ""),
        ]),
        "## Briefs\n",
        brief_list(corpus.incoming("series", series.id)),
    ]
    return GeneratedPage(page_uri("series", series.id), "\n".join(md), source=series.pos.path)


ENTITY_PAGES: dict[str, Callable[[Corpus, Any], GeneratedPage]] = {
    "brief": brief_page, "rec": recommendation_page, "actor": actor_page,
    "mechanism": mechanism_page, "author": author_page, "series": series_page,
}
"""The function that writes the page of each kind of entity."""
