"""The corpus: the validated sources as a graph, with every back-link computed once.

Pages only read from here. Nothing in this module knows about MkDocs or Markdown.
Every list is in a defined order (never dict or file-system order), so the same
sources always give the same site.
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import chain
from typing import Any

from .kinds import KINDS, LINKS, Folders, Link
from .model import Actor, Annotation, Author, Brief, Entity, Mechanism, Recommendation, Series, Sources, Update, refs
from .settings import Settings
from .statuses import Scale
from .tracking import Track, build_tracks

COMMON_FEATURE = 100
"""An actor or mechanism named by more recommendations than this is too common to find related ones by."""


@dataclass(frozen=True)
class Mention:
    """An annotation in a brief's text that points at some entity."""

    brief: Brief
    annotation: Annotation


@dataclass
class Corpus:
    briefs: dict[str, Brief]
    recommendations: dict[str, Recommendation]
    actors: dict[str, Actor]
    mechanisms: dict[str, Mechanism]
    authors: dict[str, Author]
    series: dict[str, Series]
    backlinks: dict[str, dict[str, list[Any]]] = field(default_factory=dict)
    """For each kind of link (kinds.LINKS, by field), the entities that link to each id, in
    the corpus' order: backlinks['addressed_to']['rok'] are the recommendations addressed to 'rok'."""
    actors_through: dict[str, list[Actor]] = field(default_factory=dict)
    """Mechanism id -> the actors that recommendations through it address or involve."""
    mentions: dict[tuple[str, str], list[Mention]] = field(default_factory=dict)
    related_recommendations: dict[str, list[Recommendation]] = field(default_factory=dict)
    in_context: dict[str, Annotation] = field(default_factory=dict)
    updates: dict[str, Update] = field(default_factory=dict)
    """Newest first (then by id)."""
    tracks: dict[str, Track] = field(default_factory=dict)
    """What became of each recommendation (tracking.py), by its id."""
    settings: Settings = field(default_factory=Settings)
    """How the pages built from this corpus are tuned (list caps, page sizes, diagram caps)."""

    @property
    def scale(self) -> Scale:
        """The status scale of the site (statuses.py)."""
        return self.settings.scale

    def incoming(self, link: str, id_: str) -> list[Any]:
        """The entities whose `link` field refers to `id_`: incoming('addressed_to', 'rok')."""
        return self.backlinks[link].get(id_, [])

    def brief_of(self, rec: Recommendation) -> Brief:
        return self.briefs[rec.brief_id]

    def name_of(self, kind: str, id_: str) -> str:
        """The display name of an entity (its id when unknown)."""
        entity = self.lookup(kind, id_)
        if entity is None:
            return id_
        return str(getattr(entity, "title", None) or getattr(entity, "name", id_))

    def everyone_in(self, group_id: str) -> list[str]:
        """Ids of a group's members, their members and so on, in registry order (empty for an actor with none)."""
        found: set[str] = set()
        todo = [group_id]
        while todo:
            actor = self.actors.get(todo.pop())
            for ref in actor.members if actor else []:
                if ref.id not in found and ref.id != group_id:
                    found.add(ref.id)
                    todo.append(ref.id)
        return [a for a in self.actors if a in found]

    @property
    def folders(self) -> Folders:
        """The folder of each kind's pages: `corpus.folders.page_uri('actor', 'rok')`."""
        return self.settings.folders

    def table(self, kind: str) -> dict[str, Any]:
        """The entities of a kind, by id, in the corpus' order."""
        return getattr(self, KINDS[kind].folder)

    def lookup(self, kind: str, id_: str) -> Entity | None:
        return self.table(kind).get(id_)

    def ranked(self, kind: str, counts: Mapping[str, int]) -> list[str]:
        """The ids in `counts`, the highest count first, then in the corpus' order (by name)."""
        order = {id_: i for i, id_ in enumerate(self.table(kind))}
        return sorted(counts, key=lambda id_: (-counts[id_], order.get(id_, len(order)), id_))


