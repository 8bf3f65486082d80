"""Checks that need the whole set of sources: ids, references, cycles, unused entries, control and
bidirectional characters in texts; and `without_drafts`, the sources a build publishes.

Structural problems (missing fields, wrong types, unknown kinds) were reported while
loading, by the schemas. Errors here stop a build; warnings stop it under `--strict`.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
import unicodedata
from collections.abc import Iterable, Iterator

from .blocks import BIDI, CONTROL
from .diagnostics import Diagnostic, Diagnostics, Pos, closest, did_you_mean
from .kinds import KINDS, LINKS, REGISTRIES, Kind
from .load import RESERVED_IDS
from .model import Brief, Entity, Recommendation, Ref, Sources, Update, refs
from .placeholders import PLACEHOLDERS
from .schema import invisible, shown
from .settings import Validation
from .statuses import Scale
from .validate_updates import validate_updates

_SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")  # fullmatch: "$" would accept a final newline


def validate(sources: Sources, checks: Validation | None = None, scale: Scale | None = None,
             today: datetime.date | None = None) -> Diagnostics:
    """Every problem that needs all the sources; `checks` say how to report those that may be fine.
    Updates are checked against `scale` (by default the default scale) and `today` (by default
    the date of the machine)."""
    checks = checks or Validation()
    diags = Diagnostics()
    _check_ids(sources, diags)
    _check_references(sources, diags)
    _check_cycle(diags, "members", {a.id: a.members for a in sources.actors.values()}, "a group cannot contain itself")
    _check_cycle(
        diags, "part_of", {m.id: [m.part_of] if m.part_of else [] for m in sources.mechanisms.values()},
        "a mechanism cannot be part of itself",
    )
    _check_annotated(sources, diags, checks.unannotated)
    _check_used(sources, diags, checks.unused)
    _check_text(sources, diags)
    _check_look_alikes(sources, diags)
    today = today or datetime.date.today()
    for brief in sources.briefs.values():
        if brief.id not in sources.stubs:
            _check_not_future(brief, today, diags)
    diags.extend(validate_updates(sources, scale or Scale(), today))
    return diags


_UNTIL_PUBLISHED = "fix it, or keep the brief a draft (draft: true) until it is published"


def _check_not_future(brief: Brief, today: datetime.date, diags: Diagnostics) -> None:
    """A brief's dates are days that have come: its date (for a restatement, the original's, which
    `load` checks are the same), and the day the site published it, which a draft may wait for."""
    source = brief.source
    if source is None and not brief.draft and datetime.date.min < brief.date > today:
        diags.error(brief.where.get("date", brief.pos), f"the brief is dated {brief.date.isoformat()}, in the future: "
                                                        f"date is the day the brief was published; {_UNTIL_PUBLISHED}")
    if source is None:
        return
    if datetime.date.min < source.date > today:
        diags.error(source.where.get("date", brief.pos), f"source.date {source.date.isoformat()} is in the future: the "
                                                         "original a brief restates has been published; fix its date, "
                                                         "and the brief's date, which is the same")
    if source.restated and not brief.draft and datetime.date.min < source.restated > today:
        diags.error(source.where.get("restated", brief.pos), f"source.restated {source.restated.isoformat()} is in the "
                                                             "future: it is the day the site published the brief; "
                                                             + _UNTIL_PUBLISHED)


MAX_ID_LENGTH = 80
"""Longest id (the JSON Schemas say the same)."""


def _reads_as(name: str) -> str:
    """A name as a reader sees it: compatibility forms as their letters (NFKC), no invisible characters."""
    return " ".join("".join(c for c in unicodedata.normalize("NFKC", name) if unicodedata.category(c) != "Cf").split())


def _check_look_alikes(s: Sources, diags: Diagnostics) -> None:
    """A registry entry whose name reads as another's, written with other characters (U+200B, a full-width
    letter): a second "Republic of Korea" that no reviewer could tell from the first."""
    for kind in REGISTRIES:
        seen: dict[str, Entity] = {}
        for entity in s.table(kind.key).values():
            name = getattr(entity, "name", "")
            first = seen.setdefault(_reads_as(name), entity) if name else entity
            other = getattr(first, "name", "")
            if first is entity or other == name:
                continue
            odd = next((c for c in name if unicodedata.category(c) == "Cf" or unicodedata.normalize("NFKC", c) != c),
                       None)
            here = f" (here U+{ord(odd):04X}, {unicodedata.name(odd, 'a control character')})" if odd else ""
            diags.error(entity.where.get("name", entity.pos),
                        f"{kind.noun} '{entity.id}' is named {shown(name)}, which reads as the name of {kind.noun} "
                        f"'{first.id}' (line {first.where.get('name', first.pos).line}) but is written with other "
                        f"characters{here}: readers could not tell the two apart; write the name as the other is "
                        "written, or give each its own")


def _check_ids(sources: Sources, diags: Diagnostics) -> None:
    for brief in sources.briefs.values():
        if not _SLUG.fullmatch(brief.id) or len(brief.id) > MAX_ID_LENGTH:
            diags.error(brief.pos, f"the file name {shown(brief.id + '.md')} is not a valid brief id: rename it with "
                                   f"lowercase letters a-z, digits and single hyphens, at most {MAX_ID_LENGTH} "
                                   "characters, like 'trilateral-prism.md'" + invisible(brief.id))
    for kind in KINDS.values():
        if kind.key == "rec":  # recommendations are checked below, with duplicates
            continue
        for id_, entity in sources.table(kind.key).items():
            if id_ in RESERVED_IDS:
                article = "an" if kind.noun[0] in "aeiou" else "a"
                diags.error(entity.pos, f"'{id_}' cannot be used as {article} {kind.noun} id: "
                                        "it is the name of the section's index page, choose another")
    first: dict[str, Recommendation] = {}
    for rec in sources.recommendations():
        if rec.id in RESERVED_IDS:
            diags.error(rec.where.get("id", rec.pos),
                        f"'{rec.id}' cannot be used as a recommendation id: choose another")
        if rec.id in first:
            other = first[rec.id]
            diags.error(
                rec.where.get("id", rec.pos),
                f"duplicate recommendation id '{rec.id}', already used at {other.where.get('id', other.pos)}: "
                "recommendation ids must be unique across all briefs, rename one",
            )
        else:
            first[rec.id] = rec


def _unknown(diags: Diagnostics, refs: Iterable[Ref], kind: Kind, known: dict, unreadable: set[str]) -> None:
    if kind.source in unreadable:  # the ids it defines are unknown: its own error comes first
        return
    for ref in refs:
        if ref.id not in known:
            valid = [k for k in known if _SLUG.fullmatch(k)]  # never propose an id that is itself wrong
            what = f"{shown(ref.id)}{invisible(ref.id)}{did_you_mean(ref.id, valid)}"
            diags.error(ref.pos, f"unknown {kind.noun} {what}: use an id from {kind.defined_in} or add it there")


def _check_references(s: Sources, diags: Diagnostics) -> None:
    tables = {key: s.table(key) for key in KINDS}  # once: the recommendations' table is built anew each call
    each = {key: s.each(key) for key in KINDS}  # likewise their list
    for link in LINKS.values():
        known = tables[link.target]
        for entity in each[link.source]:
            _unknown(diags, refs(entity, link.field), KINDS[link.target], known, s.unreadable)
    for mech in s.mechanisms.values():
        for ref in mech.related:
            if ref.id == mech.id:
                diags.error(ref.pos, f"mechanism '{mech.id}' lists itself as related: remove it")
    texts: list[Brief | Update] = [*s.briefs.values(), *s.updates.values()]
    for text in texts:
        for note in text.annotations:
            if note.target not in tables[note.kind]:
                _unknown(diags, [Ref(note.target, note.pos)], KINDS[note.kind], tables[note.kind], s.unreadable)


def _check_cycle(diags: Diagnostics, field: str, edges: dict[str, list[Ref]], why: str) -> None:
    """Report each cycle once, at the reference that closes it."""
    done: set[str] = set()

    def visit(node: str, path: list[str]) -> None:
        if node in done:
            return
        path.append(node)
        for ref in edges.get(node, []):
            if ref.id in path:
                loop = path[path.index(ref.id):] + [ref.id]
                diags.error(ref.pos, f"{field} forms a cycle: {' -> '.join(loop)}; {why}: "
                                     f"remove '{ref.id}' here or break the cycle elsewhere")
            elif ref.id in edges:
                visit(ref.id, path)
        path.pop()
        done.add(node)

    for start in sorted(edges):
        visit(start, [])


def _check_annotated(s: Sources, diags: Diagnostics, level: str) -> None:
    for brief in s.briefs.values():
        if brief.id in s.stubs:
            continue
        annotated = {n.target for n in brief.annotations if n.kind == "rec"}
        for rec in brief.recommendations:
            if rec.id not in annotated:
                diags.report(
                    level, rec.where.get("id", rec.pos),
                    f"recommendation '{rec.id}' is never annotated in the brief's text: "
                    f"link the passage that makes it, like [the words](rec:{rec.id})",
                )


def _check_used(s: Sources, diags: Diagnostics, level: str) -> None:
    if "briefs" in s.unreadable or s.stubs:  # what an unread brief refers to is unknown
        return
    used = _used(s)
    for kind in REGISTRIES:
        entries = s.table(kind.key)
        for typo in used[kind.key] - entries.keys():  # its error names the entry it meant: no warning for that one
            meant = closest(typo, entries)
            if meant:
                used[kind.key].add(meant)
        for id_, entity in entries.items():
            if id_ not in used[kind.key]:
                diags.report(level, entity.pos, f"{kind.noun} {shown(id_)} in {kind.registry_file} is not referred "
                                                "to by any brief or entry: refer to it or remove it")


def _used(s: Sources) -> dict[str, set[str]]:
    """The ids of each registry's kind that a link or an annotation refers to."""
    used: dict[str, set[str]] = {kind.key: set() for kind in REGISTRIES}
    each = {key: s.each(key) for key in KINDS}  # once: the recommendations' list is built anew each call
    for link in LINKS.values():
        if link.target in used:
            for entity in each[link.source]:
                used[link.target].update(r.id for r in refs(entity, link.field))
    texts: list[Brief | Update] = [*s.briefs.values(), *s.updates.values()]
    for text in texts:
        for note in text.annotations:
            if note.kind in used:
                used[note.kind].add(note.target)
    return used


