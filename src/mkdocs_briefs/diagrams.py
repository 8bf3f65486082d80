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
from .kinds import Folders
from .labels import t
from .markup import escape, explorer, explorer_link
from .mermaid import Flowchart, cut, figure, note
from .model import Actor, Brief, Mechanism, Recommendation


def _rec_nodes(chart: Flowchart, folders: Folders, recs: list[Recommendation], total: int, more_target: str,
               more_key: str) -> None:
    for rec in recs:
        chart.node(rec.title, folders.page_uri("rec", rec.id), shape="round")
    if total > len(recs):
        chart.node(t(more_key, total - len(recs)), more_target, css="more")


def _entity_nodes(chart: Flowchart, kind: str, corpus: Corpus, ids: list[str], more_target: str | None,
                  more_key: str) -> None:
    cap = corpus.settings.limits.diagram_neighbours
    for id_ in ids[:cap]:
        chart.node(corpus.name_of(kind, id_), corpus.folders.page_uri(kind, id_))
    if len(ids) > cap:
        chart.node(t(more_key, len(ids) - cap), more_target, css="more")


def _section(chart: Flowchart, caption: str, below: str) -> str:
    return f"## {t('diagram.connections')} {{#connections}}\n\n" + figure(chart, caption, below)


def actor_diagram(corpus: Corpus, actor: Actor) -> str:
    """The section of an actor's page that draws its neighbourhood ('' if it has none)."""
    most, per_group = corpus.settings.limits.diagram_recommendations, corpus.settings.limits.diagram_neighbours
    folders = corpus.folders
    addressed = corpus.incoming("addressed_to", actor.id)
    involving = corpus.incoming("involves", actor.id)
    groups = corpus.incoming("members", actor.id)
    members = [r.id for r in actor.members]
    mechs = corpus.ranked("mechanism", Counter(m.id for rec in addressed for m in rec.mechanisms))
    if not (addressed or involving or groups or members):
        return ""
    chart = Flowchart(t("diagram.actor.title"))
    focus = chart.node(actor.name, shape="stadium", css="focus")
    reserved = min(len(involving), most // 4)  # a few places for those that involve it
    shown_addressed = addressed[: most - reserved]
    shown_involving = involving[: most - len(shown_addressed)]
    if addressed:
        with chart.group(t("diagram.addressed_to_it")) as g:
            _rec_nodes(chart, folders, shown_addressed, len(addressed), explorer(folders, actor=actor.id),
                       "diagram.more_addressed")
        chart.edge(g, focus, t("diagram.edge.addressed_to"))
    if involving:
        with chart.group(t("diagram.involving_it")) as g:
            _rec_nodes(chart, folders, shown_involving, len(involving), explorer(folders, involves=actor.id),
                       "diagram.more_involving")
        chart.edge(g, focus, t("diagram.edge.involve"), dotted=True)
    if mechs:
        with chart.group(t("diagram.mechanisms")) as g:
            _entity_nodes(chart, "mechanism", corpus, mechs, explorer(folders, actor=actor.id),
                          "diagram.more_mechanisms")
        chart.edge(focus, g, t("diagram.edge.through"))
    if members:
        with chart.group(t("diagram.members")) as g:
            _entity_nodes(chart, "actor", corpus, members, None, "diagram.more_members")
        chart.edge(g, focus, t("diagram.edge.member_of"))
    if groups:
        with chart.group(t("diagram.groups")) as g:
            _entity_nodes(chart, "actor", corpus, [a.id for a in groups], None, "diagram.more_groups")
        chart.edge(focus, g, t("diagram.edge.member_of"))
    here = folders.page_uri("actor", actor.id)
    where = (t("diagram.actor.where", explorer=explorer_link(t("diagram.the_explorer"), here, folders, actor=actor.id))
             if addressed else t("diagram.actor.where_below"))
    below = note([
        cut(len(shown_addressed), len(addressed), "diagram.count.addressed"),
        cut(len(shown_involving), len(involving), "diagram.count.involving"),
        cut(per_group, len(mechs), "count.mechanism"),
        cut(per_group, len(members), "count.member"),
        cut(per_group, len(groups), "diagram.count.group"),
    ], where)
    return _section(chart, t("diagram.actor.caption", name=escape(actor.name)), below)


def mechanism_diagram(corpus: Corpus, mech: Mechanism) -> str:
    """The section of a mechanism's page that draws its neighbourhood ('' if it has none)."""
    most, per_group = corpus.settings.limits.diagram_recommendations, corpus.settings.limits.diagram_neighbours
    folders = corpus.folders
    through = corpus.incoming("mechanisms", mech.id)
    actors = corpus.ranked("actor", Counter(a.id for rec in through for a in rec.addressed_to))
    parts = [m.id for m in corpus.incoming("part_of", mech.id)]
    related = [m.id for m in corpus.incoming("related", mech.id)]
    if not (through or parts or related or mech.part_of):
        return ""
    chart = Flowchart(t("diagram.mechanism.title"))
    focus = chart.node(mech.name, shape="stadium", css="focus")
    shown = through[:most]
    if through:
        with chart.group(t("diagram.recommendations")) as recs:
            _rec_nodes(chart, folders, shown, len(through), explorer(folders, mechanism=mech.id),
                       "diagram.more_through")
        chart.edge(recs, focus, t("diagram.edge.through"))
        with chart.group(t("diagram.actors")) as g:
            _entity_nodes(chart, "actor", corpus, actors, explorer(folders, mechanism=mech.id), "diagram.more_actors")
        chart.edge(recs, g, t("diagram.edge.addressed_to"))
    if mech.part_of:
        parent_id = mech.part_of.id
        parent = chart.node(corpus.name_of("mechanism", parent_id), folders.page_uri("mechanism", parent_id))
        chart.edge(focus, parent, t("diagram.edge.part_of"))
    if parts:
        with chart.group(t("diagram.parts")) as g:
            _entity_nodes(chart, "mechanism", corpus, parts, None, "diagram.more_parts")
        chart.edge(g, focus, t("diagram.edge.part_of"))
    if related:
        with chart.group(t("diagram.related")) as g:
            _entity_nodes(chart, "mechanism", corpus, related, None, "diagram.more_related")
        chart.edge(focus, g, t("diagram.edge.related"), dotted=True, arrow=False)
    here = folders.page_uri("mechanism", mech.id)
    below = note([
        cut(len(shown), len(through), "count.rec"),
        cut(per_group, len(actors), "count.actor"),
        cut(per_group, len(parts), "diagram.count.part"),
        cut(per_group, len(related), "diagram.count.related"),
    ], t("diagram.mechanism.where", explorer=explorer_link(t("diagram.the_explorer"), here, folders, mechanism=mech.id))
       if through else t("diagram.mechanism.where_above"))
    return _section(chart, t("diagram.mechanism.caption", name=escape(mech.name)), below)


def brief_diagram(corpus: Corpus, brief: Brief) -> str:
    """The section of a brief's page that draws its recommendations, their actors and mechanisms."""
    most, per_group = corpus.settings.limits.diagram_recommendations, corpus.settings.limits.diagram_neighbours
    folders = corpus.folders
    recs = brief.recommendations
    if not recs:
        return ""
    actors = corpus.ranked("actor", Counter(a.id for rec in recs for a in rec.addressed_to))
    mechs = corpus.ranked("mechanism", Counter(m.id for rec in recs for m in rec.mechanisms))
    chart = Flowchart(t("diagram.brief.title"))
    focus = chart.node(brief.title, shape="stadium", css="focus")
    shown = recs[:most]
    everything = explorer(folders, brief=brief.id)
    with chart.group(t("diagram.recommendations")) as g:
        _rec_nodes(chart, folders, shown, len(recs), everything, "diagram.more_recommendations")
    chart.edge(focus, g)
    with chart.group(t("diagram.actors")) as a:
        _entity_nodes(chart, "actor", corpus, actors, everything, "diagram.more_actors")
    chart.edge(g, a, t("diagram.edge.addressed_to"))
    if mechs:
        with chart.group(t("diagram.mechanisms")) as m:
            _entity_nodes(chart, "mechanism", corpus, mechs, everything, "diagram.more_mechanisms")
        chart.edge(g, m, t("diagram.edge.through"))
    below = note([
        cut(len(shown), len(recs), "count.rec"),
        cut(per_group, len(actors), "count.actor"),
        cut(per_group, len(mechs), "count.mechanism"),
    ], t("diagram.brief.where",
         explorer=explorer_link(t("diagram.the_explorer"), folders.page_uri("brief", brief.id), folders,
                                brief=brief.id)))
    return _section(chart, t("diagram.brief.caption"), below)
