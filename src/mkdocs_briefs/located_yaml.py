"""YAML parsed into plain data, with the source position of every key and value.

PyYAML's own loaders forget positions and silently keep the last of two equal keys. We
compose the node graph instead (with the C parser when the machine has it) and build the
data ourselves, so that every later message can point at the line an editor wrote, and
duplicate keys, anchors/aliases and runaway nesting become diagnostics, not surprises.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from .blocks import LineIndex
from .diagnostics import Diagnostics, Pos

try:  # the C parser is several times faster; the pure-Python one gives the same marks
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

MAX_DEPTH = 32
"""Deepest nesting of mappings and lists accepted in any source."""

Path = tuple[str | int, ...]

_NOT_PRINTABLE = re.compile("[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]")
"""Characters a YAML stream may not contain (the YAML 1.1 'printable' set, as PyYAML reads it)."""

_SCALAR_TAGS = {
    "tag:yaml.org,2002:int": "construct_yaml_int",
    "tag:yaml.org,2002:float": "construct_yaml_float",
    "tag:yaml.org,2002:bool": "construct_yaml_bool",
    "tag:yaml.org,2002:null": "construct_yaml_null",
}


_CONSTRUCTOR = yaml.constructor.SafeConstructor()
"""PyYAML's own readers of numbers, booleans and null (they keep no state), made once (a loader a file cost 1 ms)."""


@dataclass
class LocatedYaml:
    """Plain data (dict, list, str, int, float, bool, None) and where each part was written."""

    data: Any
    path: str
    values: dict[Path, tuple[int, int]] = field(default_factory=dict)
    """Line and column of each value (a Pos is made only when one is asked for: most never are)."""
    keys: dict[Path, tuple[int, int]] = field(default_factory=dict)
    refused: set[Path] = field(default_factory=set)
    """Where an alias was written: its value is None and already reported, not to be checked again."""

    def at(self, where: Path) -> Pos:
        """Position of the value at `where`, or of its nearest written ancestor."""
        while where not in self.values and where:
            where = where[:-1]
        found = self.values.get(where)
        return Pos(self.path) if found is None else Pos(self.path, *found)

    def key_at(self, where: Path) -> Pos:
        """Position of the key that introduces `where` (falls back to the value)."""
        found = self.keys.get(where)
        return self.at(where) if found is None else Pos(self.path, *found)


