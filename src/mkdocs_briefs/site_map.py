"""The site map (`/map/`): who is asked to act through what, which briefs address whom, and
how actors and mechanisms group, as capped Mermaid diagrams. Nothing here knows about MkDocs.
"""

from __future__ import annotations

from collections import Counter

from .corpus import Corpus
from .kinds import Folders
from .labels import t
from .markup import WIDE, GeneratedPage, front_matter
from .mermaid import Flowchart, cut, figure, note
from .templates import Markup, render

MAP_PAGE = "map/index.md"


def _pairs(corpus: Corpus) -> Counter[tuple[str, str]]:
    """(actor, mechanism) -> how many recommendations are addressed to the actor through the mechanism."""
    return Counter((a.id, m.id) for rec in corpus.recommendations.values()
                   for a in rec.addressed_to for m in rec.mechanisms)


def _strongest(links: Counter[tuple[str, str]], left: list[str], right: list[str], limit: int) -> list[tuple[str, str]]:
    """The `limit` links counted most often; ties in the order of the left, then the right column."""
    lpos, rpos = {k: i for i, k in enumerate(left)}, {k: i for i, k in enumerate(right)}
    return sorted(links, key=lambda pair: (-links[pair], lpos[pair[0]], rpos[pair[1]]))[:limit]


def _who_through_what(corpus: Corpus) -> str:
    actors = corpus.ranked("actor", Counter({a: len(r) for a, r in corpus.backlinks["addressed_to"].items()}))
    limits = corpus.settings.limits
    shown_actors = actors[: limits.map_actors]
    pairs = _pairs(corpus)
    mech_counts: Counter[str] = Counter()
    for (a, m), n in pairs.items():
        if a in shown_actors:
            mech_counts[m] += n
    mechs = corpus.ranked("mechanism", mech_counts)
    shown_mechs = mechs[: limits.map_mechanisms]
    links = Counter({p: n for p, n in pairs.items() if p[0] in shown_actors and p[1] in shown_mechs})
    strongest = _strongest(links, shown_actors, shown_mechs, limits.map_links)
    chart = Flowchart(t("map.who.title"))
    nodes = {  # keyed by kind too: an actor and a mechanism may share an id
        **_column(chart, corpus.folders, t("map.who.actors"), "actor",
                  [(a, corpus.name_of("actor", a)) for a in shown_actors],
                  t("diagram.more_actors", len(actors) - len(shown_actors)), len(actors) > len(shown_actors),
                  "stadium"),
        **_column(chart, corpus.folders, t("map.who.mechanisms"), "mechanism",
                  [(m, corpus.name_of("mechanism", m)) for m in shown_mechs],
                  t("diagram.more_mechanisms", len(mechs) - len(shown_mechs)), len(mechs) > len(shown_mechs)),
    }
    for a, m in strongest:
        chart.edge(nodes["actor", a], nodes["mechanism", m], _times(links[(a, m)]))
    cuts = [cut(len(shown_actors), len(actors), "map.count.addressed_actor"),
            cut(len(shown_mechs), len(mechs), "count.mechanism"),
            cut(len(strongest), len(links), "map.count.line")]
    return figure(chart, t("map.who.caption"),
                  note(cuts, t("map.who.where", matrix="../matrix/index.md"), dashed=any(cuts[:2])))


def _column(chart: Flowchart, folders: Folders, title: str, kind: str, entries: list[tuple[str, str]], more: str,
            cut: bool, shape: str = "box") -> dict[tuple[str, str], str]:
    """One side of a map diagram: a group of boxes linking to their pages, and a box saying
    how many more there are (linking to the section's index) when the list was `cut`.
    Returns the node of each (kind, id)."""
    nodes = {}
    with chart.group(title):
        for id_, label in entries:
            nodes[kind, id_] = chart.node(label, folders.page_uri(kind, id_), shape=shape)
        if cut:
            chart.node(more, folders.page_uri(kind), css="more")
    return nodes


def _briefs_and_actors(corpus: Corpus) -> str:
    briefs = list(corpus.briefs.values())
    limits = corpus.settings.limits
    shown = briefs[: limits.map_briefs]
    links = Counter((b.id, a.id) for b in shown for rec in b.recommendations for a in rec.addressed_to)
    actors = corpus.ranked("actor", Counter(a for _, a in links))
    shown_actors = actors[: limits.map_actors]
    links = Counter({p: n for p, n in links.items() if p[1] in shown_actors})
    strongest = _strongest(links, [b.id for b in shown], shown_actors, limits.map_links)
    chart = Flowchart(t("map.briefs.title"))
    nodes = {
        **_column(chart, corpus.folders, t("map.briefs.briefs"), "brief", [(b.id, b.title) for b in shown],
                  t("map.more_briefs", len(briefs) - len(shown)), len(briefs) > len(shown), "stadium"),
        **_column(chart, corpus.folders, t("map.briefs.actors"), "actor",
                  [(a, corpus.name_of("actor", a)) for a in shown_actors],
                  t("diagram.more_actors", len(actors) - len(shown_actors)), len(actors) > len(shown_actors)),
    }
    for b, a in strongest:
        chart.edge(nodes["brief", b], nodes["actor", a], _times(links[(b, a)]))
    cuts = [cut(len(shown), len(briefs), "count.brief"), cut(len(shown_actors), len(actors), "count.actor"),
            cut(len(strongest), len(links), "map.count.line")]
    return figure(chart, t("map.briefs.caption"), note(cuts, t("map.briefs.where"), dashed=any(cuts[:2])))


def _structure(corpus: Corpus) -> str:
    """Groups of actors with their members, mechanisms with their parts."""
    member_links = [(g.id, m.id) for g in corpus.actors.values() for m in g.members]
    part_links = [(m.part_of.id, m.id) for m in corpus.mechanisms.values() if m.part_of]
    if not (member_links or part_links):
        return ""
    chart = Flowchart(t("map.structure.title"))
    nodes: dict[tuple[str, str], str] = {}

    def node(kind: str, id_: str) -> str:
        if (kind, id_) not in nodes:
            nodes[kind, id_] = chart.node(corpus.name_of(kind, id_), corpus.folders.page_uri(kind, id_))
        return nodes[kind, id_]

    most = corpus.settings.limits.map_links
    shown_members, shown_parts = member_links[:most], part_links[:most]
    if shown_members:
        with chart.group(t("map.structure.groups")):
            for group, member in shown_members:
                chart.edge(node("actor", member), node("actor", group), t("diagram.edge.member_of"))
    if shown_parts:
        with chart.group(t("map.structure.mechanisms")):
            for whole, part in shown_parts:
                chart.edge(node("mechanism", part), node("mechanism", whole), t("diagram.edge.part_of"))
    cuts = [cut(len(shown_members), len(member_links), "map.count.membership"),
            cut(len(shown_parts), len(part_links), "diagram.count.part")]
    return figure(chart, t("map.structure.caption"), note(cuts, t("map.structure.where"), dashed=False))


def _times(n: int) -> str:
    return str(n) if n > 1 else ""


def map_page(corpus: Corpus) -> GeneratedPage:
    who = _who_through_what(corpus) if corpus.backlinks["addressed_to"] else t("map.no_recommendation") + "\n"
    md = render("briefs/pages/map.md",
                front_matter=Markup(front_matter(t("map.title"), t("map.description"), hide=WIDE)), who=Markup(who),
                briefs=Markup(_briefs_and_actors(corpus) if corpus.briefs else t("map.no_brief") + "\n"),
                structure=Markup(_structure(corpus)))
    return GeneratedPage(MAP_PAGE, md, in_nav=True)
