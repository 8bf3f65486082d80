"""The "Connections" grid of a brief's, an actor's and a mechanism's page: who goes with what.

Rows are the page's recommendations; columns are the actors they are addressed to or involve
and the mechanisms they act through; each connection is a cell with its mark (grids.py). A
grid shows at most `limits.diagram_recommendations` rows and `limits.diagram_neighbours`
columns of each group (settings.py); the note under it says what it leaves out and links to
the explorer, which has them all. Each function returns the Markdown of the page's section
('' when there is nothing to show). Nothing here knows about MkDocs.
"""

from __future__ import annotations

from collections import Counter

from .corpus import Corpus
from .grids import ColumnGroup, Grid, Row, cut, legend, mark, note
from .labels import t
from .markup import escape, explorer_link, link
from .model import Actor, Brief, Mechanism, Recommendation
from .templates import render, safe


def _actors(corpus: Corpus, recs: list[Recommendation], first: tuple[str, ...] = ()) -> list[str]:
    """The actors of `recs`: `first`, then those addressed (the most often first), then those only involved."""
    addressed = corpus.ranked("actor", Counter(a.id for rec in recs for a in rec.addressed_to))
    involved = corpus.ranked("actor", Counter(a.id for rec in recs for a in rec.involves))
    return list(dict.fromkeys([*first, *addressed, *involved]))


def _grid(corpus: Corpus, recs: list[Recommendation], actors: list[str], mechs: list[str], caption: str,
          where: str, here: str = "") -> str:
    limits = corpus.settings.limits
    rows, shown_actors, shown_mechs = (recs[: limits.diagram_recommendations], actors[: limits.diagram_neighbours],
                                       mechs[: limits.diagram_neighbours])
    grid = Grid(caption, t("grid.recommendation"))
    if shown_actors:
        grid.groups.append(ColumnGroup(t("grid.actors"), [
            escape(corpus.name_of("actor", a)) if a == here else link("actor", a, corpus.name_of("actor", a))
            for a in shown_actors]))  # the page's own actor is not a link to itself
    if shown_mechs:
        grid.groups.append(ColumnGroup(t("grid.mechanisms"), [link("mechanism", m, corpus.name_of("mechanism", m))
                                                              for m in shown_mechs]))
    used: set[str] = set()
    marks = {kind: mark(kind) for kind in ("addressed_to", "involves", "mechanisms")}
    for rec in rows:
        roles = {**{r.id: "involves" for r in rec.involves}, **{r.id: "addressed_to" for r in rec.addressed_to}}
        through = {m.id for m in rec.mechanisms}
        cells = [marks[roles[a]] if a in roles else "" for a in shown_actors]
        cells += [marks["mechanisms"] if m in through else "" for m in shown_mechs]
        used |= {roles[a] for a in shown_actors if a in roles}
        used |= {"mechanisms"} if through & set(shown_mechs) else set()
        grid.rows.append(Row(link("rec", rec.id, rec.title), cells))
    grid.legend = legend([k for k in ("addressed_to", "involves", "mechanisms") if k in used])
    grid.note = note([cut(len(rows), len(recs), "count.rec"), cut(len(shown_actors), len(actors), "count.actor"),
                      cut(len(shown_mechs), len(mechs), "count.mechanism")], where)
    return render("briefs/connections.md", grid=safe(grid.markdown()))


def brief_connections(corpus: Corpus, brief: Brief) -> str:
    """A brief's recommendations by their actors and mechanisms ('' for a brief without recommendations)."""
    recs = brief.recommendations
    if not recs:
        return ""
    mechs = corpus.ranked("mechanism", Counter(m.id for rec in recs for m in rec.mechanisms))
    here = corpus.folders.page_uri("brief", brief.id)
    where = t("grid.where", explorer=explorer_link(t("grid.the_explorer"), here, corpus.folders, brief=brief.id))
    return _grid(corpus, recs, _actors(corpus, recs), mechs, t("grid.brief.caption"), where)


def actor_connections(corpus: Corpus, actor: Actor) -> str:
    """The recommendations addressed to an actor or involving it, by the actors and mechanisms they
    go with; the actor's own column first, its role in each ('' if there are none)."""
    recs = list({r.id: r for r in [*corpus.incoming("addressed_to", actor.id),
                                   *corpus.incoming("involves", actor.id)]}.values())
    if not recs:
        return ""
    mechs = corpus.ranked("mechanism", Counter(m.id for rec in recs for m in rec.mechanisms))
    here = corpus.folders.page_uri("actor", actor.id)
    addressed = corpus.incoming("addressed_to", actor.id)
    where = t("grid.where", explorer=explorer_link(t("grid.the_explorer"), here, corpus.folders, actor=actor.id)) \
        if addressed \
        else t("grid.where_below")
    return _grid(corpus, recs, _actors(corpus, recs, (actor.id,)), mechs,
                 t("grid.actor.caption", name=actor.name), where, here=actor.id)


def mechanism_connections(corpus: Corpus, mech: Mechanism) -> str:
    """The recommendations that act through a mechanism, by their actors and the other mechanisms
    they act through ('' if there are none)."""
    recs = corpus.incoming("mechanisms", mech.id)
    if not recs:
        return ""
    others = corpus.ranked("mechanism", Counter(m.id for rec in recs for m in rec.mechanisms if m.id != mech.id))
    here = corpus.folders.page_uri("mechanism", mech.id)
    where = t("grid.where", explorer=explorer_link(t("grid.the_explorer"), here, corpus.folders, mechanism=mech.id))
    return _grid(corpus, recs, _actors(corpus, recs), others, t("grid.mechanism.caption", name=mech.name), where)
