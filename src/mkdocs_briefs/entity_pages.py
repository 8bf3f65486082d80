"""The page of each brief, recommendation, actor, mechanism, author and series.

Each function is a pure function of the corpus that returns the page's Markdown. Pages
stay small as the corpus grows: passages are quoted only on a recommendation's page (and
left out of the search index there), and mentions are listed as links, not quotes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .annotations import escape_raw_html
from .connections import actor_connections, brief_connections, mechanism_connections
from .corpus import Corpus, Mention
from .labels import number, t
from .markup import (
    GeneratedPage,
    brief_list,
    capped_links,
    date,
    definitions,
    entity_links,
    escape,
    front_matter,
    horizon,
    kind_label,
    link,
    links,
    paragraphs,
    rec_badge,
    rec_list,
    relation_label,
)
from .model import Actor, Annotation, Author, Brief, Mechanism, Recommendation, Series
from .templates import Markup, render
from .update_pages import entity_status_section, status_section, update_page


def brief_page(corpus: Corpus, brief: Brief) -> GeneratedPage:
    entries = [{
        "rec": rec, "link": Markup(link("rec", rec.id, rec.title)), "anchor": _first_anchor(brief, rec) or "",
        "status": Markup(rec_badge(corpus, rec.id)), "statement": Markup(escape(rec.statement)),
        "addressed_to": Markup(links(corpus, "actor", rec.addressed_to)),
        "mechanisms": Markup(links(corpus, "mechanism", rec.mechanisms)), "horizon": horizon(rec.horizon, inline=True),
    } for rec in brief.recommendations]
    md = render("briefs/pages/brief.md", brief=brief,
                front_matter=Markup(front_matter(brief.title, brief.summary, meta=brief.page_meta)),
                title=Markup(escape(brief.title)),
                byline=Markup(render("briefs/byline.md", brief=brief,
                                     parts=[Markup(part) for part in _byline(corpus, brief)])),
                draft=Markup(t("brief.draft") + "\n{: .briefs-draft }\n" if brief.draft else ""),
                summary=Markup(escape(brief.summary)),
                credit=Markup(_credit(corpus, brief)), body=Markup(escape_raw_html(brief.body).strip()),
                recommendations=Markup(render("briefs/brief_recommendations.md", brief=brief, entries=entries)),
                connections=Markup(brief_connections(corpus, brief)))
    return GeneratedPage(corpus.folders.page_uri("brief", brief.id), md, source=brief.pos.path)


def _byline(corpus: Corpus, brief: Brief) -> list[str]:
    """Original work: "By Ann Author · 1 August 2022 · Part of S". A restatement says it is one, whose
    the original is and when each was published: "Restatement of commentary by Clint Work ·
    Original 1 August 2022, part of S · Restated 25 November 2026"."""
    authors = links(corpus, "author", brief.authors)
    series = link("series", brief.series.id, corpus.name_of("series", brief.series.id)) if brief.series else ""
    src = brief.source
    if src is None:
        return [t("brief.by", authors=authors), date(brief.date),
                *([t("brief.part_of", series=series)] if series else [])]
    line = [relation_label(src.relation, "byline", authors=authors),
            t("brief.original_part_of", date=date(src.date), series=series) if series
            else t("brief.original", date=date(src.date))]
    return line + ([relation_label(src.relation, "done", date=date(src.restated))] if src.restated else [])


def _credit(corpus: Corpus, brief: Brief) -> str:
    """A restated brief's credit line, worded from its relation to the source; none for original work."""
    src = brief.source
    if src is None:
        return ""
    credit = relation_label(src.relation, "credit", original=f"[*{escape(src.title)}*](<{src.url}>)",
                            authors=links(corpus, "author", brief.authors), publisher=escape(src.publisher),
                            date=date(src.date))
    quote = t("brief.quote_original", len(brief.authors))
    return render("briefs/credit.md", brief=brief, credit=Markup(credit), quote=Markup(quote))


def _first_anchor(brief: Brief, rec: Recommendation) -> str | None:
    return next((n.anchor for n in brief.annotations if n.kind == "rec" and n.target == rec.id and n.anchor), None)


def _explore(param: str, id_: str, recs: list[Recommendation]) -> str:
    """A link to the recommendations explorer filtered on `param=id_` (see assets/explorer.js)."""
    if not recs:
        return ""
    return f"[{t('explore.open', len(recs))}](rec:index?{param}={id_})\n"


