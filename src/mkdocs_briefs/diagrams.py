"""The "Connections" diagram of an actor's, a mechanism's and a brief's page: its neighbourhood.

Each function is a pure function of the corpus that returns the Markdown of the page's
section ('' when there is nothing to draw). A diagram shows at most
`limits.diagram_recommendations` recommendations and `limits.diagram_neighbours` actors or
mechanisms per group (settings.py); the rest are summed
up in a dashed "and N more" box that links to the full list (see `mermaid`).
"""

from __future__ import annotations

from collections import Counter

from .corpus import Corpus
from .kinds import page_uri
from .markup import escape, explorer, explorer_link
from .mermaid import Flowchart, cut, figure, note
from .model import Actor, Brief, Mechanism, Recommendation


def _rec_nodes(chart: Flowchart, recs: list[Recommendation], total: int, more_target: str, more_noun: str) -> None:
    for rec in recs:
        chart.node(rec.title, page_uri("rec", rec.id), shape="round")
    if total > len(recs):
        chart.node(f"and {total - len(recs)} more {more_noun}", more_target, css="more")


def _entity_nodes(chart: Flowchart, kind: str, corpus: Corpus, ids: list[str], more_target: str | None,
                  noun: str) -> None:
    cap = corpus.settings.limits.diagram_neighbours
    for id_ in ids[:cap]:
        chart.node(corpus.name_of(kind, id_), page_uri(kind, id_))
    if len(ids) > cap:
        chart.node(f"and {len(ids) - cap} more {noun}", more_target, css="more")


def _section(chart: Flowchart, caption: str, below: str) -> str:
    return "## Connections {#connections}\n\n" + figure(chart, caption, below)


