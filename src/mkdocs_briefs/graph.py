"""Relationship diagrams, the site map and the "who acts through what" matrix.

Like `pages`, every function here is a pure function of the corpus that returns Markdown;
nothing here knows about MkDocs.

Diagrams are Mermaid flowcharts in ```mermaid fences, which Material for MkDocs renders
in the browser (the plugin configures `pymdownx.superfences` for it and serves Mermaid
from the site itself). Three rules keep them safe and legible:

- every label is user text passed through `mermaid_text()`, which keeps ASCII letters,
  digits and spaces and writes every other character as a Mermaid entity code (`#34;`),
  so no label can end its quotes, start a comment or directive, or carry HTML;
  node ids are generated (`n1`, `n2`...), never taken from the sources, and a diagram's
  accessible name (`accTitle`) is fixed wording;
- a diagram shows at most `MAX_RECOMMENDATIONS` recommendations and `MAX_NEIGHBOURS`
  actors or mechanisms per group; the rest are summed up in a dashed "and N more" box
  that links to the full list, and the note under the diagram says what was left out;
- links in a diagram are written as docs-relative paths (`click n3 href "briefs:actors/rok.md"`),
  because MkDocs never rewrites what is inside a code block; once a page's HTML exists,
  the plugin turns them into URLs relative to that page with `resolve_diagram_links()`.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from collections import Counter
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache

from .corpus import Corpus
from .model import Actor, Brief, Mechanism, Recommendation
from .pages import LISTED, GeneratedPage, count, escape, link, page_uri

MAX_RECOMMENDATIONS = 12
"""Recommendations drawn in the diagram of an actor, a mechanism or a brief."""
MAX_NEIGHBOURS = 8
"""Actors or mechanisms drawn in each group of such a diagram."""
MAX_LABEL = 60
"""Characters of a label in a diagram; a longer name is cut with '…' (its page has it whole)."""
MAX_FOCUS_LABEL = 120
"""Characters of the label of the page's own entity, drawn in the middle."""

MAP_ACTORS = 12
"""Actors on the site map (those addressed by the most recommendations)."""
MAP_MECHANISMS = 15
"""Mechanisms on the site map (those the most recommendations act through)."""
MAP_LINKS = 40
"""Lines drawn in each diagram of the site map (the strongest links first)."""
MAP_BRIEFS = 12
"""Briefs on the site map (the newest)."""

MAP_PAGE = "map/index.md"
MATRIX_ROWS = 40
"""Actors (rows) the matrix shows, the most addressed first; the explorer has the rest."""
MATRIX_COLUMNS = 20
"""Mechanisms (columns) the matrix shows, the most used first."""
MATRIX_PAGE = "matrix/index.md"
MATRIX_GROUPS_PAGE = "matrix/groups.md"
NAV_PAGES = (MATRIX_PAGE, MAP_PAGE)
"""Pages this module adds to the navigation, after the six lists, in this order."""

EXPLORER = page_uri("rec")
"""The recommendations explorer, which filters on `?actor=<id>&mechanism=<id>`."""


# --- escaping -----------------------------------------------------------------------


_MERMAID_UNSAFE = re.compile(r"[^A-Za-z0-9 ]")


@lru_cache(maxsize=4096)  # the same names label boxes on many pages
def mermaid_text(text: str, limit: int = MAX_LABEL) -> str:
    """User text as the inside of a quoted Mermaid label that shows exactly that text.

    ASCII letters, digits and spaces are kept; every other character becomes an entity
    code (`"` -> `#34;`, `<` -> `#60;`), which Mermaid turns into an HTML character
    reference. Quotes, brackets, `#`, `;`, `%%`, `:` and `<b>` are thus inert. Whitespace
    runs become one space, and text over `limit` characters is cut with an ellipsis.
    """
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return _MERMAID_UNSAFE.sub(lambda m: f"#{ord(m[0])};", text)


# --- a Mermaid flowchart -----------------------------------------------------------

_SHAPES = {"box": ('["', '"]'), "round": ('("', '")'), "stadium": ('(["', '"])')}
_LAYOUT = ("---", "config:", "  flowchart:", "    nodeSpacing: 14", "    rankSpacing: 40", "---")
"""Mermaid settings (front matter of the diagram): boxes closer together than by default."""
_CLASSES = {
    "focus": "stroke-width:3px,font-weight:bold",
    "more": "stroke-dasharray:4 3",
}


