"""Text made from one entity, kept from one run of the pipeline to the next under `mkdocs serve`.

With `reuse`, a brief, an update or a registry whose text did not change since the last run is
not parsed again: its entities are the very same objects (source_files.ParsedOnce), never changed
after loading. What was made from such an entity, and from nothing else that changed, is the same
text, so `KeptText` gives it back instead of making it again (the entries of the exports: after a
one-brief save at 1,000 briefs, writing them all again was a sixth of the build).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class KeptText:
    """Texts by what they are and their entity's id, each with the entity it was made from and what
    else it read (`also`); one run's texts are kept for the next run only."""

    def __init__(self) -> None:
        self.last: dict[tuple[str, str], tuple[Any, object, str]] = {}
        self.now: dict[tuple[str, str], tuple[Any, object, str]] = {}
        self.context: object = None

    def begin(self, context: object) -> KeptText:
        """Start a run. `context` is all that any of the texts may read besides its entity and its `also`
        (settings, labels, the registries' entries): when it is not the last run's, nothing is kept."""
        self.last, self.now = (self.now if context == self.context else {}), {}
        self.context = context
        return self

    def text(self, what: str, entity: Any, also: object, make: Callable[[Any], str]) -> str:
        """The text `make(entity)` gives: the last run's when it was made from this very entity with an
        equal `also`."""
        key = (what, entity.id)
        found = self.last.get(key)
        text = found[2] if found is not None and found[0] is entity and found[1] == also else make(entity)
        self.now[key] = (entity, also, text)
        return text