def build_corpus(sources: Sources, settings: Settings | None = None, previous: Corpus | None = None) -> Corpus:
    """Link validated sources; call only when validation found no error. With `previous` (the last
    run's corpus, `mkdocs serve`), its related recommendations are reused when nothing they depend on changed."""
    briefs = dict(sorted(sources.briefs.items(), key=lambda kv: (-kv[1].date.toordinal(), kv[0])))
    actors, mechanisms = by_name(sources.actors), by_name(sources.mechanisms)
    recs = {r.id: r for b in briefs.values() for r in b.recommendations}
    updates = dict(sorted(sources.updates.items(), key=lambda kv: (-kv[1].date.toordinal(), kv[0])))
    c = Corpus(briefs, recs, actors, mechanisms, by_name(sources.authors), by_name(sources.series), updates=updates,
               settings=settings or Settings())
    c.tracks = build_tracks(recs.values(), updates.values(), c.scale,
                            previous.tracks if previous and previous.scale == c.scale else None)
    c.backlinks = {name: _backlinks(c, link) for name, link in LINKS.items()}
    named = {m: {r.id for rec in rs for r in (*rec.addressed_to, *rec.involves)}
             for m, rs in c.backlinks["mechanisms"].items()}
    order = {id_: i for i, id_ in enumerate(actors)}  # each mechanism's actors in the actors' order
    c.actors_through = {m: [actors[a] for a in sorted(ids & order.keys(), key=order.__getitem__)]
                        for m, ids in named.items()}

    mentions = defaultdict(list)
    for brief in briefs.values():
        own = {rec.id for rec in brief.recommendations}
        for note in brief.annotations:
            if not note.anchor:  # a cross-reference into part of a page, not a mention
                continue
            mentions[note.kind, note.target].append(Mention(brief, note))
            if note.kind == "rec" and note.target in own and note.target not in c.in_context:
                c.in_context[note.target] = note  # the passage that makes the recommendation
    c.mentions = dict(mentions)
    c.related_recommendations = _related_again(c, previous) if previous else _related(c)
    return c


def by_name(entries: dict[str, Any]) -> dict[str, Any]:
    """Entries sorted by name (case-insensitive), then id."""
    return dict(sorted(entries.items(), key=lambda kv: (kv[1].name.casefold(), kv[0])))


def _backlinks(c: Corpus, link: Link) -> dict[str, list[Any]]:
    """For each id, the entities that refer to it through `link`, in the corpus' order."""
    if link.symmetric:  # each end is linked to the other; listed in the target kind's order
        ends: dict[str, set[str]] = defaultdict(set)
        for entity in c.table(link.source).values():
            for ref in refs(entity, link.field):
                ends[entity.id].add(ref.id)
                ends[ref.id].add(entity.id)
        targets = c.table(link.target).values()
        return {id_: [t for t in targets if t.id in ids] for id_, ids in ends.items()}
    back: dict[str, list[Any]] = defaultdict(list)
    for entity in c.table(link.source).values():
        for ref in refs(entity, link.field):
            back[ref.id].append(entity)
    return dict(back)


def _features(rec: Recommendation) -> set[tuple[str, str]]:
    return {("actor", r.id) for r in (*rec.addressed_to, *rec.involves)} | {("mechanism", r.id) for r in rec.mechanisms}


def _related_again(c: Corpus, previous: Corpus) -> dict[str, list[Recommendation]]:
    """`_related(c)`, from `previous` when the recommendations are the same ones in the same order,
    each naming the same actors and mechanisms, with the same limit: all that `_related` reads."""
    before = previous.recommendations  # a recommendation not parsed again is the same object: its features too
    if c.settings.limits.related != previous.settings.limits.related or list(c.recommendations) != list(before) or any(
            rec is not before[id_] and _features(rec) != _features(before[id_])
            for id_, rec in c.recommendations.items()):
        return _related(c)
    recs = c.recommendations
    return {id_: [recs[r.id] for r in related] for id_, related in previous.related_recommendations.items()}


def _related(c: Corpus) -> dict[str, list[Recommendation]]:
    """Top recommendations by number of shared actors and mechanisms, newer brief first on ties.

    Candidates are the recommendations sharing a distinctive feature: an actor or mechanism
    named by at most COMMON_FEATURE recommendations. Features more common than that (a main
    state named in half the archive) still count in the score, but do not bring candidates
    of their own unless fewer than `limits.related` were found; then the newest recommendations
    sharing them fill the list. This keeps the work per recommendation bounded, so the
    whole step grows linearly with the archive.
    """
    limit = c.settings.limits.related
    recs = list(c.recommendations.values())  # newest brief first: a position is the tie-break
    features = [_features(rec) for rec in recs]
    postings: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, feats in enumerate(features):
        for feat in feats:
            postings[feat].append(i)  # ascending: newest first
    common = {f: set(p) for f, p in postings.items() if len(p) > COMMON_FEATURE}
    related = {}
    for i, feats in enumerate(features):
        frequent = [f for f in feats if f in common]
        shared = Counter(chain.from_iterable(postings[f] for f in feats if f not in common))
        shared.pop(i, None)
        if len(shared) < limit:  # too few: the newest sharing a common feature join in
            for j in chain.from_iterable(postings[f][: limit + 1] for f in frequent):
                shared.setdefault(j, 0)
            shared.pop(i, None)
        candidates = sorted(shared)
        for f in frequent:  # common features still count towards the score
            shared.update(common[f].intersection(candidates))
        best = heapq.nlargest(limit, candidates, key=shared.__getitem__)  # stable: newest first on ties
        related[recs[i].id] = [recs[j] for j in best]
    return related