@dataclass
class Flowchart:
    """A Mermaid flowchart whose every label is escaped and whose node ids are generated."""

    title: str = ""
    """The diagram's accessible name (fixed wording: never an editor's text)."""
    direction: str = "LR"
    lines: list[str] = field(default_factory=list)
    clicks: list[str] = field(default_factory=list)
    styled: dict[str, list[str]] = field(default_factory=dict)
    _ids: int = 0
    _indent: str = "  "

    def _id(self, prefix: str) -> str:
        self._ids += 1
        return f"{prefix}{self._ids}"

    def node(self, label: str, target: str | None = None, *, shape: str = "box", css: str | None = None) -> str:
        """Add a box; `target` is a docs-relative path (with an optional ?query or #fragment)."""
        node_id = self._id("n")
        opening, closing = _SHAPES[shape]
        text = mermaid_text(label, MAX_FOCUS_LABEL if css == "focus" else MAX_LABEL)
        self.lines.append(f"{self._indent}{node_id}{opening}{text}{closing}")
        if target:
            self.clicks.append(f'click {node_id} href "{LINK_PREFIX}{_safe_target(target)}"')
        if css:
            self.styled.setdefault(css, []).append(node_id)
        return node_id

    @contextmanager
    def group(self, title: str):
        """A titled box around the nodes added inside the `with` block; yields its id."""
        group_id = self._id("g")
        self.lines.append(f'{self._indent}subgraph {group_id}["{mermaid_text(title)}"]')
        self._indent += "  "
        self.lines.append(f"{self._indent}direction {self.direction}")  # members in a column, not a row
        try:
            yield group_id
        finally:
            self._indent = self._indent[:-2]
            self.lines.append(f"{self._indent}end")

    def edge(self, a: str, b: str, label: str = "", *, dotted: bool = False, arrow: bool = True) -> None:
        line = ("-.->" if arrow else "-.-") if dotted else ("-->" if arrow else "---")
        text = f'|"{mermaid_text(label)}"|' if label else ""
        self.lines.append(f"  {a} {line}{text} {b}")

    def source(self) -> str:
        out = [*_LAYOUT, f"flowchart {self.direction}"]
        if self.title:
            if not re.fullmatch(r"[A-Za-z ,.'-]+", self.title):
                raise ValueError(f"a diagram's title is fixed wording, not {self.title!r}")
            out.append(f"  accTitle: {self.title}")
        out += self.lines
        for css, ids in self.styled.items():
            out += [f"  classDef {css} {_CLASSES[css]}", f"  class {','.join(ids)} {css}"]
        return "\n".join(out + [f"  {c}" for c in self.clicks])


def _safe_target(target: str) -> str:
    if not re.fullmatch(r"[A-Za-z0-9._/?&=#-]+", target):
        raise ValueError(f"unsafe link target in a diagram: {target!r}")
    return target


def figure(chart: Flowchart, caption: str, note: str = "") -> str:
    """A diagram as Markdown: its caption, the Mermaid fence (kept out of the search index)
    and a note (what was left out). Caption and note are Markdown, already escaped."""
    parts = [f'<div class="briefs-diagram-caption" markdown>\n\n{caption}\n\n</div>\n' if caption else "",
             f'<div class="briefs-diagram" data-search-exclude markdown>\n\n```mermaid\n{chart.source()}\n```\n\n</div>\n',
             '<noscript><p class="briefs-diagram-noscript">The diagram needs JavaScript; the links on this page lead to the '
             'same pages.</p></noscript>\n']
    if note:
        parts.append(f'<div class="briefs-diagram-note" markdown>\n\n{note}\n\n</div>\n')
    return "\n".join(p for p in parts if p)


# --- links in a diagram ------------------------------------------------------------

LINK_PREFIX = "briefs:"
"""Marks the link targets this module writes, so that only those are rewritten."""
_DIAGRAM_BLOCK = re.compile(r'(<(?:pre|div) class="mermaid(?: [^"]*)?"[^>]*>)(.*?)(</(?:pre|div)>)', re.DOTALL)
_CLICK = re.compile(r'^(\s*click \w+ href ")' + LINK_PREFIX + r'([^"]*)(")', re.MULTILINE)