def _marked_passage(note: Annotation) -> str:
    """The passage that makes a recommendation, as Markdown with its raw HTML shown as text, and
    the recommendation's own phrase (the annotation) in <mark>. The editor's text is escaped
    first: the marks go in after, through placeholders that text does not hold."""
    start, end = note.span
    if end <= start:
        return escape_raw_html(note.passage)
    token = "briefsmark"
    while token in note.passage:
        token += "x"
    text = f"{note.passage[:start]}{token}o{note.passage[start:end]}{token}c{note.passage[end:]}"
    return escape_raw_html(text).replace(f"{token}o", "<mark>", 1).replace(f"{token}c", "</mark>", 1)


def _shared(corpus: Corpus, mine: set[tuple[str, str]], other: Recommendation) -> str:
    """Why `other` is related to a recommendation: the actors and mechanisms both name, `mine` being
    the recommendation's (" · shares Japan, UNC-Rear")."""
    theirs = [("actor", r.id) for r in (*other.addressed_to, *other.involves)] + [
        ("mechanism", r.id) for r in other.mechanisms]
    both = dict.fromkeys(escape(corpus.name_of(kind, id_)) for kind, id_ in theirs if (kind, id_) in mine)
    return t("rec.related_why", names=t("list.comma").join(both)) if both else ""


def recommendation_page(corpus: Corpus, rec: Recommendation) -> GeneratedPage:
    brief = corpus.brief_of(rec)
    facts = definitions([
            (t("rec.addressed_to"), links(corpus, "actor", rec.addressed_to)),
            (t("rec.also_involves"), links(corpus, "actor", rec.involves)),
            (t("rec.through"), links(corpus, "mechanism", rec.mechanisms)),
            (t("rec.horizon"), horizon(rec.horizon)),
            (t("rec.from_brief"), link("brief", brief.id, brief.title) + f" ({date(brief.date)})"),
    ])
    note = corpus.in_context.get(rec.id)
    in_context = ""
    if note:
        quoted = "\n".join(f"> {line}" for line in _marked_passage(note).split("\n"))
        in_context = (f'<div class="briefs-passage" data-search-exclude markdown>\n\n{quoted}\n\n</div>\n\n'
                      f"{link('brief', brief.id, t('rec.read_passage'), note.anchor)}\n")
    related = corpus.related_recommendations.get(rec.id, [])
    mine = {("actor", r.id) for r in (*rec.addressed_to, *rec.involves)} | {("mechanism", r.id) for r in rec.mechanisms}
    md = render("briefs/pages/recommendation.md", rec=rec, brief=brief,
                front_matter=Markup(front_matter(rec.title, rec.statement)), title=Markup(escape(rec.title)),
                statement=Markup(escape(rec.statement)), facts=Markup(facts),
                status=Markup(status_section(corpus, rec)), in_context=Markup(in_context),
                related=Markup(rec_list(corpus, related, "", why={r.id: _shared(corpus, mine, r) for r in related},
                                        home_brief=brief.id) if related else ""))
    return GeneratedPage(corpus.folders.page_uri("rec", rec.id), md, source=brief.pos.path)


def _mentions(corpus: Corpus, kind: str, id_: str) -> str:
    """Briefs whose text mentions an entity, each with its wordings (block briefs/mentions.md): each wording
    once, linked to its first mention, with how many times it is written ("“Seoul” (3 times)")."""
    by_brief: dict[str, dict[str, list[Mention]]] = {}
    for mention in corpus.mentions.get((kind, id_), []):  # each wording once, in the order first written
        wording = " ".join(mention.annotation.text.split())
        by_brief.setdefault(mention.brief.id, {}).setdefault(wording, []).append(mention)
    listed, per_brief = corpus.settings.limits.listed, corpus.settings.limits.mentions_per_brief
    items = [{
        "brief": corpus.briefs[brief_id], "link": Markup(link("brief", brief_id, corpus.briefs[brief_id].title)),
        "mentions": [Markup(link("brief", brief_id, f"“{wording}”", ms[0].annotation.anchor)
                            + (t("mentions.times", len(ms)) if len(ms) > 1 else ""))
                     for wording, ms in list(wordings.items())[:per_brief]],
        "more": t("mentions.more", len(wordings) - per_brief) if len(wordings) > per_brief else "",
    } for brief_id, wordings in list(by_brief.items())[:listed]]
    more = t("mentions.newest", len(by_brief), shown=number(listed)) if len(by_brief) > listed else ""
    return render("briefs/mentions.md", items=items, more=Markup(more))


