"""The corpus: the validated sources as a graph, with every back-link computed once.

Pages only read from here. Nothing in this module knows about MkDocs or Markdown.
Every list is in a defined order (never dict or file-system order), so the same
sources always give the same site.
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from itertools import chain
from dataclasses import dataclass, field

from .model import Actor, Annotation, Author, Brief, Mechanism, Recommendation, Series, Sources

RELATED_LIMIT = 5
"""How many related recommendations a recommendation's page lists."""
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
    # back-links, each keyed by the id of the entity they point at
    addressed_to: dict[str, list[Recommendation]] = field(default_factory=dict)
    involving: dict[str, list[Recommendation]] = field(default_factory=dict)
    through: dict[str, list[Recommendation]] = field(default_factory=dict)
    groups: dict[str, list[Actor]] = field(default_factory=dict)
    children: dict[str, list[Mechanism]] = field(default_factory=dict)
    related_mechanisms: dict[str, list[Mechanism]] = field(default_factory=dict)
    actors_through: dict[str, list[Actor]] = field(default_factory=dict)
    mentions: dict[tuple[str, str], list[Mention]] = field(default_factory=dict)
    briefs_by_author: dict[str, list[Brief]] = field(default_factory=dict)
    briefs_by_series: dict[str, list[Brief]] = field(default_factory=dict)
    related_recommendations: dict[str, list[Recommendation]] = field(default_factory=dict)
    in_context: dict[str, Annotation] = field(default_factory=dict)

    def brief_of(self, rec: Recommendation) -> Brief:
        return self.briefs[rec.brief_id]

    def name_of(self, kind: str, id_: str) -> str:
        """The display name of an entity (its id when unknown)."""
        entity = self.lookup(kind, id_)
        if entity is None:
            return id_
        return getattr(entity, "title", None) or getattr(entity, "name", id_)

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

    def lookup(self, kind: str, id_: str) -> Brief | Recommendation | Actor | Mechanism | Author | Series | None:
        table = {"brief": self.briefs, "rec": self.recommendations, "actor": self.actors,
                 "mechanism": self.mechanisms, "author": self.authors, "series": self.series}[kind]
        return table.get(id_)


def build_corpus(sources: Sources) -> Corpus:
    """Link validated sources; call only when validation found no error."""
    briefs = dict(sorted(sources.briefs.items(), key=lambda kv: (-kv[1].date.toordinal(), kv[0])))
    by_name = lambda entries: dict(sorted(entries.items(), key=lambda kv: (kv[1].name.casefold(), kv[0])))
    actors, mechanisms = by_name(sources.actors), by_name(sources.mechanisms)
    recs = {r.id: r for b in briefs.values() for r in b.recommendations}
    c = Corpus(briefs, recs, actors, mechanisms, by_name(sources.authors), by_name(sources.series))

    addressed, involving, through = defaultdict(list), defaultdict(list), defaultdict(list)
    for rec in recs.values():
        for ref in rec.addressed_to:
            addressed[ref.id].append(rec)
        for ref in rec.involves:
            involving[ref.id].append(rec)
        for ref in rec.mechanisms:
            through[ref.id].append(rec)
    c.addressed_to, c.involving, c.through = dict(addressed), dict(involving), dict(through)

    groups = defaultdict(list)
    for actor in actors.values():
        for ref in actor.members:
            groups[ref.id].append(actor)
    c.groups = dict(groups)

    children, related = defaultdict(list), defaultdict(set)
    for mech in mechanisms.values():
        if mech.part_of:
            children[mech.part_of.id].append(mech)
        for ref in mech.related:
            related[mech.id].add(ref.id)
            related[ref.id].add(mech.id)
    c.children = dict(children)
    c.related_mechanisms = {m: [x for x in mechanisms.values() if x.id in ids] for m, ids in related.items()}
    named = {m: {r.id for rec in rs for r in (*rec.addressed_to, *rec.involves)} for m, rs in through.items()}
    c.actors_through = {m: [a for a in actors.values() if a.id in ids] for m, ids in named.items()}

    mentions = defaultdict(list)
    for brief in briefs.values():
        for note in brief.annotations:
            if not note.anchor:  # a cross-reference into part of a page, not a mention
                continue
            mentions[note.kind, note.target].append(Mention(brief, note))
            if note.kind == "rec" and note.target not in c.in_context and recs.get(note.target) in brief.recommendations:
                c.in_context[note.target] = note
    c.mentions = dict(mentions)

    by_author, by_series = defaultdict(list), defaultdict(list)
    for brief in briefs.values():
        for ref in brief.authors:
            by_author[ref.id].append(brief)
        if brief.series:
            by_series[brief.series.id].append(brief)
    c.briefs_by_author, c.briefs_by_series = dict(by_author), dict(by_series)

    c.related_recommendations = _related(c)
    return c


def _features(rec: Recommendation) -> set[tuple[str, str]]:
    return {("actor", r.id) for r in (*rec.addressed_to, *rec.involves)} | {("mechanism", r.id) for r in rec.mechanisms}


def _related(c: Corpus) -> dict[str, list[Recommendation]]:
    """Top recommendations by number of shared actors and mechanisms, newer brief first on ties.

    Candidates are the recommendations sharing a distinctive feature: an actor or mechanism
    named by at most COMMON_FEATURE recommendations. Features more common than that (a main
    state named in half the archive) still count in the score, but do not bring candidates
    of their own unless fewer than RELATED_LIMIT were found; then the newest recommendations
    sharing them fill the list. This keeps the work per recommendation bounded, so the
    whole step grows linearly with the archive.
    """
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
        if len(shared) < RELATED_LIMIT:  # too few: the newest sharing a common feature join in
            for j in chain.from_iterable(postings[f][: RELATED_LIMIT + 1] for f in frequent):
                shared.setdefault(j, 0)
            shared.pop(i, None)
        candidates = sorted(shared)
        for f in frequent:  # common features still count towards the score
            shared.update(common[f].intersection(candidates))
        best = heapq.nlargest(RELATED_LIMIT, candidates, key=shared.__getitem__)  # stable: newest first on ties
        related[recs[i].id] = [recs[j] for j in best]
    return related
