"""The pages written again after a save (`mkdocs serve`): only those whose inputs changed.

A page of an entity (a brief, a recommendation, an actor...) is a function of the corpus, but
it reads only part of it: the entity itself, what the corpus keeps under its id (the entities
that link to it, its mentions, its related recommendations, the passage that makes it), the
status of the recommendations it lists, and the names and titles of the entities it links to.
`stale` compares the corpus of the last run with the new one and returns the entities whose page
may read something that changed; every other entity page is the previous run's Markdown, as it
was. The pages made from the whole corpus (the indexes, the tracker, the matrix, the map) are
always written again.

When in doubt, every page is written again (`stale` returns why): an entity that came, went or
moved in its kind's order, a registry entry changed in more than the fields only its own page
shows (a new name is written on every page that links to it), changed settings or date, or a
site with templates of its own (which may read any field of what they are given).
`tests/test_incremental.py` compares pages written this way with pages written from scratch
after edits of every kind.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from .corpus import Corpus, Mention
from .kinds import KINDS, LINKS
from .markup import GeneratedPage
from .model import Actor, Author, Brief, Mechanism, Recommendation, Series, Update, refs
from .pages import generate_pages

OWN_PAGE_FIELDS: dict[str, frozenset[str]] = {
    "actor": frozenset({"description", "short", "aliases", "pos", "where"}),
    "mechanism": frozenset({"description", "pos", "where"}),
    "author": frozenset({"affiliation", "bio", "url", "pos", "where"}),
    "series": frozenset({"publisher", "url", "description", "pos", "where"}),
}
"""The fields of a registry entry that no generated page but its own and the indexes shows in its
Markdown (a link's hover title, which shows a description, is filled in while the page is converted:
the plugin's DirtyBuild has those pages converted again). A change to any other field of a registry
entry has every page written again."""

_KIND_OF: dict[type, str] = {Brief: "brief", Recommendation: "rec", Actor: "actor", Mechanism: "mechanism",
                             Author: "author", Series: "series", Update: "update"}
_NAMED = re.compile(r"\b(" + "|".join(map(re.escape, KINDS)) + r"):([a-z0-9]+(?:-[a-z0-9]+)*)")
"""An entity named in a page's Markdown: `kind:id` (annotation links, `[text](actor:rok)`, and anything else)."""

Key = tuple[str, str]


@dataclass
class Written:
    """What a run wrote, kept for the next one (`mkdocs serve` runs the pipeline after each save)."""

    corpus: Corpus
    context: object
    """Everything the pages depend on besides the corpus (settings, labels, date): another means a fresh start."""
    pages: list[GeneratedPage]
    by_entity: dict[Key, GeneratedPage] = field(default_factory=dict)
    names: dict[Key, set[Key]] = field(default_factory=dict)
    """For each entity named in some entity page's Markdown, the entities whose page names it."""
    named: dict[Key, frozenset[Key]] = field(default_factory=dict)
    """The entities each entity page names (`names` the other way round)."""
    rewritten: int = 0
    """How many entity pages this run wrote (the others are the previous run's)."""
    reason: str = ""
    """Why every page was written (empty when some were reused)."""
    used: bool = False
    """A later run took over `names` and `named` (and changed them): it cannot be the previous run of another."""


@dataclass
class Stale:
    """What changed between two runs' corpora."""

    shown: set[Key]
    """Entities whose data other pages show (as a link's text, a status, a date): every page that
    names one of them is written again."""
    pages: set[Key]
    """Entities whose own page is written again."""


def write_pages(corpus: Corpus, context: object, previous: Written | None = None) -> Written:
    """Every generated page (pages.generate_pages); with `previous` (the last run, in the same
    `context`), the entity pages whose inputs did not change are taken from it."""
    found: Stale | str = "first run" if previous is None or previous.used else \
        "settings, labels, templates or date changed" if previous.context != context else \
        stale(previous.corpus, corpus)
    again: set[Key] = set()
    if isinstance(found, Stale) and previous is not None:
        again = found.pages.union(*(previous.names.get(key, ()) for key in found.shown))

    def keep(kind: str, entity: Any) -> GeneratedPage | None:
        key = (kind, entity.id)
        if previous is None or not isinstance(found, Stale) or key in again:
            return None
        return previous.by_entity.get(key)

    pages = generate_pages(corpus, keep)
    by_entity = _by_entity(corpus, pages)
    if previous is None or not isinstance(found, Stale):
        written = Written(corpus, context, pages, by_entity, rewritten=len(by_entity),
                          reason=found if isinstance(found, str) else "")
        _index_names(written, by_entity)
        return written
    rewritten = {key: page for key, page in by_entity.items() if page is not previous.by_entity.get(key)}
    previous.used = True  # its index of names is brought up to date, not copied: most pages are the same
    written = Written(corpus, context, pages, by_entity, previous.names, previous.named, len(rewritten))
    for key in rewritten:
        for name in written.named.pop(key, ()):
            written.names[name].discard(key)
    _index_names(written, rewritten)
    return written


def _by_entity(corpus: Corpus, pages: list[GeneratedPage]) -> dict[Key, GeneratedPage]:
    """The page of each entity, by (kind, id)."""
    by_uri = {page.src_uri: page for page in pages}
    found = {}
    for kind in KINDS:
        for id_ in corpus.table(kind):
            page = by_uri.get(corpus.folders.page_uri(kind, id_))
            if page is not None:
                found[kind, id_] = page
    return found


def _index_names(written: Written, pages: dict[Key, GeneratedPage]) -> None:
    """Add the entities each of `pages` names to `written.names` and `written.named`."""
    for key, page in pages.items():
        named = written.named[key] = frozenset(_NAMED.findall(page.markdown))
        for name in named:
            written.names.setdefault(name, set()).add(key)


def stale(old: Corpus, new: Corpus) -> Stale | str:
    """What changed from the corpus `old` to `new`, or why every page is to be written again."""
    changed = _changed(old, new)
    if isinstance(changed, str):
        return changed
    shown, own = changed
    for kind, id_ in list(shown):
        if kind == "brief":  # a recommendation's page and the lists of recommendations show its brief
            shown.update(("rec", rec.id) for b in (old.briefs[id_], new.briefs[id_]) for rec in b.recommendations)
        elif kind == "update":  # the updates that bear on a recommendation are listed with it
            shown.update(("rec", ref.id) for u in (old.updates[id_], new.updates[id_]) for ref in u.recs)
    shown.update(("rec", id_) for id_, track in new.tracks.items() if old.tracks.get(id_) != track)
    pages = shown | own
    for key, before, after in _derived(old, new):
        members = after if isinstance(after, list) else [after]
        if before != after or any(_key(m) in shown for m in members):
            pages.add(key)
    for kind in KINDS:  # pages showing the names, titles or statuses of what they link to
        for entity in new.table(kind).values():
            if any(target in shown for target in _targets(kind, entity)):
                pages.add((kind, entity.id))
    return Stale(shown, pages)


def _changed(old: Corpus, new: Corpus) -> tuple[set[Key], set[Key]] | str:
    """The entities that changed: those other pages show, and those only their own page shows (OWN_PAGE_FIELDS);
    or why every page is to be written again."""
    shown: set[Key] = set()
    own: set[Key] = set()
    for kind in KINDS:
        before, after = old.table(kind), new.table(kind)
        if list(before) != list(after):
            return f"{KINDS[kind].plural} came, went or changed places"
        for id_, entity in after.items():
            was = before[id_]
            if was is entity or was == entity:
                continue
            if kind not in OWN_PAGE_FIELDS:
                shown.add((kind, id_))
            elif _same_but(was, entity, OWN_PAGE_FIELDS[kind]):
                own.add((kind, id_))
            else:
                return f"the {KINDS[kind].noun} '{id_}' changed more than what only its page shows"
    return shown, own


def _same_but(was: Any, now: Any, fields: frozenset[str]) -> bool:
    """Whether two entries differ only in `fields`."""
    return all(getattr(was, f.name) == getattr(now, f.name) for f in dataclasses.fields(was) if f.name not in fields)


def _derived(old: Corpus, new: Corpus) -> Iterator[tuple[Key, Any, Any]]:
    """What the corpus keeps under an entity's id, before and after, with the entity whose page shows it."""
    maps: list[tuple[str, dict[Any, Any], dict[Any, Any]]] = [
        (LINKS[name].target, old.backlinks[name], new.backlinks[name]) for name in LINKS]
    maps += [("mechanism", old.actors_through, new.actors_through),
             ("rec", old.related_recommendations, new.related_recommendations),
             ("rec", old.in_context, new.in_context)]
    for kind, before, after in maps:
        for id_ in before.keys() | after.keys():
            yield (kind, id_), before.get(id_), after.get(id_)
    for key in old.mentions.keys() | new.mentions.keys():
        yield key, old.mentions.get(key), new.mentions.get(key)


def _key(member: Any) -> Key | None:
    """The entity a member of a list kept by the corpus stands for (a mention: its brief)."""
    if isinstance(member, Mention):
        return "brief", member.brief.id
    kind = _KIND_OF.get(type(member))
    return (kind, member.id) if kind else None


def _targets(kind: str, entity: Any) -> Iterable[Key]:
    """The entities an entity links to (recommendations: and their brief)."""
    for link in LINKS.values():
        if link.source == kind:
            for ref in refs(entity, link.field):
                yield link.target, ref.id
    if kind == "rec":
        yield "brief", entity.brief_id
    elif kind == "brief":
        yield from (("rec", rec.id) for rec in entity.recommendations)
