"""The matrix (`/matrix/`): actors by mechanisms, each cell the number of recommendations
addressed to the actor through the mechanism, linked to the explorer filtered on both; and
the same with members counted in their groups (`/matrix/groups/`). Nothing here knows about MkDocs.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .corpus import Corpus
from .labels import number, t
from .markup import WIDE, GeneratedPage, escape, front_matter, join, link, relative
from .templates import Item, render, safe

MATRIX_PAGE = "matrix/index.md"
MATRIX_GROUPS_PAGE = "matrix/groups.md"


def _outermost_groups(corpus: Corpus, actor_id: str, seen: frozenset[str] = frozenset()) -> set[str]:
    """The groups an actor rolls up to: its groups' groups, up to those in no group (itself if in none)."""
    groups = [g.id for g in corpus.incoming("members", actor_id) if g.id not in seen]
    if not groups:
        return {actor_id}
    return set().union(*(_outermost_groups(corpus, g, seen | {actor_id}) for g in groups))


@dataclass
class Matrix:
    rows: list[str]
    """Actor ids, the most addressed first."""
    columns: list[str]
    """Mechanism ids, the most used first."""
    counts: Counter[tuple[str, str]]
    """(row, mechanism) -> number of distinct recommendations."""
    row_totals: Counter[str]
    column_totals: Counter[str]
    rolled_up: dict[str, list[str]]
    """A group's row -> the members whose recommendations count for it (no entry for other rows)."""


def matrix(corpus: Corpus, groups: bool = False) -> Matrix:
    """Actors (those recommendations are addressed to) by mechanisms. With `groups`, a
    recommendation addressed to a member counts for its group instead (once per group)."""
    counts: dict[tuple[str, str], int] = {}
    row_totals: dict[str, int] = {}
    column_totals: dict[str, int] = {}
    rolled_up: dict[str, set[str]] = {}
    outermost: dict[str, set[str]] = {}  # each actor's groups, worked out once
    for rec in corpus.recommendations.values():
        addressees: set[str] = set()
        for ref in rec.addressed_to:
            if not groups:
                addressees.add(ref.id)
                continue
            targets = outermost.get(ref.id)
            if targets is None:
                targets = outermost[ref.id] = _outermost_groups(corpus, ref.id)
            addressees |= targets
            for target in targets - {ref.id}:
                rolled_up.setdefault(target, set()).add(ref.id)
        mechs = {m.id for m in rec.mechanisms}
        for r in addressees:
            row_totals[r] = row_totals.get(r, 0) + 1
            for m in mechs:
                counts[r, m] = counts.get((r, m), 0) + 1
        for m in mechs:
            column_totals[m] = column_totals.get(m, 0) + 1
    actor_order = {a: i for i, a in enumerate(corpus.actors)}
    rows = corpus.ranked("actor", row_totals)
    columns = corpus.ranked("mechanism", column_totals)
    members = {g: sorted(ms, key=lambda a: actor_order.get(a, 0)) for g, ms in rolled_up.items()}
    return Matrix(rows, columns, Counter(counts), Counter(row_totals), Counter(column_totals), members)


def _filtered(explorer: str, actor: str | None, mechanism: str | None = None, *, group: bool = False) -> str:
    """The explorer filtered on an actor (with `group`: on the actor or anyone in it) and a mechanism."""
    query = [f"{'group' if group else 'actor'}={actor}"] if actor else []
    query += [f"mechanism={mechanism}"] if mechanism else []
    return f"{explorer}?{'&'.join(query)}"


def by_mechanism(mx: Matrix) -> bool:
    """Whether the table's rows are the mechanisms: when there are more mechanisms than actors. The
    longer list runs down the page, so there are fewer columns, and their names are written across."""
    return len(mx.columns) > len(mx.rows)


def _caps(corpus: Corpus, mx: Matrix) -> tuple[int, int]:
    """How many actors and how many mechanisms the table shows: `limits.matrix_rows` of the list in
    its rows, `limits.matrix_columns` of the other."""
    rows, columns = corpus.settings.limits.matrix_rows, corpus.settings.limits.matrix_columns
    return (columns, rows) if by_mechanism(mx) else (rows, columns)


