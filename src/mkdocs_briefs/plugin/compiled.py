"""Jinja templates compiled once a `mkdocs serve` session instead of once a build.

MkDocs reads mkdocs.yml again and makes the theme's Jinja environment anew for every build of
`mkdocs serve`, and the plugin its own (templates.py), so every template was compiled again after
each save (Material's pages and the plugin's: about half a second of a save at 1,000 briefs).
`CompiledTemplates` keeps the compiled code in memory between builds. Jinja stores each template's
code with a checksum of its source and compiles it again when the source changed; the plugin
starts a new cache whenever mkdocs.yml changes (the environments' settings come from it).
"""

from __future__ import annotations

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket


class CompiledTemplates(BytecodeCache):
    """Jinja's compiled templates, in memory, by template (one cache for one kind of environment)."""

    def __init__(self) -> None:
        self.kept: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.kept.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)  # ignored when the source's checksum differs

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.kept[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self.kept.clear()


class Compiled:
    """The plugin's templates and the theme's, each compiled once for a given mkdocs.yml."""

    def __init__(self) -> None:
        self.settings: str | None = None
        self.plugin, self.theme = CompiledTemplates(), CompiledTemplates()

    def since(self, settings: str) -> Compiled:
        """Forget what was compiled when mkdocs.yml (`settings`) changed, the environments' settings with it."""
        if settings != self.settings:
            self.settings = settings
            self.plugin.clear()
            self.theme.clear()
        return self