def without_drafts(s: Sources) -> tuple[Sources, Diagnostics]:
    """The sources without the briefs marked `draft: true` (what `mkdocs build` publishes), and a
    warning for each link from a published brief into a draft, which would lead nowhere."""
    diags = Diagnostics()
    drafts = {id_ for id_, brief in s.briefs.items() if brief.draft}
    if not drafts:
        return s, diags
    draft_recs = {rec.id for id_ in drafts for rec in s.briefs[id_].recommendations}
    published = {id_: brief for id_, brief in s.briefs.items() if id_ not in drafts}
    for brief in published.values():
        for note in brief.annotations:
            into = {"brief": drafts, "rec": draft_recs}.get(note.kind, set())
            if note.target in into:
                where = "is a draft" if note.kind == "brief" else "is in a draft brief"
                diags.warning(note.pos, f"{KINDS[note.kind].noun} '{note.target}' {where}, which `mkdocs build` "
                                        "leaves out: publish that brief (remove 'draft: true') or remove the link")
    updates = {}  # what updates say of a draft's recommendations waits for it too
    for id_, update in s.updates.items():
        affects = [a for a in update.affects if a.rec.id not in draft_recs]
        if affects:
            updates[id_] = dataclasses.replace(update, affects=affects)
    return dataclasses.replace(s, briefs=published, updates=updates), diags


