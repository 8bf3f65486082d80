"""Grids: who goes with what, one cell per connection, as a plain HTML table.

A grid is a table whose rows and columns are entities and whose cells are their
connections: a mark readable without colour (a symbol, with its name for screen readers,
explained by a legend) or a count that links to the explorer filtered on both. The first
column names the rows and stays in view while a wide grid scrolls sideways inside its own
box; the page itself never does. Being a table, a grid reads the same without JavaScript.

`Grid` holds the parts as Markdown (links written as annotations, editors' text already
escaped by `markup`); the template `briefs/grid.html` writes the table. Nothing here knows
about MkDocs.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .kinds import Folders
from .labels import number, t
from .markup import count, join, relative
from .markup import explorer as explorer_path
from .templates import Markup, memo, render, safe


@dataclass(frozen=True)
class ColumnGroup:
    title: str
    """The label over the group's columns (plain text, escaped by the template)."""
    headers: list[str]
    """Each column's header: Markdown, usually a link to the entity's page."""


@dataclass(frozen=True)
class Row:
    header: str
    """The row's header (Markdown): a link to the entity's page."""
    cells: list[str]
    """One per column of every group, in order: Markdown or the plugin's HTML; '' for no connection."""


@dataclass
class Grid:
    caption: str
    """What the grid shows (plain text, escaped by the template): the table's caption."""
    corner: str
    """The header of the first column (plain text)."""
    groups: list[ColumnGroup] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    total: Row | None = None
    """A last row of totals, if any."""
    legend: str = ""
    """Markdown above the table: what the marks mean."""
    note: str = ""
    """Markdown under the table: what it leaves out and where the rest is."""
    counts: bool = False
    """Cells are numbers (aligned to the right)."""

    def markdown(self) -> str:
        return render("briefs/grid.html", grid=self, legend=Markup(self.legend), note=Markup(self.note),
                      groups=[(g.title, [Markup(h) for h in g.headers]) for g in self.groups],
                      rows=[_row(r) for r in self.rows], total=_row(self.total) if self.total else None)


def _row(row: Row) -> tuple[Markup, list[Markup]]:
    return safe(row.header), [safe(c) for c in row.cells]


# --- marks and counts -------------------------------------------------------------------

MARKS = {
    "addressed_to": ("●", "grid.mark.addressed_to"),
    "involves": ("○", "grid.mark.involves"),
    "mechanisms": ("■", "grid.mark.through"),
}
"""The symbol of each kind of connection and the label that names it (kinds.LINKS' names)."""


def mark(kind: str) -> str:
    """A cell's mark: the symbol, hidden from screen readers, and its name, shown to them only
    (written once a run: templates.memo)."""
    return memo(("grid mark", kind), lambda: safe(_mark(kind)))


def _mark(kind: str) -> str:
    symbol, key = MARKS[kind]
    return (f'<span class="briefs-mark" aria-hidden="true">{symbol}</span>'
            f'<span class="briefs-sr-only">{t(key)}</span>')


def legend(kinds: list[str]) -> str:
    """'● addressed to · ○ involves · ■ through', for the marks a grid uses."""
    items = [f'<span class="briefs-mark" aria-hidden="true">{MARKS[k][0]}</span> {t(MARKS[k][1])}' for k in kinds]
    return f'<div class="briefs-grid-legend" data-search-exclude>{" · ".join(items)}</div>'


def counted(n: int, here: str, folders: Folders, **filters: str) -> str:
    """A count that links to the explorer filtered on `filters` ('' for none), from the page at `here`."""
    return f"[{number(n)}]({relative(explorer_path(folders, **filters), here)})" if n else ""


def cut(shown: int, total: int, key: str) -> str | None:
    """'12 of 40 recommendations' when a grid shows `shown` of `total` (counted with the label `key`), else None."""
    return t("grid.cut", shown=number(shown), counted=count(total, key)) if total > shown else None


def note(cuts: list[str | None], where: str) -> str:
    """The note under a grid: what it leaves out and `where` the rest is ('' when it shows everything)."""
    left_out = [c for c in cuts if c]
    return t("grid.note", shown=join(left_out), where=where) if left_out else ""
