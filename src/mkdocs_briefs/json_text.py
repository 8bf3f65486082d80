"""JSON text with an indent, as `json.dumps` writes it, in a fraction of its time.

`json.dumps(data, indent=1)` runs Python's pure-Python encoder (its C encoder takes no indent),
a generator for every container: `data/corpus.json` (57 MB at 1,000 briefs with updates) took
most of the exports' time, on every build and every save under `mkdocs serve`. `dumps` writes
the same text for data made of dicts with str keys, lists, str, int, bool and None, with the C
function json itself uses for strings; for anything else it hands the data to `json.dumps`.
"""

from __future__ import annotations

import json
from collections.abc import Callable

_STRING: Callable[[str], str] = json.encoder.encode_basestring
"""json's own string writer with ensure_ascii=False (the C one when there is one)."""
_WORDS = {None: "null", True: "true", False: "false"}


class _NotPlain(Exception):
    """A value `_Writer` does not write as json does: json.dumps writes the whole."""


def dumps(data: object, indent: int) -> str:
    """`json.dumps(data, ensure_ascii=False, indent=indent, separators=(",", ": "))`: the same text."""
    writer = _Writer(" " * indent)
    try:
        writer.value(data, "\n")
    except _NotPlain:
        return json.dumps(data, ensure_ascii=False, indent=indent, separators=(",", ": "))
    return "".join(writer.parts)


class _Writer:
    def __init__(self, step: str) -> None:
        self.step = step
        self.parts: list[str] = []

    def value(self, value: object, newline: str) -> None:
        kind = type(value)
        if kind is str:
            self.parts.append(_STRING(value))  # type: ignore[arg-type]
        elif kind is dict:
            self.mapping(value, newline)  # type: ignore[arg-type]
        elif kind is list:
            self.sequence(value, newline)  # type: ignore[arg-type]
        elif kind is int:
            self.parts.append(int.__repr__(value))
        elif value is None or kind is bool:
            self.parts.append(_WORDS[value])  # type: ignore[index]
        else:
            raise _NotPlain

    def mapping(self, value: dict, newline: str) -> None:
        if not value:
            self.parts.append("{}")
            return
        inner = newline + self.step
        add, separator = self.parts.append, "{" + inner
        for key, item in value.items():
            if type(key) is not str:
                raise _NotPlain
            add(separator + _STRING(key) + ": ")
            self.value(item, inner)
            separator = "," + inner
        add(newline + "}")

    def sequence(self, value: list, newline: str) -> None:
        if not value:
            self.parts.append("[]")
            return
        inner = newline + self.step
        add, separator = self.parts.append, "[" + inner
        for item in value:
            add(separator)
            self.value(item, inner)
            separator = "," + inner
        add(newline + "]")
