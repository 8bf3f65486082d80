"""The site map (`/map/`): who is asked to act through what and which briefs address whom, as
sorted grids of counts whose every cell links to the recommendations it counts (the explorer,
filtered on both), and how actors and mechanisms group, as lists. Nothing here knows about MkDocs.
"""

from __future__ import annotations

from collections import Counter

from .corpus import Corpus
from .grids import ColumnGroup, Grid, Row, counted, cut, note
from .labels import t
from .markup import WIDE, GeneratedPage, front_matter, join, link
from .templates import Item, render, safe

MAP_PAGE = "map/index.md"


def _who_through_what(corpus: Corpus) -> str:
    """Mechanisms (rows, the most used first) by the actors asked to act through them (columns, the
    most addressed first): how many recommendations are addressed to each actor through each mechanism."""
    limits = corpus.settings.limits
    actors = corpus.ranked("actor", Counter({a: len(r) for a, r in corpus.backlinks["addressed_to"].items()}))
    shown_actors = actors[: limits.map_actors]
    pairs = Counter((a.id, m.id) for rec in corpus.recommendations.values()
                    for a in rec.addressed_to for m in rec.mechanisms)
    used: Counter[str] = Counter()
    for (a, m), n in pairs.items():
        if a in shown_actors:
            used[m] += n
    mechs = corpus.ranked("mechanism", used)
    shown_mechs = mechs[: limits.map_mechanisms]
    grid = Grid(t("map.who.caption"), t("map.who.mechanisms"), counts=True)
    grid.groups.append(ColumnGroup(t("map.who.actors"),
                                   [link("actor", a, corpus.name_of("actor", a)) for a in shown_actors]))
    for m in shown_mechs:  # mechanisms' names are the longer: they read across, in rows
        grid.rows.append(Row(link("mechanism", m, corpus.name_of("mechanism", m)),
                             [counted(pairs[a, m], MAP_PAGE, corpus.folders, actor=a, mechanism=m)
                              for a in shown_actors]))
    grid.note = note([cut(len(shown_actors), len(actors), "map.count.addressed_actor"),
                      cut(len(shown_mechs), len(mechs), "count.mechanism")],
                     t("map.who.where", matrix="../matrix/index.md"))
    return grid.markdown()


def _briefs_and_actors(corpus: Corpus) -> str:
    """Briefs (the newest first) by the actors their recommendations address (the most addressed first)."""
    limits = corpus.settings.limits
    briefs = list(corpus.briefs.values())
    shown = briefs[: limits.map_briefs]
    pairs = Counter((b.id, a.id) for b in shown for rec in b.recommendations for a in rec.addressed_to)
    addressed: Counter[str] = Counter()
    for (_, a), n in pairs.items():
        addressed[a] += n
    actors = corpus.ranked("actor", addressed)
    shown_actors = actors[: limits.map_actors]
    grid = Grid(t("map.briefs.caption"), t("map.briefs.briefs"), counts=True)
    grid.groups.append(ColumnGroup(t("map.briefs.actors"),
                                   [link("actor", a, corpus.name_of("actor", a)) for a in shown_actors]))
    for b in shown:
        grid.rows.append(Row(link("brief", b.id, b.title),
                             [counted(pairs[b.id, a], MAP_PAGE, corpus.folders, brief=b.id, actor=a)
                              for a in shown_actors]))
    grid.note = note([cut(len(shown), len(briefs), "count.brief"), cut(len(shown_actors), len(actors), "count.actor")],
                     t("map.briefs.where"))
    return grid.markdown()


def _structure(corpus: Corpus) -> str:
    """Groups of actors with their members, mechanisms with their parts: each a line of links."""
    cap = corpus.settings.limits.map_links
    groups = [g for g in corpus.actors.values() if g.members]
    wholes = [m for m in corpus.mechanisms.values() if corpus.incoming("part_of", m.id)]
    if not (groups or wholes):
        return ""
    return render("briefs/map_structure.md", groups=[
        Item(actor=g, link=safe(link("actor", g.id, g.name)),
             members=safe(join([link("actor", r.id, corpus.name_of("actor", r.id)) for r in g.members])))
        for g in groups[:cap]], more_groups=safe(_more(len(groups), cap, "map.count.group")), wholes=[
        Item(mechanism=w, link=safe(link("mechanism", w.id, w.name)),
             parts=safe(join([link("mechanism", p.id, p.name) for p in corpus.incoming("part_of", w.id)])))
        for w in wholes[:cap]], more_wholes=safe(_more(len(wholes), cap, "map.count.whole")))


def _more(total: int, cap: int, key: str) -> str:
    """Under a list cut at `cap`: what it shows and where the rest is ('' when it shows everything)."""
    return note([cut(cap, total, key)], t("map.structure.where")) if total > cap else ""


def map_page(corpus: Corpus) -> GeneratedPage:
    who = _who_through_what(corpus) if corpus.backlinks["addressed_to"] else t("map.no_recommendation") + "\n"
    md = render("briefs/pages/map.md",
                front_matter=safe(front_matter(t("map.title"), t("map.description"), hide=WIDE)), who=safe(who),
                briefs=safe(_briefs_and_actors(corpus) if corpus.briefs else t("map.no_brief") + "\n"),
                structure=safe(_structure(corpus)))
    return GeneratedPage(MAP_PAGE, md, in_nav=True)