def actor_page(corpus: Corpus, actor: Actor) -> GeneratedPage:
    members = [corpus.actors[r.id] for r in actor.members]
    addressed, involving = corpus.incoming("addressed_to", actor.id), corpus.incoming("involves", actor.id)
    md = render(
        "briefs/pages/actor.md", actor=actor,
        front_matter=Markup(front_matter(
            actor.name, actor.description or f"{actor.name}: {kind_label('actor_kind', actor.kind)}")),
        title=Markup(escape(actor.name)), description=Markup(paragraphs(actor.description or "")),
        facts=Markup(definitions([
            (t("entity.kind"), escape(kind_label("actor_kind", actor.kind))),
            (t("actor.short"), escape(actor.short or "")),
            (t("actor.aliases"), ", ".join(escape(a) for a in actor.aliases)),
            (t("actor.members"), entity_links("actor", members)),
            (t("actor.member_of"), entity_links("actor", corpus.incoming("members", actor.id))),
        ])),
        connections=Markup(actor_connections(corpus, actor)),
        addressed=Markup(rec_list(corpus, addressed, t("list.none_yet"))),
        explore_addressed=Markup(_explore("actor", actor.id, addressed)),
        involving=Markup(rec_list(corpus, involving, t("list.none_yet"))),
        explore_involving=Markup(_explore("involves", actor.id, involving)),
        status=Markup(entity_status_section(corpus, addressed, "tracking.actor_intro", actor=actor.id)),
        mentions=Markup(_mentions(corpus, "actor", actor.id)), nothing=not addressed and not involving)
    return GeneratedPage(corpus.folders.page_uri("actor", actor.id), md, source=actor.pos.path)


def mechanism_page(corpus: Corpus, mech: Mechanism) -> GeneratedPage:
    through = corpus.incoming("mechanisms", mech.id)
    part_of = link("mechanism", mech.part_of.id, corpus.name_of("mechanism", mech.part_of.id)) if mech.part_of else ""
    md = render(
        "briefs/pages/mechanism.md", mechanism=mech,
        front_matter=Markup(front_matter(
            mech.name, mech.description or f"{mech.name}: {kind_label('mechanism_kind', mech.kind)}")),
        title=Markup(escape(mech.name)), description=Markup(paragraphs(mech.description or "")),
        facts=Markup(definitions([
            (t("entity.kind"), escape(kind_label("mechanism_kind", mech.kind))),
            (t("mechanism.part_of"), part_of),
            (t("mechanism.parts"), entity_links("mechanism", corpus.incoming("part_of", mech.id))),
            (t("mechanism.related"), entity_links("mechanism", corpus.incoming("related", mech.id))),
            (t("mechanism.actors"),
             capped_links("actor", corpus.actors_through.get(mech.id, []), corpus.settings.limits.listed)),
        ])),
        connections=Markup(mechanism_connections(corpus, mech)),
        through=Markup(rec_list(corpus, through, t("list.none_yet"))),
        explore=Markup(_explore("mechanism", mech.id, through)),
        status=Markup(entity_status_section(corpus, through, "tracking.mechanism_intro")),
        mentions=Markup(_mentions(corpus, "mechanism", mech.id)))
    return GeneratedPage(corpus.folders.page_uri("mechanism", mech.id), md, source=mech.pos.path)


def author_page(corpus: Corpus, author: Author) -> GeneratedPage:
    md = render("briefs/pages/author.md", author=author,
                front_matter=Markup(front_matter(author.name, author.affiliation or author.name)),
                title=Markup(escape(author.name)), affiliation=Markup(escape(author.affiliation or "")),
                bio=Markup(paragraphs(author.bio or "")),
                web_page=Markup(f"[{t('author.web_page')}](<{author.url}>)\n" if author.url else ""),
                briefs=Markup(brief_list(corpus.incoming("authors", author.id))))
    return GeneratedPage(corpus.folders.page_uri("author", author.id), md, source=author.pos.path)


def series_page(corpus: Corpus, series: Series) -> GeneratedPage:
    md = render("briefs/pages/series.md", series=series,
                front_matter=Markup(front_matter(series.name, series.description or series.name)),
                title=Markup(escape(series.name)), description=Markup(paragraphs(series.description or "")),
                facts=Markup(definitions([
                    (t("series.publisher"), escape(series.publisher or "")),
                    (t("series.web_page"), f"[{escape(series.url)}](<{series.url}>)" if series.url else ""),
                ])),
                briefs=Markup(brief_list(corpus.incoming("series", series.id))))
    return GeneratedPage(corpus.folders.page_uri("series", series.id), md, source=series.pos.path)


ENTITY_PAGES: dict[str, Callable[[Corpus, Any], GeneratedPage]] = {
    "brief": brief_page, "rec": recommendation_page, "actor": actor_page,
    "mechanism": mechanism_page, "author": author_page, "series": series_page, "update": update_page,
}
"""The function that writes the page of each kind of entity."""
