"""Where the code is in Markdown text, read the way the site's Markdown reads it.

One scanner for every check that must skip code (annotations, raw HTML, script links,
```mermaid blocks, the listings of hand-written pages): if it disagreed with the
converter, text the checker took for code would be rendered as Markdown, unchecked.

Fences follow `pymdownx.superfences`, which the plugin enables: an opening line is any
indentation or `>` quoting, three or more backticks or tildes, then nothing but a
language, `{attributes}` or `key="value"` options (```` ```x``` ```` on one line and
`~~~ `x`` are *not* fences); the block ends at a line with the same indentation and
exactly the same fence; a content line indented less than the opening abandons it. A
fence still open at the end of a brief's body is an error (the page's own Markdown that
follows would otherwise close it and be swallowed).

`LineIndex` turns offsets in a text into line and column once per text, in O(log n).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

_OPEN = re.compile(r"^(?P<ws>[> \t]*)(?P<fence>~{3,}|`{3,})(?P<info>.*)$")
_INFO = re.compile(
    r"""[ \t]*(?:\.?[\w#.+-]+(?=[ \t]|$))?"""
    r"""(?:[ \t]*\{[^\n]*\}|(?:[ \t]*[a-zA-Z][a-zA-Z0-9_]*(?:=(?:"[^"]*"|'[^']*'))?(?=[ \t]|$))+)?[ \t]*"""
)
_MERMAID = re.compile(r"[ \t]*(?:\{[^}]*)?\.?mermaid\b", re.IGNORECASE)
MAX_NESTING = 30
"""Deepest nesting of lists and quotes accepted in a brief (Python-Markdown recurses on it)."""
_NESTING = re.compile(r"^((?:[ \t]*(?:[-*+]|\d{1,9}[.)]|>)(?:[ \t]+|$))+)")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
"""Characters refused in a brief's text (tab and newline are fine): controls, and what is not a
character at all (a lone surrogate, which YAML's "\\ud800" makes and no page can be written with;
U+FFFE and U+FFFF, which XML, so the feed, cannot hold)."""
BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
"""Bidirectional embeddings, overrides and isolates, refused in a brief's text and every other
text: they make a text show in another order than it is written ("Trojan Source")."""


@dataclass(frozen=True)
class Fence:
    start: int
    """0-based index of the opening line."""
    end: int | None
    """0-based index of the closing line; None if never closed."""
    col: int
    """1-based column of the fence characters on the opening line."""
    info: str

    @property
    def is_mermaid(self) -> bool:
        return bool(_MERMAID.match(self.info))


def _width(ws: str) -> int:
    return len(ws.replace("\t", "    "))


def fences(lines: list[str]) -> list[Fence]:
    """Every fenced block of the text (closed or not), in order."""
    found: list[Fence] = []
    i, n = 0, len(lines)
    while i < n:
        m = _OPEN.match(lines[i])
        if not m or not _INFO.fullmatch(m.group("info")):
            i += 1
            continue
        ws, fence = m.group("ws"), m.group("fence")
        closing = re.compile(re.escape(fence) + r"[ \t]*")
        j, end, abandoned = i + 1, None, False
        while j < n:
            line = lines[j]
            if line.strip() == "":
                j += 1
                continue
            lead = len(line) - len(line.lstrip("> \t"))
            if _width(line[:lead]) < _width(ws) and not line.startswith(ws):
                abandoned = True  # not indented enough: superfences gives up on this fence
                break
            content = line[len(ws):] if line.startswith(ws) else None
            if content is not None and closing.fullmatch(content):
                end = j
                break
            j += 1
        if abandoned:
            i = j + 1
            continue
        found.append(Fence(i, end, len(ws) + 1, m.group("info")))
        i = (end if end is not None else n) + 1
    return found


def fenced_lines(lines: list[str]) -> set[int]:
    """Indexes of the lines that belong to a fenced block (its fences included)."""
    inside: set[int] = set()
    for f in fences(lines):
        inside.update(range(f.start, (f.end if f.end is not None else len(lines) - 1) + 1))
    return inside


def nesting_depth(line: str) -> int:
    """How deep a line nests lists and quotes: its markers, and its indentation in steps of 4."""
    m = _NESTING.match(line)
    prefix = m.group(1) if m else line[: len(line) - len(line.lstrip(" \t"))]
    markers = len(re.findall(r"[-*+>]|\d{1,9}[.)]", prefix)) if m else 0
    return markers + _width(prefix[: len(prefix) - len(prefix.lstrip(" \t"))]) // 4


class LineIndex:
    """Offsets in a text to 1-based (line, column), computed once per text."""

    def __init__(self, text: str, first_line: int = 1) -> None:
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.first_line = first_line

    def line_col(self, offset: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.starts, offset) - 1
        return self.first_line + i, offset - self.starts[i] + 1


_MD_ESCAPABLE = "\\`*_{}[]()>#+-.!|"
"""Characters a backslash escapes in Python-Markdown (with tables' '|'): not '<', so
`\\<img>` is a backslash and then raw HTML."""
_BACKTICKS = re.compile(r"`+")
_ESCAPED = re.compile(r"\\.")


def mask_code(text: str) -> str:
    """Blank out code spans and backslash escapes, keeping every offset in place."""
    if "\\" in text:
        text = _ESCAPED.sub(lambda m: "  " if m.group(0)[1] in _MD_ESCAPABLE else m.group(0), text)
    if "`" not in text:
        return text
    spans = _code_spans(text)
    if not spans:
        return text
    pieces, start = [], 0
    for begin, end in spans:
        pieces += [text[start:begin], " " * (end - begin)]
        start = end
    return "".join(pieces) + text[start:]


def _code_spans(text: str) -> list[tuple[int, int]]:
    """Where the code spans are: from a run of backticks to the next run of the same length. Each run is
    looked up among those of its length, not read up to the end for (the regular expression that did it
    read a paragraph once for each run never closed: 1,300 of them took a minute)."""
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(text)]
    by_length: dict[int, list[int]] = {}
    for i, (begin, end) in enumerate(runs):
        by_length.setdefault(end - begin, []).append(i)
    spans, i = [], 0
    while i < len(runs):
        same = by_length[runs[i][1] - runs[i][0]]
        later = bisect.bisect_right(same, i)
        if later < len(same):
            spans.append((runs[i][0], runs[same[later]][1]))
            i = same[later] + 1
        else:
            i += 1
    return spans
