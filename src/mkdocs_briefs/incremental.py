"""The pages written again after a save (`mkdocs serve`): only those whose inputs changed.

A page of an entity (a brief, a recommendation, an actor...) is a function of the corpus, but
it reads only part of it: the entity itself, what the corpus keeps under its id (the entities
that link to it, its mentions, its related recommendations, the passage that makes it), the
status of the recommendations it lists, and the names and titles of the entities it links to.
`stale` compares the corpus of the last run with the new one and returns the entities whose page
may read something that changed; every other entity page is the previous run's Markdown, as it
was. What no page shows is not compared: where in its file each thing was written (a line added
above an entry moves it), nor, but on its own page, a brief's or an update's text (what the corpus
makes of it, the mentions and the passage of each recommendation, is compared by what pages show of
it). The pages made from the whole corpus (the indexes, the tracker, the matrix, the map) are
written again unless only such text changed (`Stale.archive`).

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
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from .corpus import Corpus, Mention
from .diagnostics import Pos
from .kinds import KINDS, LINKS
from .markup import GeneratedPage
from .model import Brief, Recommendation, Update, refs
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

TEXT_FIELDS = frozenset({"body", "annotations", "body_line"})
"""The fields of a brief or an update that only its own page shows: its text and the annotations in it. What
other pages show of the annotations (a brief's mentions, the passage of each recommendation: `_derived`) is
compared on its own, and the whole-archive pages read none of it."""
TEXT_KINDS = ("brief", "update")
"""The kinds whose entities have TEXT_FIELDS."""

PAGED_INDEXES = ("brief", "rec", "update")
"""The indexes whose later pages (2, 3...) are kept when they name no entity whose data changed: each row
shows only what it names (a brief, a recommendation and its brief and status, an update and its
recommendations), and the rest of the page counts only ids, which did not change. Their first pages, and
every page of the other indexes (whose intros count what is named, and whose rows count back-links), are
always written again."""
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
    index_named: dict[str, frozenset[Key]] = field(default_factory=dict)
    """The entities each later page of a PAGED_INDEXES index names, by its src_uri."""
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
    archive: bool = True
    """Whether the pages made from the whole archive (indexes, tracker, matrix, map) may show something that
    changed: false when only the text of briefs or updates changed, and none of what the corpus makes of
    it but their mentions and passages (which only entity pages show)."""


def write_pages(corpus: Corpus, context: object, previous: Written | None = None) -> Written:
    """Every generated page (pages.generate_pages); with `previous` (the last run, in the same
    `context`), the pages whose inputs did not change are taken from it."""
    found: Stale | str = "first run" if previous is None or previous.used else \
        "settings, labels, templates or date changed" if previous.context != context else \
        stale(previous.corpus, corpus)
    if previous is None or not isinstance(found, Stale):
        reuse = _Reuse(None, Stale(set(), set()))
        pages = generate_pages(corpus, keep_index=reuse.index_page)
        by_entity = _by_entity(corpus, pages)
        written = Written(corpus, context, pages, by_entity, rewritten=len(by_entity),
                          reason=found if isinstance(found, str) else "", index_named=reuse.named_by(pages))
        _index_names(written, by_entity)
        return written
    reuse = _Reuse(previous, found)
    pages = generate_pages(corpus, reuse.entity_page, reuse.index_page, reuse.whole_page)
    by_entity = _by_entity(corpus, pages)
    rewritten = {key: page for key, page in by_entity.items() if page is not previous.by_entity.get(key)}
    previous.used = True  # its index of names is brought up to date, not copied: most pages are the same
    written = Written(corpus, context, pages, by_entity, previous.names, previous.named, len(rewritten),
                      index_named=reuse.named_by(pages))
    for key in rewritten:
        for name in written.named.pop(key, ()):
            written.names[name].discard(key)
    _index_names(written, rewritten)
    return written


class _Reuse:
    """Which pages of the `previous` run are kept, given what changed since (`found`)."""

    def __init__(self, previous: Written | None, found: Stale) -> None:
        self.previous, self.found = previous, found
        self.again = found.pages.union(*(previous.names.get(key, ()) for key in found.shown)) if previous else set()
        self.last = {page.src_uri: page for page in previous.pages} if previous else {}
        self.whole = previous is not None and not found.archive
        """The pages made from the whole archive are the last run's."""
        self.index_named: dict[str, frozenset[Key] | None] = {}
        """Each later page of a PAGED_INDEXES index: the entities it names, or None until it is written."""

    def entity_page(self, kind: str, entity: Any) -> GeneratedPage | None:
        key = (kind, entity.id)
        return None if self.previous is None or key in self.again else self.previous.by_entity.get(key)

    def whole_page(self, uri: str) -> GeneratedPage | None:
        """A page made from the whole archive (an index's first page, the tracker...), when none of what it
        reads changed."""
        return self.last.get(uri) if self.whole else None

    def index_page(self, kind: str, uri: str) -> GeneratedPage | None:
        if kind not in PAGED_INDEXES:
            return self.whole_page(uri)
        named = self.previous.index_named.get(uri) if self.previous else None
        page = self.last.get(uri)
        keep = page is not None and named is not None and (self.whole or not named & self.found.shown)
        self.index_named[uri] = named if keep else None
        return page if keep else None

    def named_by(self, pages: list[GeneratedPage]) -> dict[str, frozenset[Key]]:
        """`index_named`, with the pages written this run read."""
        found = {}
        for page in pages:
            if page.src_uri in self.index_named:
                named = self.index_named[page.src_uri]
                found[page.src_uri] = frozenset(_NAMED.findall(page.markdown)) if named is None else named
        return found


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
    archive = bool(shown) or any(kind not in TEXT_KINDS for kind, _ in own)
    for kind, id_ in list(shown):
        if kind == "brief":  # a recommendation's page and the lists of recommendations show its brief
            shown.update(("rec", rec.id) for b in (old.briefs[id_], new.briefs[id_]) for rec in b.recommendations)
        elif kind == "update":  # the updates that bear on a recommendation are listed with it
            shown.update(("rec", ref.id) for u in (old.updates[id_], new.updates[id_]) for ref in u.recs)
    shown.update(("rec", id_) for id_, track in new.tracks.items() if not _same(old.tracks.get(id_), track))
    pages = shown | own
    archive = archive or bool(shown)
    for key, before, after, whole in _derived(old, new, links=archive):
        if not _same(before, after):
            pages.add(key)
            archive = archive or whole
    for corpus in (old, new):
        pages.update(_showing(corpus, shown))
    return Stale(shown, pages, archive)


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
            if was is entity or was == entity or _same_shown(was, entity, text=True):
                continue
            if kind in TEXT_KINDS and _same_shown(was, entity):
                own.add((kind, id_))  # its text changed, not what other pages show of it
            elif kind not in OWN_PAGE_FIELDS:
                shown.add((kind, id_))
            elif _same_but(was, entity, OWN_PAGE_FIELDS[kind]):
                own.add((kind, id_))
            else:
                return f"the {KINDS[kind].noun} '{id_}' changed more than what only its page shows"
    return shown, own


def _same_but(was: Any, now: Any, fields: frozenset[str]) -> bool:
    """Whether two entries differ only in `fields` (and where they were written)."""
    return all(_same_shown(getattr(was, f.name), getattr(now, f.name)) for f in dataclasses.fields(was)
               if f.name not in fields)


def _same(a: Any, b: Any) -> bool:
    """`_same_shown(a, b)`, with plain equality (in C, and true at once for the same object) tried first."""
    return a == b or _same_shown(a, b)


def _same_shown(a: Any, b: Any, text: bool = False) -> bool:
    """Whether two values show the same on the pages: equal but for where in their files things were
    written (a Pos's line and column: a line added above an entry moves it, and no page shows it), and but
    for the text of a brief or an update (TEXT_FIELDS: only its own page shows it), unless `text`.
    A value's fields are compared whichever page reads them."""
    if a is b:
        return True
    if type(a) is not type(b):
        return False
    if isinstance(a, Pos):
        return bool(a.path == b.path)
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(_same_shown(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same_shown(a[k], b[k]) for k in a)
    if dataclasses.is_dataclass(a):
        skip = TEXT_FIELDS if not text and isinstance(a, (Brief, Update)) else frozenset()
        return all(_same_shown(getattr(a, f.name), getattr(b, f.name)) for f in dataclasses.fields(a)
                   if f.name not in skip)
    return bool(a == b)


def _derived(old: Corpus, new: Corpus, links: bool = True) -> Iterator[tuple[Key, Any, Any, bool]]:
    """What the corpus keeps under an entity's id, before and after, with the entity whose page shows it, and
    whether a page made from the whole archive may show it too (those read none of the passages and mentions).
    Without `links` (no entity changed but for the text of briefs and updates) the back-links, the actors through
    each mechanism and the related recommendations are not compared: they are made from what pages show of the
    entities (their links, and their order) alone, so they show the same."""
    maps: list[tuple[str, dict[Any, Any], dict[Any, Any], bool]] = [
        (LINKS[name].target, old.backlinks[name], new.backlinks[name], True) for name in LINKS] if links else []
    if links:
        maps += [("mechanism", old.actors_through, new.actors_through, True),
                 ("rec", old.related_recommendations, new.related_recommendations, True)]
    maps.append(("rec", old.in_context, new.in_context, False))
    for kind, before, after, whole in maps:
        for id_ in before.keys() | after.keys():
            yield (kind, id_), before.get(id_), after.get(id_), whole
    for key in old.mentions.keys() | new.mentions.keys():
        was, now = old.mentions.get(key), new.mentions.get(key)
        if was != now:  # the same briefs and annotations: equal at once
            yield key, _shown_mentions(was), _shown_mentions(now), False


def _shown_mentions(mentions: list[Mention] | None) -> list[tuple[str, str, str]] | None:
    """What an entity's page shows of its mentions (entity_pages._mentions): for each, the brief (whose title
    and date are compared as the brief's), the wording and the anchor it links to; not the passage."""
    return None if mentions is None else [(m.brief.id, m.annotation.text, m.annotation.anchor) for m in mentions]


def _showing(c: Corpus, shown: set[Key]) -> Iterator[Key]:
    """The entities whose page, in corpus `c`, shows something of one of `shown`: those it links to
    (their pages list it: back-links, mentions) and those that link to it, its brief or its
    recommendations, and the recommendations that list it as related."""
    recs = {id_ for kind, id_ in shown if kind == "rec"}
    for kind, id_ in shown:
        entity = c.table(kind).get(id_)
        if entity is None:
            continue
        for name, link in LINKS.items():
            if link.source == kind:
                yield from ((link.target, ref.id) for ref in refs(entity, name))
            if link.target == kind:
                yield from ((link.source, other.id) for other in c.backlinks[name].get(id_, ()))
        if isinstance(entity, Recommendation):
            yield "brief", entity.brief_id
        elif isinstance(entity, Brief):
            yield from (("rec", rec.id) for rec in entity.recommendations)
            yield from ((note.kind, note.target) for note in entity.annotations)
    if recs:
        yield from (("rec", id_) for id_, related in c.related_recommendations.items()
                    if any(r.id in recs for r in related))
