"""The site map (`/map/`): who is asked to act through what, which briefs address whom, and
how actors and mechanisms group, as capped Mermaid diagrams. Nothing here knows about MkDocs.
"""

from __future__ import annotations

from collections import Counter

from .corpus import Corpus
from .kinds import page_uri
from .markup import WIDE, GeneratedPage, front_matter
from .mermaid import Flowchart, cut, figure, note

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
    chart = Flowchart("Actors and the mechanisms they are asked to act through")
    nodes = {  # keyed by kind too: an actor and a mechanism may share an id
        **_column(chart, "Actors asked to act", "actor", [(a, corpus.name_of("actor", a)) for a in shown_actors],
                  f"and {len(actors) - len(shown_actors)} more actors", len(actors) > len(shown_actors), "stadium"),
        **_column(chart, "Mechanisms they act through", "mechanism",
                  [(m, corpus.name_of("mechanism", m)) for m in shown_mechs],
                  f"and {len(mechs) - len(shown_mechs)} more mechanisms", len(mechs) > len(shown_mechs)),
    }
    for a, m in strongest:
        chart.edge(nodes["actor", a], nodes["mechanism", m], _times(links[(a, m)]))
    cuts = [cut(len(shown_actors), len(actors), "actor addressed by a recommendation",
                 "actors addressed by recommendations"),
            cut(len(shown_mechs), len(mechs), "mechanism", None),
            cut(len(strongest), len(links), "line", None)]
    return figure(chart, "Each line joins an actor to a mechanism that a recommendation addressed to it acts "
                         "through; a number on a line counts such recommendations, when there are several.",
                  note(cuts, "the [matrix](../matrix/index.md) has every pair", dashed=any(cuts[:2])))


def _column(chart: Flowchart, title: str, kind: str, entries: list[tuple[str, str]], more: str, cut: bool,
            shape: str = "box") -> dict[tuple[str, str], str]:
    """One side of a map diagram: a group of boxes linking to their pages, and a box saying
    how many more there are (linking to the section's index) when the list was `cut`.
    Returns the node of each (kind, id)."""
    nodes = {}
    with chart.group(title):
        for id_, label in entries:
            nodes[kind, id_] = chart.node(label, page_uri(kind, id_), shape=shape)
        if cut:
            chart.node(more, page_uri(kind), css="more")
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
    chart = Flowchart("Briefs and the actors their recommendations address")
    nodes = {
        **_column(chart, "Briefs", "brief", [(b.id, b.title) for b in shown],
                  f"and {len(briefs) - len(shown)} older briefs", len(briefs) > len(shown), "stadium"),
        **_column(chart, "Actors their recommendations address", "actor",
                  [(a, corpus.name_of("actor", a)) for a in shown_actors],
                  f"and {len(actors) - len(shown_actors)} more actors", len(actors) > len(shown_actors)),
    }
    for b, a in strongest:
        chart.edge(nodes["brief", b], nodes["actor", a], _times(links[(b, a)]))
    cuts = [cut(len(shown), len(briefs), "brief", None), cut(len(shown_actors), len(actors), "actor", None),
            cut(len(strongest), len(links), "line", None)]
    return figure(chart, "Each line joins a brief to an actor that one of its recommendations is addressed to; a "
                         "number on a line counts them, when there are several.",
                  note(cuts, "the lists of briefs and actors have them all", dashed=any(cuts[:2])))


def _structure(corpus: Corpus) -> str:
    """Groups of actors with their members, mechanisms with their parts."""
    member_links = [(g.id, m.id) for g in corpus.actors.values() for m in g.members]
    part_links = [(m.part_of.id, m.id) for m in corpus.mechanisms.values() if m.part_of]
    if not (member_links or part_links):
        return ""
    chart = Flowchart("Groups of actors and their members, mechanisms and their parts")
    nodes: dict[tuple[str, str], str] = {}

    def node(kind: str, id_: str) -> str:
        if (kind, id_) not in nodes:
            nodes[kind, id_] = chart.node(corpus.name_of(kind, id_), page_uri(kind, id_))
        return nodes[kind, id_]

    most = corpus.settings.limits.map_links
    shown_members, shown_parts = member_links[:most], part_links[:most]
    if shown_members:
        with chart.group("Groups of actors and their members"):
            for group, member in shown_members:
                chart.edge(node("actor", member), node("actor", group), "member of")
    if shown_parts:
        with chart.group("Mechanisms and their parts"):
            for whole, part in shown_parts:
                chart.edge(node("mechanism", part), node("mechanism", whole), "part of")
    cuts = [cut(len(shown_members), len(member_links), "membership", "memberships"),
            cut(len(shown_parts), len(part_links), "part", None)]
    return figure(chart, "Groups of actors and their members; mechanisms and the larger ones they are part of.",
                  note(cuts, "each actor's and mechanism's page lists them all", dashed=False))


def _times(n: int) -> str:
    return str(n) if n > 1 else ""


def map_page(corpus: Corpus) -> GeneratedPage:
    intro = ("The whole site at a glance: who the recommendations ask to act, through what, and which briefs make "
             "them. Each diagram is capped so that it stays legible; a note under it says what it leaves out.")
    who = _who_through_what(corpus) if corpus.backlinks["addressed_to"] else "No recommendation yet.\n"
    md = [
        front_matter("Map", "A map of the site: actors, mechanisms and briefs, and the links between them.", hide=WIDE),
        "# Map\n",
        intro + "\n",
        "## Who is asked to act through what {#who-through-what}\n",
        who,
        "## Briefs and who they address {#briefs}\n",
        _briefs_and_actors(corpus) if corpus.briefs else "No brief yet.\n",
    ]
    structure = _structure(corpus)
    if structure:
        md += ["## Groups and parts {#structure}\n", structure]
    return GeneratedPage(MAP_PAGE, "\n".join(md), in_nav=True)