def actor_diagram(corpus: Corpus, actor: Actor) -> str:
    """The section of an actor's page that draws its neighbourhood ('' if it has none)."""
    most, per_group = corpus.settings.limits.diagram_recommendations, corpus.settings.limits.diagram_neighbours
    addressed = corpus.incoming("addressed_to", actor.id)
    involving = corpus.incoming("involves", actor.id)
    groups = corpus.incoming("members", actor.id)
    members = [r.id for r in actor.members]
    mechs = corpus.ranked("mechanism", Counter(m.id for rec in addressed for m in rec.mechanisms))
    if not (addressed or involving or groups or members):
        return ""
    chart = Flowchart("What this actor is linked to")
    focus = chart.node(actor.name, shape="stadium", css="focus")
    reserved = min(len(involving), most // 4)  # a few places for those that involve it
    shown_addressed = addressed[: most - reserved]
    shown_involving = involving[: most - len(shown_addressed)]
    if addressed:
        with chart.group("Addressed to it") as g:
            _rec_nodes(chart, shown_addressed, len(addressed), explorer(actor=actor.id), "addressed to it")
        chart.edge(g, focus, "addressed to")
    if involving:
        with chart.group("Involving it") as g:
            _rec_nodes(chart, shown_involving, len(involving), explorer(involves=actor.id), "that involve it")
        chart.edge(g, focus, "involve", dotted=True)
    if mechs:
        with chart.group("Mechanisms") as g:
            _entity_nodes(chart, "mechanism", corpus, mechs, explorer(actor=actor.id), "mechanisms")
        chart.edge(focus, g, "through")
    if members:
        with chart.group("Members") as g:
            _entity_nodes(chart, "actor", corpus, members, None, "members")
        chart.edge(g, focus, "member of")
    if groups:
        with chart.group("Groups") as g:
            _entity_nodes(chart, "actor", corpus, [a.id for a in groups], None, "groups")
        chart.edge(focus, g, "member of")
    where = (f"{explorer_link('the explorer', page_uri('actor', actor.id), actor=actor.id)} lists every "
             "recommendation addressed to it" if addressed else "the lists below have them all")
    below = note([
        cut(len(shown_addressed), len(addressed), "recommendation addressed to it",
             "recommendations addressed to it"),
        cut(len(shown_involving), len(involving), "recommendation that involves it",
             "recommendations that involve it"),
        cut(per_group, len(mechs), "mechanism"),
        cut(per_group, len(members), "member"),
        cut(per_group, len(groups), "group"),
    ], where)
    return _section(chart, f"{escape(actor.name)}: the recommendations addressed to it or involving it, and the "
                           "mechanisms they act through.", below)


def mechanism_diagram(corpus: Corpus, mech: Mechanism) -> str:
    """The section of a mechanism's page that draws its neighbourhood ('' if it has none)."""
    most, per_group = corpus.settings.limits.diagram_recommendations, corpus.settings.limits.diagram_neighbours
    through = corpus.incoming("mechanisms", mech.id)
    actors = corpus.ranked("actor", Counter(a.id for rec in through for a in rec.addressed_to))
    parts = [m.id for m in corpus.incoming("part_of", mech.id)]
    related = [m.id for m in corpus.incoming("related", mech.id)]
    if not (through or parts or related or mech.part_of):
        return ""
    chart = Flowchart("What this mechanism is linked to")
    focus = chart.node(mech.name, shape="stadium", css="focus")
    shown = through[:most]
    if through:
        with chart.group("Recommendations") as recs:
            _rec_nodes(chart, shown, len(through), explorer(mechanism=mech.id), "through it")
        chart.edge(recs, focus, "through")
        with chart.group("Actors") as g:
            _entity_nodes(chart, "actor", corpus, actors, explorer(mechanism=mech.id), "actors")
        chart.edge(recs, g, "addressed to")
    if mech.part_of:
        parent = chart.node(corpus.name_of("mechanism", mech.part_of.id), page_uri("mechanism", mech.part_of.id))
        chart.edge(focus, parent, "part of")
    if parts:
        with chart.group("Parts") as g:
            _entity_nodes(chart, "mechanism", corpus, parts, None, "parts")
        chart.edge(g, focus, "part of")
    if related:
        with chart.group("Related") as g:
            _entity_nodes(chart, "mechanism", corpus, related, None, "related mechanisms")
        chart.edge(focus, g, "related", dotted=True, arrow=False)
    below = note([
        cut(len(shown), len(through), "recommendation"),
        cut(per_group, len(actors), "actor"),
        cut(per_group, len(parts), "part"),
        cut(per_group, len(related), "related mechanism"),
    ], f"{explorer_link('the explorer', page_uri('mechanism', mech.id), mechanism=mech.id)} lists every "
       "recommendation through it" if through else "the facts above list them all")
    return _section(chart, f"{escape(mech.name)}: the recommendations that act through it, the actors they "
                           "address, and the mechanisms linked to it.", below)


def brief_diagram(corpus: Corpus, brief: Brief) -> str:
    """The section of a brief's page that draws its recommendations, their actors and mechanisms."""
    most, per_group = corpus.settings.limits.diagram_recommendations, corpus.settings.limits.diagram_neighbours
    recs = brief.recommendations
    if not recs:
        return ""
    actors = corpus.ranked("actor", Counter(a.id for rec in recs for a in rec.addressed_to))
    mechs = corpus.ranked("mechanism", Counter(m.id for rec in recs for m in rec.mechanisms))
    chart = Flowchart("This brief's recommendations, their actors and mechanisms")
    focus = chart.node(brief.title, shape="stadium", css="focus")
    shown = recs[:most]
    everything = explorer(brief=brief.id)
    with chart.group("Recommendations") as g:
        _rec_nodes(chart, shown, len(recs), everything, "recommendations")
    chart.edge(focus, g)
    with chart.group("Actors") as a:
        _entity_nodes(chart, "actor", corpus, actors, everything, "actors")
    chart.edge(g, a, "addressed to")
    if mechs:
        with chart.group("Mechanisms") as m:
            _entity_nodes(chart, "mechanism", corpus, mechs, everything, "mechanisms")
        chart.edge(g, m, "through")
    below = note([
        cut(len(shown), len(recs), "recommendation"),
        cut(per_group, len(actors), "actor"),
        cut(per_group, len(mechs), "mechanism"),
    ], f"the list above has every recommendation, and "
       f"{explorer_link('the explorer', page_uri('brief', brief.id), brief=brief.id)} their actors and mechanisms")
    return _section(chart, "This brief's recommendations, who they are addressed to and what they act through.", below)
