"""Hints for editors: likely omissions that `mkdocs-briefs check` shows but a build ignores.

- an actor's name, short name or alias written in a brief's text without an annotation;
- a recommendation whose passage never names one of the actors it is addressed to.
"""

from __future__ import annotations

import re

from .annotations import mask_code, paragraphs_of
from .blocks import LineIndex
from .diagnostics import Diagnostics, Pos
from .model import Actor, Annotation, Sources

MIN_NAME_LENGTH = 3
"""Shorter names and aliases are too ambiguous to hint about."""

_ANY_LINK = re.compile(r"\[(?:[^\[\]]|\[[^\[\]]*\])*\]\([^)\[]*\)")
"""A link, its address and title up to the next '[' at most (reading to the end of the paragraph for each
'[x](' never closed took minutes)."""


def find_hints(sources: Sources) -> Diagnostics:
    hints = Diagnostics()
    names = _surfaces(sources.actors.values())
    briefs = [brief for brief in sources.briefs.values() if brief.id not in sources.stubs]
    if len(briefs) < _FEW:  # the names in the text only: a smaller regular expression, quicker to compile
        names = {name: id_ for name, id_ in names.items() if any(name in brief.body for brief in briefs)}
    finder = _NameFinder(names)
    named = _Named()
    for brief in briefs:
        first_line = brief.body_line
        annotated_in: dict[int, set[str]] = {}
        for note in brief.annotations:
            if note.kind == "actor":
                annotated_in.setdefault(note.pos.line, set()).add(note.target)
        for paragraph in paragraphs_of(brief.body):
            text = _ANY_LINK.sub(_blank, mask_code(paragraph.text))
            found = finder.find(text)
            if not found:
                continue
            start = first_line + paragraph.first_line
            end = start + paragraph.text.count("\n")
            annotated = set().union(*(ids for line, ids in annotated_in.items() if start <= line <= end))
            index = LineIndex(text, start)
            hinted: set[str] = set()
            for offset, name in found:
                actor = names[name]
                if actor in annotated or actor in hinted:
                    continue
                hinted.add(actor)
                pos = Pos(brief.pos.path, *index.line_col(offset))
                hints.hint(pos, f"'{name}' names actor '{actor}' without an annotation: write [{name}](actor:{actor})")
        _addressees_hints(sources, brief, named, hints)
    return hints


_FEW = 20
"""Up to this many briefs (`check FILE...`), the name finder is built from the names their text has."""


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group(0))


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

    One regular expression alternating hundreds of names would try each of them at every
    character; here the names are folded into a trie first (`Republic of (?:Ilia|Tor)`), so
    that the regular expression engine follows one branch a character and backtracks from
    the longest name to shorter ones only where a name is followed by a letter, digit or hyphen.
    """

    def __init__(self, names: dict[str, str]) -> None:
        trie: dict = {}
        for name in names:
            node = trie
            for char in name[:_TRIE_DEPTH]:
                node = node.setdefault(char, {})
            node.setdefault(None, []).append(name[_TRIE_DEPTH:])  # the rest of the names that end below
        self.pattern = re.compile(rf"(?:{_first_alternatives(trie)})(?![\w-])") if names else None

    def find(self, text: str) -> list[tuple[int, str]]:
        if self.pattern is None:
            return []
        return [(m.start(), m.group()) for m in self.pattern.finditer(text)]


_TRIE_DEPTH = 12
"""Names are folded into a trie by their first characters only (a regular expression nests a
group at each fork, and Python's parser of them recurses); longer names end in a list of rests."""


def _first_alternatives(trie: dict) -> str:
    """The trie's regular expression, each name starting with its first character and then looking
    back past it (not after a letter, digit or hyphen). A pattern whose every branch starts with a
    character lets the engine skip straight to the places where one of those characters stands,
    instead of trying every place of the text (as a leading look-behind would)."""
    return "|".join(re.escape(char) + r"(?<![\w-][\s\S])" + _group(child)
                    for char, child in sorted(trie.items(), key=_by_char) if char)


def _alternatives(node: dict) -> str:
    """The regular expression of a trie's node, longer names first so that the longest is tried first."""
    branches = [re.escape(char) + _group(child) for char, child in sorted(node.items(), key=_by_char) if char]
    rests = sorted(node.get(None, ()), key=len, reverse=True)
    return "|".join(branches + [re.escape(rest) for rest in rests])


def _by_char(item: tuple) -> str:
    return item[0] or ""


def _group(node: dict) -> str:
    if list(node) == [None] and node[None] == [""]:
        return ""
    if len(node) == 1 and None not in node:
        return _alternatives(node)
    return f"(?:{_alternatives(node)})"


def _addressees_hints(sources: Sources, brief, named: _Named, hints: Diagnostics) -> None:
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
            if actor is None or named(note.passage, actor):
                continue
            hints.hint(note.pos, f"recommendation '{rec.id}' is addressed to '{actor.id}' ({actor.name}), but the "
                                 "passage that makes it never names them: name them there, or check addressed_to")


class _Named:
    """Whether a passage names an actor: annotates it, or writes one of its names as a word.
    One regular expression an actor, compiled the first time it is needed (a compiled pattern
    each call would overflow the `re` module's cache of 512 with a few hundred actors)."""

    def __init__(self) -> None:
        self.patterns: dict[str, re.Pattern[str]] = {}

    def __call__(self, passage: str, actor: Actor) -> bool:
        if f"(actor:{actor.id})" in passage or f"(actor:{actor.id}#" in passage:
            return True
        pattern = self.patterns.get(actor.id)
        if pattern is None:
            written = "|".join(re.escape(n) for n in (actor.name, actor.short, *actor.aliases) if n)
            pattern = self.patterns[actor.id] = re.compile(rf"(?<![\w-])(?:{written})(?![\w-])")
        return pattern.search(passage) is not None