def _matrix_table(corpus: Corpus, mx: Matrix, here: str) -> str:
    explorer_all = relative(corpus.folders.page_uri("rec"), here)
    max_actors, max_mechanisms = _caps(corpus, mx)
    actors, mechanisms = mx.rows[:max_actors], mx.columns[:max_mechanisms]

    def group(a: str) -> bool:  # the explorer's ?group= adds everyone in it: the links stay short
        return bool(mx.rolled_up.get(a))

    def actor(a: str) -> str:
        name = link("actor", a, corpus.name_of("actor", a))
        return name + (f' <span class="briefs-muted">{t("matrix.and_members", len(mx.rolled_up[a]))}</span>'
                       if group(a) else "")

    def mechanism(m: str) -> str:
        return link("mechanism", m, corpus.name_of("mechanism", m))

    def cell(a: str, m: str) -> str:
        return f"[{mx.counts[a, m]}]({_filtered(explorer_all, a, m, group=group(a))})" if mx.counts[a, m] else ""

    def actor_total(a: str) -> str:
        return f"[{mx.row_totals[a]}]({_filtered(explorer_all, a, group=group(a))})"

    def mechanism_total(m: str) -> str:
        return f"[{mx.column_totals[m]}]({_filtered(explorer_all, None, m)})"

    everything = f"[{len(corpus.recommendations)}]({explorer_all})"
    if by_mechanism(mx):
        columns = [actor(a) for a in actors]
        rows = [Item(header=safe(mechanism(m)), total=safe(mechanism_total(m)),
                     cells=[safe(cell(a, m)) for a in actors]) for m in mechanisms]
        total = Item(total=safe(everything), cells=[safe(actor_total(a)) for a in actors])
    else:
        columns = [mechanism(m) for m in mechanisms]
        rows = [Item(header=safe(actor(a)), total=safe(actor_total(a)),
                     cells=[safe(cell(a, m)) for m in mechanisms]) for a in actors]
        total = Item(total=safe(everything), cells=[safe(mechanism_total(m)) for m in mechanisms])
    cut = ""
    if len(mx.rows) > max_actors or len(mx.columns) > max_mechanisms:
        shown = join([_shown(corpus, "actor", mx.rows, max_actors), _shown(corpus, "mechanism", mx.columns,
                                                                            max_mechanisms)])
        cut = t("matrix.cut", shown=shown, explorer=explorer_all)
    return render("briefs/matrix_table.md", by_mechanism=by_mechanism(mx), columns=[safe(c) for c in columns],
                  rows=rows, total=total, cut=safe(cut))


NAMED_WHEN_LEFT_OUT = 5
"""Up to this many actors or mechanisms left out of the table are named under it; more are counted."""


def _shown(corpus: Corpus, kind: str, ids: list[str], limit: int) -> str:
    """'all 6 actors addressed by recommendations', or 'the 20 most used of 21 mechanisms
    they act through (not shown: X)'."""
    if len(ids) <= limit:
        return t("matrix.all_actors" if kind == "actor" else "matrix.all_mechanisms", len(ids))
    left_out = ids[limit:]
    names = t("matrix.not_shown", names=join([escape(corpus.name_of(kind, i)) for i in left_out])) \
        if len(left_out) <= NAMED_WHEN_LEFT_OUT else ""
    return t("matrix.most_actors" if kind == "actor" else "matrix.most_mechanisms", len(ids),
             shown=number(limit), not_shown=names)


def matrix_pages(corpus: Corpus) -> list[GeneratedPage]:
    """The matrix, by actor (`/matrix/`) and with members rolled up into their groups (`/matrix/groups/`)."""
    pages = []
    # no recommendation addressed to a member of a group: both views are the same table, and the
    # first page offers no switch (the second, kept at its address, says so)
    by_group = matrix(corpus, groups=True)
    same = not by_group.rolled_up
    for uri, grouped in ((MATRIX_PAGE, False), (MATRIX_GROUPS_PAGE, True)):
        mx = by_group if grouped else matrix(corpus)
        other = relative(MATRIX_GROUPS_PAGE if not grouped else MATRIX_PAGE, uri)
        md = render("briefs/pages/matrix.md", grouped=grouped, other=other, switch=grouped or not same,
                    front_matter=safe(front_matter(t("matrix.title") if not grouped else t("matrix.title_groups"),
                                                     t("matrix.description"), hide=WIDE)),
                    intro=safe(t("matrix.intro_by_mechanism" if by_mechanism(mx) else "matrix.intro")),
                    groups=safe(_groups_note(corpus, mx, same) if grouped else ""),
                    table=safe(_matrix_table(corpus, mx, uri) if mx.rows else t("map.no_recommendation") + "\n"),
                    map="../map/index.md")
        pages.append(GeneratedPage(uri, md, in_nav=not grouped))
    return pages


def _groups_note(corpus: Corpus, mx: Matrix, same: bool) -> str:
    """Which members count for each group that is in the table (those of the actors it shows)."""
    groups = [a for a in corpus.actors.values() if a.members and not corpus.incoming("members", a.id)]  # outermost
    if not groups:
        return t("matrix.no_groups") + "\n"
    same_note = t("matrix.same_view") + "\n\n" if same else ""
    cap = corpus.settings.limits.listed
    shown_rows = set(mx.rows[: _caps(corpus, mx)[0]])
    in_table = [g for g in groups if g.id in shown_rows]
    rows = []
    for group in in_table:
        members = join([link("actor", r.id, corpus.name_of("actor", r.id)) for r in group.members[:cap]])
        if len(group.members) > cap:
            members += t("list.and_more", len(group.members) - cap)
        counted = mx.rolled_up.get(group.id, [])
        counts_here = join([escape(corpus.name_of("actor", m)) for m in counted[:cap]])
        if len(counted) > cap:
            counts_here += t("list.and_more", len(counted) - cap)
        rows.append(f"- {link('actor', group.id, group.name)}: "
                    + (t("matrix.group_counts", members=members, counted=counts_here) if counted
                       else t("matrix.group_none", members=members)))
    others = len(groups) - len(in_table)
    rest = "\n" + t("matrix.other_groups", others) + "\n" if others else ""
    listed = t("matrix.groups_listed") + "\n\n" + "\n".join(rows) + "\n" if rows else ""
    return same_note + t("matrix.groups_intro") + " " + listed + rest