def resolve_diagram_links(page_html: str, url_of: Callable[[str], str | None]) -> str:
    """Turn the link targets this module wrote in a page's diagrams into URLs.

    Targets are docs-relative paths after LINK_PREFIX ('briefs:actors/rok.md'); `url_of(path)`
    gives the URL, relative to the page, of the docs file at `path`, or None if there is
    none. A `?query` or `#fragment` is kept. A click whose target is unknown is dropped, so
    the box shows without a link. Other clicks (in a diagram an editor wrote) are left alone.
    """

    def click(match: re.Match) -> str:
        target = html.unescape(match.group(2))
        path, rest = re.fullmatch(r"([^?#]*)(.*)", target).groups()
        if not path:  # '#part' of the page itself
            return f"{match.group(1)}{match.group(2)}{match.group(3)}"
        url = url_of(path)
        if url is None:
            return ""
        return f"{match.group(1)}{html.escape(url + rest, quote=False)}{match.group(3)}"

    def block(match: re.Match) -> str:
        return match.group(1) + _CLICK.sub(click, match.group(2)) + match.group(3)

    return _DIAGRAM_BLOCK.sub(block, page_html)


# --- neighbourhood diagrams ---------------------------------------------------------


def explorer(**filters: str) -> str:
    """The explorer's docs path, filtered: explorer(actor='rok') -> 'recommendations/index.md?actor=rok'."""
    query = "&".join(f"{k}={v}" for k, v in filters.items())
    return f"{EXPLORER}?{query}" if query else EXPLORER


def _rec_nodes(chart: Flowchart, recs: list[Recommendation], total: int, more_target: str, more_noun: str) -> None:
    for rec in recs:
        chart.node(rec.title, page_uri("rec", rec.id), shape="round")
    if total > len(recs):
        chart.node(f"and {total - len(recs)} more {more_noun}", more_target, css="more")


def _entity_nodes(chart: Flowchart, kind: str, corpus: Corpus, ids: list[str], more_target: str | None,
                  noun: str) -> None:
    for id_ in ids[:MAX_NEIGHBOURS]:
        chart.node(corpus.name_of(kind, id_), page_uri(kind, id_))
    if len(ids) > MAX_NEIGHBOURS:
        chart.node(f"and {len(ids) - MAX_NEIGHBOURS} more {noun}", more_target, css="more")


def _ranked(corpus: Corpus, kind: str, counts: Counter[str]) -> list[str]:
    """Ids by how often they occur, most first, then in the corpus' order (by name)."""
    order = {id_: i for i, id_ in enumerate(corpus.actors if kind == "actor" else corpus.mechanisms)}
    return sorted(counts, key=lambda id_: (-counts[id_], order.get(id_, len(order)), id_))


def _cut(shown: int, total: int, noun: str, plural: str | None = None) -> str | None:
    return f"{shown} of {count(total, noun, plural)}" if total > shown else None


def _note(cuts: Iterable[str | None], where: str, *, dashed: bool = True) -> str:
    cut = [c for c in cuts if c]
    if not cut:
        return "Each box links to its page."
    return (f"To stay legible the diagram shows {_join(cut)}{'; dashed boxes count the rest' if dashed else ''}. "
            f"Each box links to its page; {where}.")


