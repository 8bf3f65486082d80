"""Problems found in the sources, each with the place an editor has to look.

Every step before the corpus (loading, schema checks, validation) reports problems
here instead of raising, so that one run shows all of them at once.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

Severity = Literal["error", "warning", "info", "hint"]
"""Errors stop a build; warnings stop it under --strict; infos are shown and stop nothing (a
check a site set to `info`); hints are only shown by `check`."""


@dataclass(frozen=True, order=True, slots=True)
class Pos:
    """A place in a source file: path as shown to the editor, 1-based line and column."""

    path: str
    line: int = 1
    col: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}"


_NOT_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
"""What a message may not carry as it is: a line break in an editor's key ("x\\n::error::...") made
a second line, which GitHub Actions reads as a workflow command, and broke file:line:col, one a line; a
lone surrogate ("\\ud800") could not be printed at all (check ended in a traceback, the build lost the line)."""


QUOTED_MAX = 200
"""Longest value a message quotes whole; a longer one is shown by its start and its length."""
_LONG_QUOTE = re.compile(rf"(?<!\w)'([^'\n]{{{QUOTED_MAX + 1},}})'(?!\w)")
"""A quoted value too long to show: an annotation to an id of 500,000 characters made a message (one line of
the log, one annotation of a pull request) of as many."""


def _shortened(match: re.Match[str]) -> str:
    return f"'{match.group(1)[:80]}…' ({len(match.group(1)):,} characters)"


@dataclass(frozen=True)
class Diagnostic:
    pos: Pos
    severity: Severity
    message: str

    def __post_init__(self) -> None:
        message = self.message
        if _NOT_ONE_LINE.search(message):
            message = _NOT_ONE_LINE.sub(lambda m: f"\\u{ord(m.group()):04x}", message)
        if len(message) > QUOTED_MAX:
            message = _LONG_QUOTE.sub(_shortened, message)
        if message is not self.message:
            object.__setattr__(self, "message", message)

    def __str__(self) -> str:
        return f"{self.pos}: {self.severity}: {self.message}"


@dataclass
class Diagnostics:
    """Collects problems in the order they are found; sorted by place when read."""

    items: list[Diagnostic] = field(default_factory=list)

    def error(self, pos: Pos, message: str) -> None:
        self.items.append(Diagnostic(pos, "error", message))

    def warning(self, pos: Pos, message: str) -> None:
        self.items.append(Diagnostic(pos, "warning", message))

    def report(self, level: str, pos: Pos, message: str) -> None:
        """A problem that a site may tune (settings.Level): 'warn', 'info' or 'ignore'."""
        if level != "ignore":
            self.items.append(Diagnostic(pos, "warning" if level == "warn" else "info", message))

    def hint(self, pos: Pos, message: str) -> None:
        self.items.append(Diagnostic(pos, "hint", message))

    def extend(self, other: Diagnostics) -> None:
        self.items.extend(other.items)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.sorted() if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.sorted() if d.severity == "warning"]

    @property
    def infos(self) -> list[Diagnostic]:
        return [d for d in self.sorted() if d.severity == "info"]

    @property
    def hints(self) -> list[Diagnostic]:
        return [d for d in self.sorted() if d.severity == "hint"]

    def sorted(self) -> list[Diagnostic]:
        return sorted(self.items, key=lambda d: (d.pos, d.severity, d.message))

    def __bool__(self) -> bool:
        return bool(self.items)


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice closest to word, if one is close enough to be what was meant."""
    close = difflib.get_close_matches(word, sorted(set(choices)), n=1, cutoff=0.6)
    return close[0] if close else None


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """' (did you mean 'x'?)' when a choice is close to word, else ''."""
    close = closest(word, choices)
    return f" (did you mean '{close}'?)" if close else ""


def shown_path(path: Path, root: Path) -> str:
    """The path as messages show it: relative to `root`, a link named as the link, not its target."""
    try:
        return (path.parent.resolve() / path.name).relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
