"""What a site may tune about the pages the pipeline writes: list caps, page sizes and
grid caps, as one small typed value passed down the pipeline (never a global).

The plugin reads them from its options in mkdocs.yml (`plugins: - briefs: limits: ...`),
`mkdocs-briefs check` uses the defaults; the corpus carries them to every page
(`corpus.settings`). Nothing here knows about MkDocs.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Literal

from .kinds import DEFAULT_FOLDERS, Folders
from .statuses import Scale

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
    latest_updates: int = 5
    """Updates listed under "Latest updates" on an actor's or a mechanism's page; the rest are counted."""
    feed_entries: int = 50
    """Entries of the Atom feed (feed.xml): the newest updates and briefs."""
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
    """Rows of the matrix: the actors, the most addressed first, or the mechanisms when there are more
    of them than actors (the longer list makes the rows)."""
    matrix_columns: int = 20
    """Columns of the matrix: the mechanisms, the most used first, or the actors when there are fewer
    of them than mechanisms."""

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

    @classmethod
    def names(cls) -> tuple[str, ...]:
        return tuple(f.name for f in fields(cls))


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
"""How a check that might be fine may be reported (`validation:`), as MkDocs words it."""