_UNSAFE_TEXT = re.compile(f"{CONTROL.pattern}|(?P<bidi>{BIDI.pattern})")
"""Refused in titles, names and every other text of front matter and registries, as in a
brief's text (blocks.py): control characters (tab and newline are fine), and the
bidirectional controls, which make a text show in another order than it is written."""
_BLANK = re.compile(r"[\s\u00ad\u061c\u115f\u1160\u180e\u200b-\u200f\u2060-\u2064\u206a-\u206f\u3164\ufeff\uffa0]*")
"""A text that shows nothing: spaces, and characters that have no width (a zero-width space, a BOM)."""
_NOT_TEXT = {"id", "brief_id", "body", "pos", "where", "annotations", "recommendations"}


def _texts(entity: Entity) -> Iterator[tuple[str, str, Pos]]:
    """Each text an editor wrote for an entity: (field, text, where the field's value is)."""
    for f in dataclasses.fields(entity):
        if f.name in _NOT_TEXT:
            continue
        value = getattr(entity, f.name)
        where = entity.where.get(f.name, entity.pos)
        if isinstance(value, str):
            yield f.name, value, where
        elif isinstance(value, list):
            yield from ((f.name, v, where) for v in value if isinstance(v, str))
            for i, item in enumerate(value):  # an update's sources and affects
                if dataclasses.is_dataclass(item) and not isinstance(item, (type, Ref)):
                    at = getattr(item, "where", {})
                    yield from ((f"{f.name}[{i + 1}].{g.name}", v, at.get(g.name, where))
                                for g in dataclasses.fields(item) if isinstance(v := getattr(item, g.name), str))
        elif isinstance(value, dict):  # a brief's page_meta: its tags are text shown on the page
            for key, meta in value.items():
                texts = meta if isinstance(meta, list) else [meta]
                yield from ((key, v, entity.where.get(key, where)) for v in texts if isinstance(v, str))
        elif dataclasses.is_dataclass(value) and not isinstance(value, (type, Ref)):  # a brief's source
            yield from ((f"{f.name}.{g.name}", v, getattr(value, "where", {}).get(g.name, where))
                        for g in dataclasses.fields(value) if isinstance(v := getattr(value, g.name), str))


