"""Checks that need the whole set of sources: ids, references, cycles, unused entries.

Structural problems (missing fields, wrong types, unknown kinds) were reported while
loading, by the schemas. Errors here stop a build; warnings stop it under `--strict`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from .diagnostics import Diagnostics, Pos, closest, did_you_mean
from .load import RESERVED_IDS
from .schema import invisible, shown
from .model import Recommendation, Ref, Sources

_SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")  # fullmatch: "$" would accept a final newline


def validate(sources: Sources) -> Diagnostics:
    diags = Diagnostics()
    _check_ids(sources, diags)
    _check_references(sources, diags)
    _check_cycle(diags, "members", {a.id: a.members for a in sources.actors.values()}, "a group cannot contain itself")
    _check_cycle(
        diags, "part_of", {m.id: [m.part_of] if m.part_of else [] for m in sources.mechanisms.values()},
        "a mechanism cannot be part of itself",
    )
    _check_annotated(sources, diags)
    _check_used(sources, diags)
    return diags


MAX_ID_LENGTH = 80
"""Longest id (the JSON Schemas say the same)."""


def all_recommendations(sources: Sources) -> Iterator[Recommendation]:
    for brief in sources.briefs.values():
        yield from brief.recommendations


def _check_ids(sources: Sources, diags: Diagnostics) -> None:
    for brief in sources.briefs.values():
        if not _SLUG.fullmatch(brief.id) or len(brief.id) > MAX_ID_LENGTH:
            diags.error(brief.pos, f"the file name {shown(brief.id + '.md')} is not a valid brief id: rename it with lowercase "
                                   f"letters a-z, digits and single hyphens, at most {MAX_ID_LENGTH} characters, "
                                   "like 'trilateral-prism.md'" + invisible(brief.id))
    registries = {"actor": sources.actors, "mechanism": sources.mechanisms, "author": sources.authors,
                  "series": sources.series, "brief": sources.briefs}
    for kind, entries in registries.items():
        for id_, entity in entries.items():
            if id_ in RESERVED_IDS:
                article = "an" if kind[0] in "aeiou" else "a"
                diags.error(entity.pos, f"'{id_}' cannot be used as {article} {kind} id: "
                                        "it is the name of the section's index page, choose another")
    first: dict[str, Recommendation] = {}
    for rec in all_recommendations(sources):
        if rec.id in RESERVED_IDS:
            diags.error(rec.where.get("id", rec.pos), f"'{rec.id}' cannot be used as a recommendation id: choose another")
        if rec.id in first:
            other = first[rec.id]
            diags.error(
                rec.where.get("id", rec.pos),
                f"duplicate recommendation id '{rec.id}', already used at {other.where.get('id', other.pos)}: "
                "recommendation ids must be unique across all briefs, rename one",
            )
        else:
            first[rec.id] = rec


_SOURCE_OF = {"actor": "actors", "mechanism": "mechanisms", "author": "authors", "series": "series",
              "recommendation": "briefs", "brief": "briefs"}


def _unknown(diags: Diagnostics, refs: Iterable[Ref | None], kind: str, known: dict, registry: str,
             unreadable: set[str]) -> None:
    if _SOURCE_OF[kind] in unreadable:  # the ids it defines are unknown: its own error comes first
        return
    for ref in refs:
        if ref is not None and ref.id not in known:
            valid = [k for k in known if _SLUG.fullmatch(k)]  # never propose an id that is itself wrong
            diags.error(ref.pos, f"unknown {kind} {shown(ref.id)}{invisible(ref.id)}{did_you_mean(ref.id, valid)}: "
                                 f"use an id from {registry} or add it there")


def _check_references(s: Sources, diags: Diagnostics) -> None:
    recs = {r.id: r for r in all_recommendations(s)}
    lost = s.unreadable
    for actor in s.actors.values():
        _unknown(diags, actor.members, "actor", s.actors, "actors.yml", lost)
    for mech in s.mechanisms.values():
        _unknown(diags, [mech.part_of, *mech.related], "mechanism", s.mechanisms, "mechanisms.yml", lost)
        for ref in mech.related:
            if ref.id == mech.id:
                diags.error(ref.pos, f"mechanism '{mech.id}' lists itself as related: remove it")
    for brief in s.briefs.values():
        _unknown(diags, brief.authors, "author", s.authors, "authors.yml", lost)
        _unknown(diags, [brief.series], "series", s.series, "series.yml", lost)
        for rec in brief.recommendations:
            _unknown(diags, [*rec.addressed_to, *rec.involves], "actor", s.actors, "actors.yml", lost)
            _unknown(diags, rec.mechanisms, "mechanism", s.mechanisms, "mechanisms.yml", lost)
        known = {"actor": (s.actors, "actors.yml"), "mechanism": (s.mechanisms, "mechanisms.yml"),
                 "rec": (recs, "a brief's recommendations"), "brief": (s.briefs, "the briefs folder (file names)"),
                 "author": (s.authors, "authors.yml"), "series": (s.series, "series.yml")}
        for note in brief.annotations:
            entries, registry = known[note.kind]
            _unknown(diags, [Ref(note.target, note.pos)], _KIND_WORDS[note.kind], entries, registry, lost)


_KIND_WORDS = {"actor": "actor", "mechanism": "mechanism", "rec": "recommendation", "brief": "brief",
               "author": "author", "series": "series"}


def _check_cycle(diags: Diagnostics, field: str, edges: dict[str, list[Ref]], why: str) -> None:
    """Report each cycle once, at the reference that closes it."""
    done: set[str] = set()
    for start in sorted(edges):
        path: list[str] = []
        on_path: set[str] = set()

        def visit(node: str) -> None:
            if node in done:
                return
            path.append(node)
            on_path.add(node)
            for ref in edges.get(node, []):
                if ref.id in on_path:
                    loop = path[path.index(ref.id):] + [ref.id]
                    diags.error(ref.pos, f"{field} forms a cycle: {' -> '.join(loop)}; {why}: "
                                         f"remove '{ref.id}' here or break the cycle elsewhere")
                elif ref.id in edges:
                    visit(ref.id)
            path.pop()
            on_path.discard(node)
            done.add(node)

        visit(start)


def _check_annotated(s: Sources, diags: Diagnostics) -> None:
    for brief in s.briefs.values():
        annotated = {n.target for n in brief.annotations if n.kind == "rec"}
        for rec in brief.recommendations:
            if rec.id not in annotated:
                diags.warning(
                    rec.where.get("id", rec.pos),
                    f"recommendation '{rec.id}' is never annotated in the brief's text: "
                    f"link the passage that makes it, like [the words](rec:{rec.id})",
                )


def _check_used(s: Sources, diags: Diagnostics) -> None:
    if "briefs" in s.unreadable:  # what the unreadable brief refers to is unknown
        return
    used: dict[str, set[str]] = {"actor": set(), "mechanism": set(), "author": set(), "series": set()}
    for actor in s.actors.values():
        used["actor"].update(r.id for r in actor.members)
    for mech in s.mechanisms.values():
        used["mechanism"].update(r.id for r in [mech.part_of, *mech.related] if r)
    for brief in s.briefs.values():
        used["author"].update(r.id for r in brief.authors)
        if brief.series:
            used["series"].add(brief.series.id)
        for rec in brief.recommendations:
            used["actor"].update(r.id for r in [*rec.addressed_to, *rec.involves])
            used["mechanism"].update(r.id for r in rec.mechanisms)
        for note in brief.annotations:
            if note.kind in used:
                used[note.kind].add(note.target)
    registries = {"actor": (s.actors, "actors.yml"), "mechanism": (s.mechanisms, "mechanisms.yml"),
                  "author": (s.authors, "authors.yml"), "series": (s.series, "series.yml")}
    for kind, (entries, registry) in registries.items():
        for typo in used[kind] - entries.keys():  # its error names the entry it meant: no warning for that one
            meant = closest(typo, entries)
            if meant:
                used[kind].add(meant)
        for id_, entity in entries.items():
            if id_ not in used[kind]:
                diags.warning(entity.pos, f"{kind} {shown(id_)} in {registry} is not referred to by any brief or entry: "
                                          "refer to it or remove it")
