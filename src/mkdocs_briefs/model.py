"""The typed objects every step passes along: what editors wrote, with where they wrote it.

`Sources` is what loading produces; the corpus adds the links between these objects.
Every reference to another entity is a `Ref` that keeps its position, and every entity
keeps the position of each of its fields in `where`, so later steps can point at them.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from .diagnostics import Pos
from .kinds import KINDS

HORIZONS = {"near-term": "Near term", "long-term": "Long term", "unspecified": "Unspecified"}
"""A recommendation's horizon: id -> how pages show it."""


RELATIONS = ("restates", "summarises")
"""A brief's relation to its source (`source.relation`); its wording is in the labels
(`relation.<id>.<part>`, markup.relation_label). A brief without a source is original work."""


@dataclass(frozen=True)
class Ref:
    """A reference by id to another entity, as written at `pos`."""

    id: str
    pos: Pos


@dataclass
class Actor:
    id: str
    name: str
    kind: str
    pos: Pos
    short: str | None = None
    description: str | None = None
    aliases: list[str] = field(default_factory=list)
    members: list[Ref] = field(default_factory=list)
    where: dict[str, Pos] = field(default_factory=dict)


@dataclass
class Mechanism:
    id: str
    name: str
    kind: str
    pos: Pos
    description: str | None = None
    part_of: Ref | None = None
    related: list[Ref] = field(default_factory=list)
    where: dict[str, Pos] = field(default_factory=dict)


@dataclass
class Author:
    id: str
    name: str
    pos: Pos
    affiliation: str | None = None
    bio: str | None = None
    url: str | None = None
    where: dict[str, Pos] = field(default_factory=dict)


@dataclass
class Series:
    id: str
    name: str
    pos: Pos
    publisher: str | None = None
    url: str | None = None
    description: str | None = None
    where: dict[str, Pos] = field(default_factory=dict)


@dataclass
class Source:
    """The original work a brief restates or summarises in the site's own words, credited on its page.

    The brief's `authors` are then the original's authors: the wording on the page is the site's."""

    publisher: str
    title: str
    date: datetime.date
    url: str
    relation: str = "restates"
    """A key of RELATIONS."""
    restated: datetime.date | None = None
    """When the site published its restatement, if the brief says."""
    where: dict[str, Pos] = field(default_factory=dict)


@dataclass
class Recommendation:
    id: str
    brief_id: str
    title: str
    statement: str
    addressed_to: list[Ref]
    horizon: str
    pos: Pos
    involves: list[Ref] = field(default_factory=list)
    mechanisms: list[Ref] = field(default_factory=list)
    where: dict[str, Pos] = field(default_factory=dict)


@dataclass
class Annotation:
    """A link `[text](kind:id)` in a brief's text, and the paragraph it stands in."""

    kind: str
    target: str
    text: str
    pos: Pos
    anchor: str
    """Its id on the brief's page; empty for a link to a part of a page (`brief:x#part`)."""
    passage: str
    span: tuple[int, int] = (0, 0)
    """Where the link (`[text](kind:id)`) is in `passage`: its first offset and the one after it."""


PAGE_META = ("tags", "hide", "template", "search", "status")
"""Keys of a brief's front matter that MkDocs and Material read themselves: passed to its page as they are."""


@dataclass
class Brief:
    id: str
    title: str
    date: datetime.date
    authors: list[Ref]
    source: Source | None
    """The original it restates; None for a brief that is original work."""
    summary: str
    recommendations: list[Recommendation]
    body: str
    pos: Pos
    body_line: int = 1
    """Line of the file on which the body (the text after the front matter) starts."""
    series: Ref | None = None
    annotations: list[Annotation] = field(default_factory=list)
    where: dict[str, Pos] = field(default_factory=dict)
    draft: bool = False
    """Not ready: `mkdocs serve` shows it, `mkdocs build` leaves it out (settings.drafts)."""
    page_meta: dict[str, Any] = field(default_factory=dict)
    """The front matter keys of PAGE_META the brief sets, for its page."""
    short_title: str | None = None
    """The title in a few words, for the tables that name the brief on every row."""

    @property
    def short(self) -> str:
        """The short title, or the title when the brief has none."""
        return self.short_title or self.title


@dataclass
class Affect:
    """What an update says of one recommendation: its status from then on (for some of its
    addressees, with `for_`), and why."""

    rec: Ref
    pos: Pos
    status: str | None = None
    for_: list[Ref] = field(default_factory=list)
    """The actors the status is for; empty: for the recommendation as a whole."""
    note: str | None = None
    where: dict[str, Pos] = field(default_factory=dict)


@dataclass
class Update:
    """A dated development, with its sources, and what it means for some recommendations
    (`briefs/updates/<id>.md`)."""

    id: str
    title: str
    date: datetime.date
    sources: list[Source]
    affects: list[Affect]
    body: str
    pos: Pos
    body_line: int = 1
    annotations: list[Annotation] = field(default_factory=list)
    where: dict[str, Pos] = field(default_factory=dict)

    @property
    def recs(self) -> list[Ref]:
        """The recommendations it bears on, each once, in the order written (kinds.LINKS['recs'])."""
        return _first_of_each([a.rec for a in self.affects])

    @property
    def addressees(self) -> list[Ref]:
        """The actors its `for` lists name (kinds.LINKS['addressees']), each once."""
        return _first_of_each([r for a in self.affects for r in a.for_])


def _first_of_each(refs: list[Ref]) -> list[Ref]:
    first: dict[str, Ref] = {}
    for ref in refs:
        first.setdefault(ref.id, ref)
    return list(first.values())


@dataclass
class Sources:
    """Everything read from the sources folder, in a defined order (by id, briefs by file)."""

    actors: dict[str, Actor] = field(default_factory=dict)
    mechanisms: dict[str, Mechanism] = field(default_factory=dict)
    authors: dict[str, Author] = field(default_factory=dict)
    series: dict[str, Series] = field(default_factory=dict)
    briefs: dict[str, Brief] = field(default_factory=dict)
    updates: dict[str, Update] = field(default_factory=dict)
    unreadable: set[str] = field(default_factory=set)
    """Registries ('actors', ...) that could not be read, and 'briefs' if some brief's front matter
    could not (and 'updates' for an update): their ids are unknown, so references to them and
    unused entries are not reported."""
    stubs: set[str] = field(default_factory=set)
    """Briefs known only by their id and their recommendations' ids (`check FILE...`,
    named_files.py): what they refer to is unknown, so nothing but those ids is checked."""

    def table(self, kind: str) -> dict[str, Entity]:
        """The entities of a kind by id (recommendations: of every brief; the last of a duplicate id)."""
        if kind == "rec":
            return {rec.id: rec for rec in self.each("rec")}
        return getattr(self, KINDS[kind].folder)

    def each(self, kind: str) -> list[Entity]:
        """Every entity of a kind, in the sources' order (recommendations with a duplicate id included)."""
        if kind == "rec":
            return list(self.recommendations())
        return list(getattr(self, KINDS[kind].folder).values())

    def recommendations(self) -> list[Recommendation]:
        """The recommendations of every brief, in order (a duplicate id included)."""
        return [rec for brief in self.briefs.values() for rec in brief.recommendations]


Entity = Brief | Recommendation | Actor | Mechanism | Author | Series | Update


def refs(entity: Entity, name: str) -> list[Ref]:
    """The references an entity makes through a link field (see kinds.LINKS), in order."""
    value = getattr(entity, name)
    if value is None:
        return []
    return value if isinstance(value, list) else [value]