class _Builder:
    def __init__(self, path: str, line_offset: int, diags: Diagnostics) -> None:
        self.path = path
        self.line_offset = line_offset
        self.diags = diags
        self.seen: set[int] | None = None
        """The nodes built so far, to tell an alias (the same node again); None when the text has none."""
        self.doc = LocatedYaml(None, path)

    def pos(self, mark: Any) -> Pos:
        return Pos(self.path, mark.line + 1 + self.line_offset, mark.column + 1)

    def build(self, node: yaml.Node, where: Path, depth: int = 0) -> Any:
        mark = node.start_mark
        self.doc.values[where] = (mark.line + 1 + self.line_offset, mark.column + 1)
        if self.seen is not None:
            if id(node) in self.seen:  # an alias: reported where it is written, by `refuse_aliases`
                self.doc.refused.add(where)
                return None
            self.seen.add(id(node))
        if depth > MAX_DEPTH:
            self.diags.error(self.pos(mark), f"nesting is deeper than {MAX_DEPTH} levels; flatten this value")
            return None
        cls = type(node)
        if cls is yaml.ScalarNode:
            return node.value if node.tag not in _SCALAR_TAGS else self.scalar(node)
        if cls is yaml.MappingNode:
            return self.mapping(node, where, depth)
        build = self.build
        return [build(item, where + (i,), depth + 1) for i, item in enumerate(node.value)]

    def mapping(self, node: yaml.MappingNode, where: Path, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        keys = self.doc.keys
        offset = 1 + self.line_offset
        for key_node, value_node in node.value:
            mark = key_node.start_mark
            if type(key_node) is not yaml.ScalarNode:
                self.diags.error(self.pos(mark), "a key must be plain text, not a list or mapping")
                continue
            key = key_node.value
            if key == "<<" and key_node.tag == "tag:yaml.org,2002:merge":
                self.diags.error(
                    self.pos(mark), "YAML merge keys (<<) are not supported here; write the fields out in full"
                )
                continue
            if key in result:
                first = keys[where + (key,)]
                self.diags.error(
                    self.pos(mark),
                    f"duplicate key '{key}' (first written at line {first[0]}); "
                    "YAML would silently keep only the last one: merge or rename them",
                )
                continue
            keys[where + (key,)] = (mark.line + offset, mark.column + 1)
            result[key] = self.build(value_node, where + (key,), depth + 1)
        return result

    def refuse_aliases(self, text: str, node: yaml.Node) -> bool:
        """Report the aliases (*name) of the text once, at the first, naming the lines of the others (the
        composed node only knows its anchor's place); False when they repeat more than MAX_REPEATED values
        (a "billion laughs"), so that the text is not to be read at all."""
        previous, found = None, []
        for event in yaml.parse(text, Loader=_Loader):
            merge = isinstance(previous, yaml.ScalarEvent) and previous.value == "<<" and previous.implicit[0]
            if isinstance(event, yaml.AliasEvent) and not merge:  # '<<: *name' is reported at its key
                found.append(self.pos(event.start_mark))
            previous = event
        if not found:
            return True
        self.seen = set()  # aliases there are: each node built is remembered, to tell one
        if _repeated(node) > MAX_REPEATED:
            self.diags.error(found[0], f"the aliases of this file (*name, {len(found):,} of them) repeat more than "
                                       f"{MAX_REPEATED:,} values: it is not read; write each value out in full, "
                                       "without &name and *name")
            return False
        lines = sorted({p.line for p in found[1:]})
        others = "" if len(found) == 1 else (
            f" (and the alias at line {lines[0]})" if len(found) == 2 else
            f" (and {len(found) - 1:,} more aliases, at lines {', '.join(map(str, lines[:10]))}"
            + (", ...)" if len(lines) > 10 else ")"))
        self.diags.error(found[0], "YAML anchors and aliases (&name, *name, <<) are not supported here; "
                                   "write the value out in full" + others)
        return True

    def scalar(self, node: yaml.ScalarNode) -> Any:
        method = _SCALAR_TAGS.get(node.tag)
        if method is None:  # str, timestamps (kept as written: dates are checked as text) and others
            return node.value
        try:
            value = getattr(_CONSTRUCTOR, method)(node)
            # .nan and .inf are kept as the text written: no page or JSON export can hold them (json.dumps wrote NaN)
            return value if type(value) is not float or math.isfinite(value) else node.value
        except ValueError:  # an integer of more than 4,300 digits (Python's limit on int(str))
            self.diags.error(self.pos(node.start_mark), f"the number here is {len(node.value):,} characters long, "
                                                        "too long to read: quote it to make it text, or shorten it")
            return node.value


MAX_REPEATED = 100_000
"""Most values a text's aliases may repeat (they are refused, but a file that repeats one list in another
and that one in a third, nine levels deep, stands for hundreds of millions of values)."""


def _repeated(root: yaml.Node) -> int:
    """How many values more than it holds the node graph stands for with every alias written out (each node
    is visited once however often it is reached, and not recursively: this runs before nesting is checked)."""
    size: dict[int, int] = {}
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        if id(node) in size:
            continue
        children = ([n for pair in node.value for n in pair] if type(node) is yaml.MappingNode
                    else node.value if type(node) is yaml.SequenceNode else [])
        if children_done or not children:
            size[id(node)] = min(1 + sum(size[id(c)] for c in children), 10**12)
        else:
            stack.append((node, True))
            stack.extend((c, False) for c in children if id(c) not in size)
    return size[id(root)] - len(size)


def _compose(text: str) -> yaml.Node | None:
    """The node graph, by the fast C parser where it can be trusted to agree with PyYAML.

    A text it fails on is read again by the pure-Python parser, so that the error (wording
    and place) is the same on every machine; so is a text with tabs, which LibYAML accepts
    in places PyYAML refuses.
    """
    if _Loader is not yaml.SafeLoader and "\t" not in text:
        try:
            return yaml.compose(text, Loader=_Loader)
        except yaml.YAMLError:
            pass
    _raise_if_too_deep(text)
    return yaml.compose(text, Loader=yaml.SafeLoader)


class _TooDeep(Exception):
    def __init__(self, mark: Any) -> None:
        self.mark = mark


def _raise_if_too_deep(text: str) -> None:
    """Find runaway nesting from the event stream, which (unlike composing) is not recursive."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    raise _TooDeep(event.start_mark)
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        return  # a syntax error before any runaway nesting: reported as such


def parse_yaml(text: str, path: str, diags: Diagnostics, line_offset: int = 0) -> LocatedYaml | None:
    """Parse one YAML document; on a syntax error report it and return None.

    `line_offset` is the number of file lines before `text` (front matter starts on line 2).
    """
    builder = _Builder(path, line_offset, diags)
    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = builder.pos(mark) if mark else Pos(path, 1 + line_offset)
        lines = text.split("\n")
        if where.line - line_offset > len(lines):  # past the end: the two parsers disagree on where that is
            where = Pos(path, len(lines) + line_offset, len(lines[-1]) + 1)
        context = exc.context or ""
        if context and exc.context_mark and exc.problem_mark and exc.context_mark.line != exc.problem_mark.line:
            context += f" started at line {builder.pos(exc.context_mark).line},"
        problem = " ".join(p for p in (context, exc.problem) if p)
        diags.error(where, f"YAML syntax error: {problem}; check the indentation and quoting here")
        return None
    except yaml.reader.ReaderError:  # a character YAML does not allow, such as a control code
        # located here, not from the error: the C parser counts its position in bytes, not characters
        bad = _NOT_PRINTABLE.search(text)
        offset = bad.start() if bad else 0
        where = Pos(path, *LineIndex(text, 1 + line_offset).line_col(offset))
        code = ord(text[offset]) if bad else 0
        diags.error(where, f"character U+{code:04X} is not allowed in YAML: delete it, or write it as an escape "
                           "(like \\u0007) in a double-quoted string")
        return None
    except yaml.YAMLError as exc:  # any other error without a mark
        diags.error(Pos(path, 1 + line_offset), f"YAML error: {' '.join(str(exc).split())}")
        return None
    except _TooDeep as exc:
        diags.error(builder.pos(exc.mark), f"nesting is deeper than {MAX_DEPTH} levels; flatten this value")
        return None
    except RecursionError:
        diags.error(Pos(path, 1 + line_offset), f"nesting is deeper than {MAX_DEPTH} levels; flatten it")
        return None
    if node is None:
        builder.doc.values[()] = (1 + line_offset, 1)
        return builder.doc
    if "*" in text and not builder.refuse_aliases(text, node):
        return None
    builder.doc.data = builder.build(node, ())
    return builder.doc
