"""What a site may tune about the pages the pipeline writes: list caps, page sizes and
grid caps, as one small typed value passed down the pipeline (never a global).

The plugin reads them from its options in mkdocs.yml (`plugins: - briefs: limits: ...`)
through MkDocs' typed configuration; `mkdocs-briefs check` reads the same options as plain data
(`from_options`), so that both see the same errors; the corpus carries them to every page
(`corpus.settings`). Nothing here knows about MkDocs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any, Literal

from .kinds import DEFAULT_FOLDERS, KINDS, Folders
from .statuses import Scale, scale_from

Level = Literal["warn", "info", "ignore"]
"""How a check that might be fine is reported, as in MkDocs' own `validation:`: a warning
(which `--strict` turns into a failure), a line of information, or not at all."""


@dataclass(frozen=True)
class Limits:
    """How much each generated page shows before it counts the rest and links to the full list."""

    listed: int = 25
    """Recommendations, or briefs mentioning an entity, listed on an entity's page; the rest
    are counted and reached through the explorer, so that pages stay small as the corpus grows."""
    mentions_per_brief: int = 8
    """Passages of one brief quoted under "Mentioned in" on an entity's page."""
    related: int = 5
    """Related recommendations listed on a recommendation's page."""
    briefs_page_size: int = 100
    """Briefs per page of the briefs index (briefs/, briefs/page/2/, ...)."""
    table_page_size: int = 100
    """Rows per page of the actors, mechanisms, authors and series indexes."""
    explorer_page_size: int = 100
    """Rows per page of the recommendations table (the explorer still filters all of them)."""
    diagram_recommendations: int = 25
    """Recommendations (rows) of the "Connections" grid of an actor, a mechanism or a brief."""
    diagram_neighbours: int = 25
    """Actors, and mechanisms, (columns) of such a grid, the most frequent first."""
    map_actors: int = 12
    """Actors (columns) of the map's grids, the most addressed first."""
    map_mechanisms: int = 15
    """Mechanisms (rows) of the map's "who acts through what", the most used first."""
    map_briefs: int = 12
    """Briefs (rows) of the map's "briefs and who they address", the newest first."""
    map_links: int = 40
    """Groups of actors, and mechanisms with parts, listed on the map."""
    matrix_rows: int = 40
    """Actors (rows) of the matrix, the most addressed first."""
    matrix_columns: int = 20
    """Mechanisms (columns) of the matrix, the most used first."""

    @classmethod
    def names(cls) -> tuple[str, ...]:
        return tuple(f.name for f in fields(cls))


@dataclass(frozen=True)
class Validation:
    """How the checks that might be fine are reported (`validation:` in the plugin's options)."""

    unused: Level = "warn"
    """A registry entry that no brief or entry refers to."""
    unannotated: Level = "warn"
    """A recommendation that no passage of its brief annotates."""


@dataclass(frozen=True)
class Settings:
    """Everything the pipeline depends on besides the sources."""

    limits: Limits = Limits()
    scale: Scale = field(default_factory=Scale)
    """The status scale of tracked recommendations (statuses.py; the plugin's `statuses` option)."""
    stale_after_days: int = 365
    """The tracker flags a tracked recommendation whose latest update is older than this, counted
    back from the newest update (the plugin's `stale_after_days` option)."""
    validation: Validation = Validation()
    folders: Folders = DEFAULT_FOLDERS
    """The folder of each kind's pages (the plugin's `folders` option)."""
    drafts: bool = True
    """Publish the briefs marked `draft: true` (the plugin: while serving, or with its `drafts` option)."""


LEVELS: tuple[Level, ...] = ("warn", "info", "ignore")


def from_options(options: Mapping[str, Any]) -> Settings:
    """The settings the plugin's options ask for (`plugins: - briefs: {...}` of mkdocs.yml, as
    plain data), for `mkdocs build`: what `mkdocs-briefs check` uses, without MkDocs. The plugin
    reads the same options through MkDocs' typed configuration (plugin/config.py), and
    `tests/test_options.py` keeps the two in step. Raises ValueError naming the first option
    the build would refuse."""
    limits, validation, folders = (_section(options, name) for name in ("limits", "validation", "folders"))
    for name in ("drafts", "statuses_replace"):
        if not isinstance(options.get(name, False), bool):
            raise ValueError(f"'{name}' must be true or false, not {options[name]!r}")
    statuses = options.get("statuses") or {}
    if not isinstance(statuses, dict):
        raise ValueError(f"'statuses' must be a mapping of status ids, not {statuses!r}")
    levels = {}
    for name in ("unused", "unannotated"):
        level = validation.get(name, getattr(Validation, name))
        if level not in LEVELS:
            raise ValueError(f"'validation.{name}' must be one of {', '.join(LEVELS)}, not {level!r}")
        levels[name] = level
    return Settings(
        limits=Limits(**{name: _count(limits, name, getattr(Limits, name), "limits.") for name in Limits.names()}),
        validation=Validation(**levels),
        drafts=options.get("drafts", False),
        folders=Folders({key: folders[kind.folder] for key, kind in KINDS.items()
                        if folders.get(kind.folder) is not None}),
        scale=_scale(statuses, options.get("statuses_replace", False)),
        stale_after_days=_count(options, "stale_after_days", Settings.stale_after_days),
    )


def _scale(statuses: dict[str, Any], replace_scale: bool) -> Scale:
    try:
        return scale_from(statuses, replace_scale)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"'statuses': {exc}") from None


def _section(options: Mapping[str, Any], name: str) -> Mapping[str, Any]:
    value = options.get(name) or {}
    if not isinstance(value, Mapping):
        raise ValueError(f"'{name}' must be a mapping of options, not {value!r}")
    return value


def _count(options: Mapping[str, Any], name: str, default: int, prefix: str = "") -> int:
    value = options.get(name, default)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"'{prefix}{name}' must be a whole number from 1 up, like {default}, not {value!r}")
    return value