def _read(s: Sources, kind: str) -> list[Entity]:
    """The entities of a kind, less those of the briefs that were not read (Sources.stubs)."""
    entities = s.each(kind)
    if not s.stubs or kind not in ("brief", "rec"):
        return entities
    return [e for e in entities if (e.brief_id if isinstance(e, Recommendation) else e.id) not in s.stubs]


_TEXTS_CHECKED: dict[int, tuple[Entity, list[Diagnostic]]] = {}
"""The problems in each entity's texts at the last check, by the entity's identity (with the entity, so that
its identity is not another's). Under `mkdocs serve` a file whose text did not change is not parsed again
(load.py: its entities are the very same objects, never changed after loading), so after a save the texts of
all the others need no second look; an entity parsed again is a new object, checked anew."""


def _check_text(s: Sources, diags: Diagnostics) -> None:
    global _TEXTS_CHECKED
    last, now = _TEXTS_CHECKED, {}
    for kind in KINDS.values():
        for entity in _read(s, kind.key):
            found = last.get(id(entity))
            problems = found[1] if found is not None and found[0] is entity else _text_problems(entity)
            now[id(entity)] = (entity, problems)
            diags.items.extend(problems)
    _TEXTS_CHECKED = now


def _text_problems(entity: Entity) -> list[Diagnostic]:
    """The control characters, bidirectional controls and blank texts in what an editor wrote for `entity`."""
    diags = Diagnostics()
    for name, text, where in _texts(entity):
        if text and _BLANK.fullmatch(text):
            diags.error(where, f"'{name}' shows nothing: it is {shown(text)}, only spaces or invisible "
                               "characters; write the text")
            continue
        if text in PLACEHOLDERS:
            diags.warning(where, f"'{name}' is still the placeholder {shown(text)} that mkdocs-briefs new wrote: "
                                 "write your own")
            continue
        bad = _UNSAFE_TEXT.search(text)
        if bad is None:
            continue
        char = bad.group()
        what = f"U+{ord(char):04X} ({unicodedata.name(char, 'a control character')})"
        after = f" after {shown(text[: bad.start()][-30:])}" if bad.start() else " at its start"
        if "\ud800" <= char <= "\udfff" or char in "\ufffe\uffff":  # from a YAML escape like "\ud800"
            diags.error(where, f"'{name}' has U+{ord(char):04X}{after}, which is not a character: no page or "
                               "feed can hold it; delete it (or write the character itself, not its escape)")
        elif bad.group("bidi"):
            diags.error(where, f"'{name}' has the bidirectional control {what}{after}: it makes the text show "
                               "in another order than it is written; delete it")
        else:
            diags.error(where, f"'{name}' has the control character {what}{after}: delete it")
    return diags.items
