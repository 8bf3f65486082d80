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

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any


@dataclass(frozen=True)
class Level:
    id: str
    """How an update's `status` names it."""
    label: str = ""
    """How pages show it, as the site words it (the `statuses` option); empty: the label `label_key`
    of the site's language."""
    meaning: str = ""
    """What the level claims, in a sentence, as the site words it; empty: the label `meaning_key`."""
    progress: int | None = None
    """Its place on the way to done (0 = nothing yet); None for a level off that path (overtaken)."""
    setback: bool = False
    """Reaching it is a step backwards, whatever came before (stalled, reversed)."""
    symbol: str = "•"
    """A mark shown before the label, so that a badge reads without its colour."""
    label_key: str = ""
    meaning_key: str = ""
    """The labels (locales/*.yml) of a default level's name and meaning."""


DEFAULT_SCALE: tuple[Level, ...] = (
    Level("not-started", progress=0, symbol="○", label_key="status.not-started",
          meaning_key="status.not-started.meaning"),
    Level("under-way", progress=1, symbol="◔", label_key="status.under-way", meaning_key="status.under-way.meaning"),
    Level("partly-done", progress=2, symbol="◑", label_key="status.partly-done",
          meaning_key="status.partly-done.meaning"),
    Level("done", progress=3, symbol="●", label_key="status.done", meaning_key="status.done.meaning"),
    Level("stalled", progress=1, setback=True, symbol="‖", label_key="status.stalled",
          meaning_key="status.stalled.meaning"),
    Level("reversed", progress=0, setback=True, symbol="↺", label_key="status.reversed",
          meaning_key="status.reversed.meaning"),
    Level("overtaken", symbol="→", label_key="status.overtaken", meaning_key="status.overtaken.meaning"),
)
"""The default scale, from not started to done, then the levels off that path; what each
means is in the label catalogue (locales/en.yml, `status.*`) and in the reference."""

NOT_TRACKED = "not-tracked"
"""The id pages and exports use for a recommendation no update speaks of."""
NOT_TRACKED_LABEL = "status.not-tracked"
"""Its label's key, and that of what it means."""
NOT_TRACKED_MEANING = "status.not-tracked.meaning"
NOT_TRACKED_SYMBOL = "?"


@dataclass(frozen=True)
class Scale:
    levels: tuple[Level, ...] = DEFAULT_SCALE

    def ids(self) -> list[str]:
        return [level.id for level in self.levels]

    def get(self, id_: str) -> Level | None:
        return next((level for level in self.levels if level.id == id_), None)

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
        _check_level(id_, fields)
        base = levels.get(id_) or Level(id_, str(id_).replace("-", " ").capitalize())
        levels[id_] = replace(base, **{k: v for k, v in fields.items()})
    if NOT_TRACKED in levels:
        raise ValueError(f"'{NOT_TRACKED}' cannot be a status: it is what a recommendation without updates shows")
    return Scale(tuple(levels.values()))


_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
_KINDS = {"label": "a text", "meaning": "a text", "symbol": "a text", "progress": "a whole number from 0 up",
          "setback": "true or false"}


def _check_level(id_: object, fields: Mapping[str, Any]) -> None:
    """A level an update can name (an id: its `status` is one), with fields of the right sort; a label of 5
    ended the build in a traceback, and a level 'Done!' could never be given."""
    if not isinstance(id_, str) or not _ID.fullmatch(id_):
        raise ValueError(f"{id_!r} is not a status id an update can give: write lowercase letters a-z, digits "
                         "and single hyphens, like 'partly-done'")
    for name, value in fields.items():
        text = name in ("label", "meaning", "symbol")
        good = (isinstance(value, str) and value.strip() != "" if text
                else isinstance(value, bool) if name == "setback"
                else value is None or (isinstance(value, int) and not isinstance(value, bool) and value >= 0))
        if not good:
            raise ValueError(f"status '{id_}': {name} should be {_KINDS[name]}, not {value!r}")
