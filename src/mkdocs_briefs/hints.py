"""Hints for editors: likely omissions that `mkdocs-briefs check` shows but a build ignores.

- an actor's name, short name or alias written in a brief's text without an annotation;
- a recommendation whose passage never names one of the actors it is addressed to.
"""

from __future__ import annotations

import re

from .annotations import mask_code, paragraphs
from .blocks import LineIndex
from .diagnostics import Diagnostics, Pos
from .model import Actor, Annotation, Sources

MIN_NAME_LENGTH = 3
"""Shorter names and aliases are too ambiguous to hint about."""

_ANY_LINK = re.compile(r"\[(?:[^\[\]]|\[[^\[\]]*\])*\]\([^)]*\)")


def find_hints(sources: Sources) -> Diagnostics:
    hints = Diagnostics()
    names = _surfaces(sources.actors.values())
    finder = _NameFinder(names)
    for brief in sources.briefs.values():
        first_line = brief.body_line
        annotated_in: dict[int, set[str]] = {}
        for note in brief.annotations:
            if note.kind == "actor":
                annotated_in.setdefault(note.pos.line, set()).add(note.target)
        for paragraph in paragraphs(brief.body.split("\n")):
            start = first_line + paragraph.first_line
            lines = range(start, start + paragraph.text.count("\n") + 1)
            annotated = set().union(*(annotated_in.get(line, set()) for line in lines))
            text = _ANY_LINK.sub(lambda m: " " * len(m.group(0)), mask_code(paragraph.text))
            index = LineIndex(text, start)
            hinted: set[str] = set()
            for offset, name in finder.find(text):
                actor = names[name]
                if actor in annotated or actor in hinted:
                    continue
                hinted.add(actor)
                pos = Pos(brief.pos.path, *index.line_col(offset))
                hints.hint(pos, f"'{name}' names actor '{actor}' without an annotation: write [{name}](actor:{actor})")
        _addressees_hints(sources, brief, names, hints)
    return hints


def _surfaces(actors) -> dict[str, str]:
    """Every name an actor goes by in text -> its id (the first actor wins a shared name)."""
    names: dict[str, str] = {}
    for actor in actors:
        for name in (actor.name, actor.short, *actor.aliases):
            if name and len(name) >= MIN_NAME_LENGTH:
                names.setdefault(name, actor.id)
    return names


class _NameFinder:
    """Finds names in text where they stand as words (not inside a longer word or id), left
    to right, the longest name first where several start at the same place.

    One regular expression alternating hundreds of names tries each of them at every
    character; here only the names sharing the text's next three characters are tried,
    and only where no letter, digit or hyphen comes before. (Every name has at least MIN_NAME_LENGTH characters.)
    """

    def __init__(self, names: dict[str, str]) -> None:
        self.by_start: dict[str, list[str]] = {}
        for name in sorted(names, key=len, reverse=True):
            self.by_start.setdefault(name[:MIN_NAME_LENGTH], []).append(name)

    def find(self, text: str) -> list[tuple[int, str]]:
        found: list[tuple[int, str]] = []
        end = 0
        for start in _WORD_START.finditer(text):
            i = start.start()
            if i < end:  # inside the previous match
                continue
            for name in self.by_start.get(text[i : i + MIN_NAME_LENGTH], ()):
                j = i + len(name)
                if text.startswith(name, i) and not (j < len(text) and _WORD_CHAR.match(text, j)):
                    found.append((i, name))
                    end = j
                    break
        return found


_WORD_START = re.compile(r"(?<![\w-])")
"""Where a name can start: after none of [\\w-]."""
_WORD_CHAR = re.compile(r"[\w-]")


def _addressees_hints(sources: Sources, brief, names: dict[str, str], hints: Diagnostics) -> None:
    first: dict[str, Annotation] = {}
    for note in brief.annotations:
        if note.kind == "rec" and note.anchor:
            first.setdefault(note.target, note)
    for rec in brief.recommendations:
        note = first.get(rec.id)
        if note is None:
            continue  # validation already warns about it
        for ref in rec.addressed_to:
            actor: Actor | None = sources.actors.get(ref.id)
            if actor is None or _named(note.passage, actor, names):
                continue
            hints.hint(note.pos, f"recommendation '{rec.id}' is addressed to '{actor.id}' ({actor.name}), but the "
                                 "passage that makes it never names them: name them there, or check addressed_to")


def _named(passage: str, actor: Actor, names: dict[str, str]) -> bool:
    if re.search(rf"\(actor:{re.escape(actor.id)}[)#]", passage):
        return True
    return any(re.search(rf"(?<![\w-]){re.escape(n)}(?![\w-])", passage)
               for n in (actor.name, actor.short, *actor.aliases) if n)