def _join(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return " and ".join(filter(None, [", ".join(items[:-1]), items[-1] if items else ""]))


def _section(chart: Flowchart, caption: str, note: str) -> str:
    return "## Connections {#connections}\n\n" + figure(chart, caption, note)


def actor_diagram(corpus: Corpus, actor: Actor) -> str:
    """The section of an actor's page that draws its neighbourhood ('' if it has none)."""
    addressed = corpus.addressed_to.get(actor.id, [])
    involving = corpus.involving.get(actor.id, [])
    groups = corpus.groups.get(actor.id, [])
    members = [r.id for r in actor.members]
    mechs = _ranked(corpus, "mechanism", Counter(m.id for rec in addressed for m in rec.mechanisms))
    if not (addressed or involving or groups or members):
        return ""
    chart = Flowchart("What this actor is linked to")
    focus = chart.node(actor.name, shape="stadium", css="focus")
    reserved = min(len(involving), MAX_RECOMMENDATIONS // 4)  # a few places for those that involve it
    shown_addressed = addressed[: MAX_RECOMMENDATIONS - reserved]
    shown_involving = involving[: MAX_RECOMMENDATIONS - len(shown_addressed)]
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
    where = (f"{_explorer_link('the explorer', page_uri('actor', actor.id), actor=actor.id)} lists every "
             "recommendation addressed to it" if addressed else "the lists below have them all")
    note = _note([
        _cut(len(shown_addressed), len(addressed), "recommendation addressed to it",
             "recommendations addressed to it"),
        _cut(len(shown_involving), len(involving), "recommendation that involves it",
             "recommendations that involve it"),
        _cut(MAX_NEIGHBOURS, len(mechs), "mechanism"),
        _cut(MAX_NEIGHBOURS, len(members), "member"),
        _cut(MAX_NEIGHBOURS, len(groups), "group"),
    ], where)
    return _section(chart, f"{escape(actor.name)}: the recommendations addressed to it or involving it, and the "
                           "mechanisms they act through.", note)


def mechanism_diagram(corpus: Corpus, mech: Mechanism) -> str:
    """The section of a mechanism's page that draws its neighbourhood ('' if it has none)."""
    through = corpus.through.get(mech.id, [])
    actors = _ranked(corpus, "actor", Counter(a.id for rec in through for a in rec.addressed_to))
    parts = [m.id for m in corpus.children.get(mech.id, [])]
    related = [m.id for m in corpus.related_mechanisms.get(mech.id, [])]
    if not (through or parts or related or mech.part_of):
        return ""
    chart = Flowchart("What this mechanism is linked to")
    focus = chart.node(mech.name, shape="stadium", css="focus")
    shown = through[:MAX_RECOMMENDATIONS]
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
    note = _note([
        _cut(len(shown), len(through), "recommendation"),
        _cut(MAX_NEIGHBOURS, len(actors), "actor"),
        _cut(MAX_NEIGHBOURS, len(parts), "part"),
        _cut(MAX_NEIGHBOURS, len(related), "related mechanism"),
    ], f"{_explorer_link('the explorer', page_uri('mechanism', mech.id), mechanism=mech.id)} lists every "
       "recommendation through it" if through else "the facts above list them all")
    return _section(chart, f"{escape(mech.name)}: the recommendations that act through it, the actors they "
                           "address, and the mechanisms linked to it.", note)


def brief_diagram(corpus: Corpus, brief: Brief) -> str:
    """The section of a brief's page that draws its recommendations, their actors and mechanisms."""
    recs = brief.recommendations
    if not recs:
        return ""
    actors = _ranked(corpus, "actor", Counter(a.id for rec in recs for a in rec.addressed_to))
    mechs = _ranked(corpus, "mechanism", Counter(m.id for rec in recs for m in rec.mechanisms))
    chart = Flowchart("This brief's recommendations, their actors and mechanisms")
    focus = chart.node(brief.title, shape="stadium", css="focus")
    shown = recs[:MAX_RECOMMENDATIONS]
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
    note = _note([
        _cut(len(shown), len(recs), "recommendation"),
        _cut(MAX_NEIGHBOURS, len(actors), "actor"),
        _cut(MAX_NEIGHBOURS, len(mechs), "mechanism"),
    ], f"the list above has every recommendation, and "
       f"{_explorer_link('the explorer', page_uri('brief', brief.id), brief=brief.id)} their actors and mechanisms")
    return _section(chart, "This brief's recommendations, who they are addressed to and what they act through.", note)


def _explorer_link(text: str, from_uri: str, **filters: str) -> str:
    """A Markdown link from the page at `from_uri` to the explorer, filtered."""
    return f"[{escape(text)}]({posixpath.relpath(explorer(**filters), posixpath.dirname(from_uri))})"


# --- the site map -------------------------------------------------------------------


def _front(title: str, description: str) -> str:
    # wide content: the left navigation and the table of contents are hidden
    return (f"---\ntitle: {json.dumps(title)}\ndescription: {json.dumps(description)}\n"
            "hide: [navigation, toc]\n---\n\n")


def _pairs(corpus: Corpus) -> Counter[tuple[str, str]]:
    """(actor, mechanism) -> how many recommendations are addressed to the actor through the mechanism."""
    return Counter((a.id, m.id) for rec in corpus.recommendations.values()
                   for a in rec.addressed_to for m in rec.mechanisms)


def _strongest(links: Counter[tuple[str, str]], left: list[str], right: list[str], limit: int) -> list[tuple[str, str]]:
    """The `limit` links counted most often; ties in the order of the left, then the right column."""
    lpos, rpos = {k: i for i, k in enumerate(left)}, {k: i for i, k in enumerate(right)}
    return sorted(links, key=lambda pair: (-links[pair], lpos[pair[0]], rpos[pair[1]]))[:limit]


def _who_through_what(corpus: Corpus) -> str:
    actors = _ranked(corpus, "actor", Counter({a: len(r) for a, r in corpus.addressed_to.items()}))
    shown_actors = actors[:MAP_ACTORS]
    pairs = _pairs(corpus)
    mech_counts = Counter()
    for (a, m), n in pairs.items():
        if a in shown_actors:
            mech_counts[m] += n
    mechs = _ranked(corpus, "mechanism", mech_counts)
    shown_mechs = mechs[:MAP_MECHANISMS]
    links = Counter({p: n for p, n in pairs.items() if p[0] in shown_actors and p[1] in shown_mechs})
    strongest = _strongest(links, shown_actors, shown_mechs, MAP_LINKS)
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
    cuts = [_cut(len(shown_actors), len(actors), "actor addressed by a recommendation",
                 "actors addressed by recommendations"),
            _cut(len(shown_mechs), len(mechs), "mechanism", None),
            _cut(len(strongest), len(links), "line", None)]
    return figure(chart, "Each line joins an actor to a mechanism that a recommendation addressed to it acts "
                         "through; a number on a line counts such recommendations, when there are several.",
                  _note(cuts, "the [matrix](../matrix/index.md) has every pair", dashed=any(cuts[:2])))


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
    shown = briefs[:MAP_BRIEFS]
    links = Counter((b.id, a.id) for b in shown for rec in b.recommendations for a in rec.addressed_to)
    actors = _ranked(corpus, "actor", Counter(a for _, a in links))
    shown_actors = actors[:MAP_ACTORS]
    links = Counter({p: n for p, n in links.items() if p[1] in shown_actors})
    strongest = _strongest(links, [b.id for b in shown], shown_actors, MAP_LINKS)
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
    cuts = [_cut(len(shown), len(briefs), "brief", None), _cut(len(shown_actors), len(actors), "actor", None),
            _cut(len(strongest), len(links), "line", None)]
    return figure(chart, "Each line joins a brief to an actor that one of its recommendations is addressed to; a "
                         "number on a line counts them, when there are several.",
                  _note(cuts, "the lists of briefs and actors have them all", dashed=any(cuts[:2])))


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

    shown_members, shown_parts = member_links[:MAP_LINKS], part_links[:MAP_LINKS]
    if shown_members:
        with chart.group("Groups of actors and their members"):
            for group, member in shown_members:
                chart.edge(node("actor", member), node("actor", group), "member of")
    if shown_parts:
        with chart.group("Mechanisms and their parts"):
            for whole, part in shown_parts:
                chart.edge(node("mechanism", part), node("mechanism", whole), "part of")
    cuts = [_cut(len(shown_members), len(member_links), "membership", "memberships"),
            _cut(len(shown_parts), len(part_links), "part", None)]
    return figure(chart, "Groups of actors and their members; mechanisms and the larger ones they are part of.",
                  _note(cuts, "each actor's and mechanism's page lists them all", dashed=False))


def _times(n: int) -> str:
    return str(n) if n > 1 else ""


def map_page(corpus: Corpus) -> GeneratedPage:
    intro = ("The whole site at a glance: who the recommendations ask to act, through what, and which briefs make "
             "them. Each diagram is capped so that it stays legible; a note under it says what it leaves out.")
    who = _who_through_what(corpus) if corpus.addressed_to else "No recommendation yet.\n"
    md = [
        _front("Map", "A map of the site: actors, mechanisms and briefs, and the links between them."),
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


# --- the matrix ---------------------------------------------------------------------


def _outermost_groups(corpus: Corpus, actor_id: str, seen: frozenset[str] = frozenset()) -> set[str]:
    """The groups an actor rolls up to: its groups' groups, up to those in no group (itself if in none)."""
    groups = [g.id for g in corpus.groups.get(actor_id, []) if g.id not in seen]
    if not groups:
        return {actor_id}
    return set().union(*(_outermost_groups(corpus, g, seen | {actor_id}) for g in groups))


@dataclass
class Matrix:
    rows: list[str]
    """Actor ids, the most addressed first."""
    columns: list[str]
    """Mechanism ids, the most used first."""
    counts: Counter[tuple[str, str]]
    """(row, mechanism) -> number of distinct recommendations."""
    row_totals: Counter[str]
    column_totals: Counter[str]
    rolled_up: dict[str, list[str]]
    """A group's row -> the members whose recommendations count for it (no entry for other rows)."""


def matrix(corpus: Corpus, groups: bool = False) -> Matrix:
    """Actors (those recommendations are addressed to) by mechanisms. With `groups`, a
    recommendation addressed to a member counts for its group instead (once per group)."""
    counts: Counter[tuple[str, str]] = Counter()
    row_totals: Counter[str] = Counter()
    column_totals: Counter[str] = Counter()
    rolled_up: dict[str, set[str]] = {}
    for rec in corpus.recommendations.values():
        rows = set()
        for ref in rec.addressed_to:
            targets = _outermost_groups(corpus, ref.id) if groups else {ref.id}
            rows |= targets
            for t in targets - {ref.id}:
                rolled_up.setdefault(t, set()).add(ref.id)
        mechs = {m.id for m in rec.mechanisms}
        row_totals.update(rows)
        column_totals.update(mechs)
        counts.update((r, m) for r in rows for m in mechs)
    actor_order = {a: i for i, a in enumerate(corpus.actors)}
    rows = _ranked(corpus, "actor", row_totals)
    columns = _ranked(corpus, "mechanism", column_totals)
    members = {g: sorted(ms, key=lambda a: actor_order.get(a, 0)) for g, ms in rolled_up.items()}
    return Matrix(rows, columns, counts, row_totals, column_totals, members)


def _filtered(from_uri: str, actor: str | None, mechanism: str | None = None, *, group: bool = False) -> str:
    """The explorer filtered on an actor (with `group`: on the actor or anyone in it) and a mechanism."""
    query = ([f"{'group' if group else 'actor'}={actor}"] if actor else []) + ([f"mechanism={mechanism}"] if mechanism else [])
    return f"{posixpath.relpath(EXPLORER, posixpath.dirname(from_uri))}?{'&'.join(query)}"


def _matrix_table(corpus: Corpus, mx: Matrix, here: str) -> str:
    explorer_all = posixpath.relpath(EXPLORER, posixpath.dirname(here))
    columns = mx.columns[:MATRIX_COLUMNS]
    header = ["Actor", "All"] + [
        f'<span class="briefs-matrix-column">{link("mechanism", m, corpus.name_of("mechanism", m))}</span>'
        for m in columns]
    lines = ["| " + " | ".join(header) + " |", "|---|" + "--:|" * (len(header) - 1)]
    for row in mx.rows[:MATRIX_ROWS]:
        group = bool(mx.rolled_up.get(row))  # the explorer's ?group= adds everyone in it: the links stay short
        name = link("actor", row, corpus.name_of("actor", row))
        if group:
            name += f' <span class="briefs-muted">and {count(len(mx.rolled_up[row]), "member")}</span>'
        cells = [name, f"[{mx.row_totals[row]}]({_filtered(here, row, group=group)})"]
        cells += [f"[{mx.counts[row, m]}]({_filtered(here, row, m, group=group)})" if mx.counts[row, m] else ""
                  for m in columns]
        lines.append("| " + " | ".join(cells) + " |")
    total = ["*Any actor*", f"[{len(corpus.recommendations)}]({explorer_all})"]
    total += [f"[{mx.column_totals[m]}]({_filtered(here, None, m)})" for m in columns]
    lines.append("| " + " | ".join(total) + " |")
    cut = ""
    if len(mx.rows) > MATRIX_ROWS or len(mx.columns) > MATRIX_COLUMNS:
        cut = (f"\nThe table shows the {min(len(mx.rows), MATRIX_ROWS)} most addressed of {len(mx.rows):,} actors and "
               f"the {min(len(mx.columns), MATRIX_COLUMNS)} most used of {len(mx.columns):,} mechanisms; "
               f"[the explorer]({explorer_all}) combines any of them.\n")
    return '<div class="briefs-matrix" markdown>\n\n' + "\n".join(lines) + "\n\n</div>\n" + cut


def matrix_pages(corpus: Corpus) -> list[GeneratedPage]:
    """The matrix, by actor (`/matrix/`) and with members rolled up into their groups (`/matrix/groups/`)."""
    pages = []
    for uri, grouped in ((MATRIX_PAGE, False), (MATRIX_GROUPS_PAGE, True)):
        mx = matrix(corpus, groups=grouped)
        other = posixpath.relpath(MATRIX_GROUPS_PAGE if not grouped else MATRIX_PAGE, posixpath.dirname(uri))
        views = ('<nav class="briefs-views" aria-label="Views of the matrix" markdown>\n\n'
                 + ("**Each actor on its own** · [Members counted in their groups](" + other + ")" if not grouped
                    else "[Each actor on its own](" + other + ") · **Members counted in their groups**")
                 + "\n\n</nav>\n")
        intro = ("Who is asked to act through what. Each row is an actor that recommendations are addressed to, each "
                 "column a mechanism they act through; a number counts the recommendations addressed to that actor "
                 "through that mechanism and opens them in the explorer. *All* counts the actor's recommendations "
                 "once each, whatever their mechanisms.")
        md = [_front("Who acts through what" if not grouped else "Who acts through what, by group",
                     "Actors by mechanisms: how many recommendations are addressed to each actor through each "
                     "mechanism."),
              "# Who acts through what\n", views, intro + "\n"]
        if grouped:
            md.append(_groups_note(corpus, mx))
        md.append(_matrix_table(corpus, mx, uri) if mx.rows else "No recommendation yet.\n")
        md.append("The [map](../map/index.md) draws the same links as a diagram.\n")
        pages.append(GeneratedPage(uri, "\n".join(md), in_nav=not grouped))
    return pages


def _groups_note(corpus: Corpus, mx: Matrix) -> str:
    """Which members count for each group that has a row in the table (at most MATRIX_ROWS)."""
    groups = [a for a in corpus.actors.values() if a.members and not corpus.groups.get(a.id)]  # outermost
    if not groups:
        return "No actor has members, so this view is the same as the other.\n"
    shown_rows = set(mx.rows[:MATRIX_ROWS])
    in_table = [g for g in groups if g.id in shown_rows]
    rows = []
    for group in in_table:
        members = _join([link("actor", r.id, corpus.name_of("actor", r.id)) for r in group.members[:LISTED]])
        if len(group.members) > LISTED:
            members += f" and {len(group.members) - LISTED:,} more"
        counted = mx.rolled_up.get(group.id, [])
        counts_here = _join([escape(corpus.name_of("actor", m)) for m in counted[:LISTED]])
        if len(counted) > LISTED:
            counts_here += f" and {len(counted) - LISTED:,} more"
        rows.append(f"- {link('actor', group.id, group.name)}: {members}"
                    + (f"; the recommendations addressed to {counts_here} count here" if counted
                       else "; no recommendation is addressed to its members yet"))
    others = len(groups) - len(in_table)
    rest = (f"\n{count(others, 'other group')} {'has' if others == 1 else 'have'} no row in the table; "
            "each group's page lists its members.\n" if others else "")
    listed = "The groups in the table and their members:\n\n" + "\n".join(rows) + "\n" if rows else ""
    return ("In this view a recommendation addressed to a member of a group counts for the group instead, once "
            "however many of its members it addresses. " + listed + rest)


def graph_pages(corpus: Corpus) -> list[GeneratedPage]:
    """The pages this module adds: the matrix (two views) and the map."""
    return [*matrix_pages(corpus), map_page(corpus)]


# --- configuration -------------------------------------------------------------------

SUPERFENCES = "pymdownx.superfences"


def mermaid_fence() -> dict:
    """The custom fence Material for MkDocs documents for Mermaid diagrams."""
    from pymdownx.superfences import fence_code_format  # installed with Material for MkDocs

    return {"name": "mermaid", "class": "mermaid", "format": fence_code_format}


def add_mermaid_fence(extensions: list, configs: dict) -> None:
    """Make ```mermaid fences diagrams, unless the site's own superfences config handles them.

    `extensions` and `configs` are MkDocs' `markdown_extensions` and `mdx_configs`. A site's
    other options and custom fences are kept; one it names `mermaid` is left as it is.
    """
    if SUPERFENCES not in extensions:
        extensions.append(SUPERFENCES)
    options = dict(configs.get(SUPERFENCES) or {})
    fences = list(options.get("custom_fences") or [])
    if not any(f.get("name") == "mermaid" for f in fences):
        options["custom_fences"] = [*fences, mermaid_fence()]
    configs[SUPERFENCES] = options
