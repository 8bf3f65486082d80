"""Markdown that Python-Markdown cannot turn into a page in a build's time, refused where it is written.

Measured with the site's extensions: a run of about 1,500 `*` or `_` around a word is read as emphasis
nested one level a pair, until Python's stack overflows (the build ended in a RecursionError); and the
end of each `[` is looked for from its start, so brackets nested deep, or never closed, take a time
that grows with the square of their number (2,000 took 3.6 s, 20,000 four minutes, and a file of the
size a brief may have would take days). Neither happens in text anyone means: the limits are far
above what prose needs, and far below what costs anything.
"""

from __future__ import annotations

import re

from .annotations import mask_code, paragraphs_of
from .diagnostics import Diagnostics, Pos

MAX_RUN = 100
"""Most `*` or `_` in a row outside code (a line of them alone is a thematic break, and fine)."""
MAX_BRACKETS = 100
"""Deepest nesting of `[` in a paragraph outside code, counting those never closed; and of `(` in a paragraph
with a link (a link's address is read up to its `)`: 3,000 `[x](a:` took 5.8 s, 15,000 two minutes)."""

_RUN = re.compile(rf"\*{{{MAX_RUN + 1},}}|_{{{MAX_RUN + 1},}}")
_BREAK = re.compile(r"[ \t]*([*_-])(?:[ \t]*\1)*[ \t]*")


def refuse_heavy_markdown(body: str, path: str, first_line: int, diags: Diagnostics) -> None:
    """An error at each run of emphasis marks longer than MAX_RUN, and where brackets first nest deeper
    than MAX_BRACKETS in a paragraph."""
    runs = _RUN.search(body) is not None
    if not runs and body.count("[") <= MAX_BRACKETS:
        return  # the usual case, found without looking at each paragraph
    for paragraph in paragraphs_of(body):
        masked, reported = mask_code(paragraph.text), -1
        for run in _RUN.finditer(masked) if runs else ():
            line_start = masked.rfind("\n", 0, run.start()) + 1
            line_end = masked.find("\n", run.end())
            line = masked[line_start: len(masked) if line_end < 0 else line_end]
            if line_start == reported or _BREAK.fullmatch(line):
                continue  # one message a line; a line of them alone is a thematic break
            reported = line_start
            diags.error(_pos(path, first_line, paragraph.first_line, masked, run.start()),
                        f"a run of {len(run.group()):,} '{run.group()[0]}' here: Markdown reads it as emphasis nested "
                        f"too deep to make the page; write at most {MAX_RUN} in a row, or escape each one "
                        f"(\\{run.group()[0]})")
        for pair in _PAIRS if masked.count("[") > MAX_BRACKETS else ():
            if pair == "[]" or "](" in masked:  # a link's address is read to its ')', from each '](' on
                _check_brackets(masked, pair, path, first_line + paragraph.first_line, diags)


_PAIRS = {"[]": "brackets '['", "()": "parentheses '('"}


def _check_brackets(masked: str, pair: str, path: str, first_line: int, diags: Diagnostics) -> None:
    depth = 0
    for bracket in re.finditer(f"[{re.escape(pair)}]", masked):
        depth = depth + 1 if bracket.group() == pair[0] else max(depth - 1, 0)
        if depth > MAX_BRACKETS:
            diags.error(_pos(path, first_line, 0, masked, bracket.start()),
                        f"{_PAIRS[pair]} are nested more than {MAX_BRACKETS} deep here (or never closed): Markdown "
                        f"takes too long to read them; close them, or escape each one (\\{pair[0]})")
            return


def _pos(path: str, first_line: int, paragraph_line: int, text: str, offset: int) -> Pos:
    line = text.count("\n", 0, offset)
    return Pos(path, first_line + paragraph_line + line, offset - (text.rfind("\n", 0, offset) + 1) + 1)
