"""The status scale of tracked recommendations, declared once as data.

A recommendation's status says what became of it, as of the date of the update that set it
(`briefs/updates/<id>.md`). The default scale is modelled on the trusted trackers: GAO's
recommendation statuses (open, closed as implemented, closed as not implemented), the
Cyberspace Solarium Commission's annual grades (from "implemented" down to "no progress")
and the 9/11 Commission's report card. A site renames levels or replaces the scale with the
plugin's `statuses` option (`scale_from`).

A recommendation that no update speaks of is *not tracked* (`NOT_TRACKED`), which is not a
level: nothing is known, which is not the same as "no progress".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any


@dataclass(frozen=True)
class Level:
    id: str
    """How an update's `status` names it."""
    label: str
    """How pages show it."""
    meaning: str
    """What the level claims, in a sentence (shown on the tracker page and in the guide)."""
    progress: int | None = None
    """Its place on the way to done (0 = nothing yet); None for a level off that path (overtaken)."""
    setback: bool = False
    """Reaching it is a step backwards, whatever came before (stalled, reversed)."""
    symbol: str = "•"
    """A mark shown before the label, so that a badge reads without its colour."""


DEFAULT_SCALE: tuple[Level, ...] = (
    Level("not-started", "Not started", "Nothing has been done toward it, as far as the sources show; an update "
          "says so only when sources were searched.", 0, symbol="○"),
    Level("under-way", "Under way", "Steps toward it have been taken (talks held, a plan announced, a bill "
          "introduced), but nothing it asks for is yet in place.", 1, symbol="◔"),
    Level("partly-done", "Partly done", "Some of what it asks for is in place, or all of it in a weaker or "
          "contested form.", 2, symbol="◑"),
    Level("done", "Done", "What it asks for is in place (GAO: closed, implemented).", 3, symbol="●"),
    Level("stalled", "Stalled", "Earlier steps have stopped or been held up by a dispute or a change of "
          "government; nothing has been undone.", 1, setback=True, symbol="‖"),
    Level("reversed", "Reversed", "Something that had been done has been undone or abandoned.", 0, setback=True,
          symbol="↺"),
    Level("overtaken", "Overtaken", "Events have made it moot or replaced it with something else.", None,
          symbol="→"),
)
"""The default scale, from not started to done, then the levels off that path."""

NOT_TRACKED = "not-tracked"
"""The id pages and exports use for a recommendation no update speaks of."""
NOT_TRACKED_LABEL = "Not tracked"
NOT_TRACKED_SYMBOL = "?"


@dataclass(frozen=True)
class Scale:
    levels: tuple[Level, ...] = DEFAULT_SCALE

    def ids(self) -> list[str]:
        return [level.id for level in self.levels]

    def get(self, id_: str) -> Level | None:
        return next((level for level in self.levels if level.id == id_), None)

    def label(self, id_: str) -> str:
        level = self.get(id_)
        return level.label if level else NOT_TRACKED_LABEL

    def backwards(self, before: str, after: str) -> bool:
        """Whether going from status `before` to `after` is a step backwards."""
        old, new = self.get(before), self.get(after)
        if old is None or new is None or old.id == new.id:
            return False
        if new.setback and not old.setback:
            return True
        return old.progress is not None and new.progress is not None and new.progress < old.progress


def scale_from(option: Mapping[str, Any] | None, replace_scale: bool = False) -> Scale:
    """The scale the plugin's `statuses` option asks for: each entry (id -> label, meaning,
    progress, setback, symbol) renames or redefines a default level, or adds one; with
    `replace_scale`, the entries are the whole scale. Raises ValueError on a malformed entry."""
    if not option:
        return Scale()
    levels = {} if replace_scale else {level.id: level for level in DEFAULT_SCALE}
    for id_, fields in option.items():
        if not isinstance(fields, Mapping):
            fields = {"label": fields}
        unknown = set(fields) - {"label", "meaning", "progress", "setback", "symbol"}
        if unknown:
            raise ValueError(f"status '{id_}': unknown field(s) {', '.join(sorted(unknown))}; "
                             "allowed: label, meaning, progress, setback, symbol")
        base = levels.get(id_) or Level(id_, str(id_).replace("-", " ").capitalize(), "")
        levels[id_] = replace(base, **{k: v for k, v in fields.items()})
    if NOT_TRACKED in levels:
        raise ValueError(f"'{NOT_TRACKED}' cannot be a status: it is what a recommendation without updates shows")
    return Scale(tuple(levels.values()))
