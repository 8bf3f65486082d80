"""The tracker page (`tracker/index.md`) and its chart (`tracker/chart.svg`).

For each brief and each addressee, how many recommendations stand at each status; what
changed in the twelve months before the newest update; which tracked recommendations have
gone stale (no update for longer than the `stale_after_days` option); the scale's levels
and what they mean. The chart is an SVG file drawn here, at build time: no script, no
request to anyone else, and the same counts are in the tables beside it.
"""

from __future__ import annotations

import datetime
from collections import Counter
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

from .corpus import Corpus
from .markup import GeneratedPage, count, date, escape, front_matter, link, status_badge, table
from .statuses import NOT_TRACKED, NOT_TRACKED_LABEL
from .tracking import Track, status_order

TRACKER_PAGE = "tracker/index.md"
CHART = "tracker/chart.svg"
RECENT_DAYS = 365
"""'What changed lately' covers this many days before the newest update."""
LISTED = 50
"""Changes and stale recommendations listed; the rest are counted."""

_COLOURS = ("#9e9e9e", "#1e88e5", "#43a047", "#2e7d32", "#fb8c00", "#e53935", "#8e24aa", "#607d8b")


def as_of(corpus: Corpus) -> datetime.date | None:
    """The date of the newest update: what the statuses are as of."""
    return next(iter(corpus.updates.values())).date if corpus.updates else None


def _columns(corpus: Corpus, counters: list[Counter[str]]) -> list[str]:
    """The statuses that some row counts, in the scale's order (not tracked last)."""
    seen = set().union(*counters) if counters else set()
    return [s for s in status_order(corpus.scale) if s in seen]


def _label(corpus: Corpus, status: str) -> str:
    return corpus.scale.label(status) if status != NOT_TRACKED else NOT_TRACKED_LABEL


def _count_table(corpus: Corpus, first: str, rows: list[tuple[str, Counter[str]]]) -> str:
    columns = _columns(corpus, [c for _, c in rows])
    body = [[name, *[str(c[s]) if c[s] else "" for s in columns], str(sum(c.values()))] for name, c in rows]
    return table([first, *[escape(_label(corpus, s)) for s in columns], "All"], body)


def per_addressee(corpus: Corpus) -> dict[str, Counter[str]]:
    """Actor id -> how many of the recommendations addressed to it stand at each status, for it."""
    found: dict[str, Counter[str]] = {}
    for track in corpus.tracks.values():
        for standing in track.standings:
            found.setdefault(standing.actor, Counter())[standing.status] += 1
    return {a: found[a] for a in corpus.actors if a in found}


def recent_changes(corpus: Corpus) -> list[tuple[Track, int]]:
    """(track, index of the step in its timeline) for the status changes of the last RECENT_DAYS, newest first."""
    newest = as_of(corpus)
    if newest is None:
        return []
    since = newest - datetime.timedelta(days=RECENT_DAYS)
    found = [(t, i) for t in corpus.tracks.values() for i, s in enumerate(t.timeline)
             if s.changes and s.update.date > since]
    return sorted(found, key=lambda ti: (-ti[0].timeline[ti[1]].update.date.toordinal(), ti[0].rec.id))


def stale(corpus: Corpus) -> list[Track]:
    """Tracked recommendations whose latest update is older than `stale_after_days`, oldest first."""
    newest = as_of(corpus)
    if newest is None:
        return []
    limit = newest - datetime.timedelta(days=corpus.settings.stale_after_days)
    old = [t for t in corpus.tracks.values() if t.last_update and t.last_update.date < limit]
    return sorted(old, key=lambda t: (t.last_update.date if t.last_update else datetime.date.min, t.rec.id))


def tracker_page(corpus: Corpus) -> GeneratedPage:
    newest = as_of(corpus)
    overall = Counter(t.status for t in corpus.tracks.values())
    tracked = sum(1 for t in corpus.tracks.values() if t.tracked)
    when = (f"Statuses are as of **{date(newest)}**, the date of the newest update: they take no account of "
            "anything that happened later, and a status is only as good as the sources its update cites."
            if newest else "No update has been written yet: every recommendation is *not tracked*.")
    md = [
        front_matter("Tracker", f"What became of {count(len(corpus.tracks), 'recommendation')}: "
                                f"{tracked:,} tracked by {count(len(corpus.updates), 'update')}.", hide=("toc",)),
        "# Tracker\n",
        f"What became of the recommendations, from {count(len(corpus.updates), 'dated, sourced update')} "
        f"([all updates](update:index)). {tracked:,} of {count(len(corpus.tracks), 'recommendation')} "
        "have a status; the others are *not tracked*: no update speaks of them, which is not the same as "
        "\"no progress\".\n",
        f"{when}\n{{: .briefs-as-of }}\n",
        f"![{escape(_chart_alt(corpus, overall))}](chart.svg){{: .briefs-chart }}\n",
        "## By brief {#by-brief}\n",
        _count_table(corpus, "Brief", [
            (link("brief", b.id, b.title), Counter(corpus.tracks[r.id].status for r in b.recommendations))
            for b in corpus.briefs.values() if b.recommendations]),
        "## By addressee {#by-addressee}\n",
        "A recommendation addressed to several actors counts once for each, at its status for that actor.\n",
        _count_table(corpus, "Addressee", [(link("actor", a, corpus.name_of("actor", a)), c)
                                           for a, c in per_addressee(corpus).items()]),
        _recent_section(corpus),
        _stale_section(corpus),
        "## The scale {#scale}\n",
        "\n".join(f"{status_badge(corpus, level.id)}\n:   {escape(level.meaning)}\n" for level in corpus.scale.levels),
        f"{status_badge(corpus, NOT_TRACKED)}\n:   No update speaks of it yet.\n",
    ]
    return GeneratedPage(TRACKER_PAGE, "\n".join(md), in_nav=True)


def _recent_section(corpus: Corpus) -> str:
    changes = recent_changes(corpus)
    head = ("## Changed in the last twelve months {#recent}\n\n"
            f"Status changes in the {RECENT_DAYS} days up to the newest update.\n\n")
    if not changes:
        return head + "None.\n"
    rows = []
    for track, i in changes[:LISTED]:
        step = track.timeline[i]
        befores = sorted({_label(corpus, b) for _, b, _ in step.changes})
        back = " — a step backwards" if step.backwards else ""
        rows.append(f"- {date(step.update.date)}: {link('rec', track.rec.id, track.rec.title)} "
                    f"{status_badge(corpus, step.changes[0][2], step.update.date)} "
                    f"(was {escape(', '.join(befores))}{back}), by {link('update', step.update.id, step.update.title)}")
    more = f"\n\nThe newest {LISTED} of {len(changes):,} are listed." if len(changes) > LISTED else ""
    return head + "\n".join(rows) + more + "\n"


def _stale_section(corpus: Corpus) -> str:
    old = stale(corpus)
    days = corpus.settings.stale_after_days
    head = (f"## Stale {{#stale}}\n\nTracked recommendations with no update in the {days:,} days "
            "before the newest update: their status may be out of date.\n\n")
    if not old:
        return head + "None.\n"
    rows = [f"- {link('rec', t.rec.id, t.rec.title)} {status_badge(corpus, t.status, t.current.as_of)} "
            f'<span class="briefs-stale">stale</span>: last update {date(t.last_update.date)}'
            for t in old[:LISTED] if t.last_update]
    more = f"\n\nThe oldest {LISTED} of {len(old):,} are listed." if len(old) > LISTED else ""
    return head + "\n".join(rows) + more + "\n"


def _chart_alt(corpus: Corpus, overall: Counter[str]) -> str:
    parts = [f"{_label(corpus, s)}: {overall[s]:,}" for s in status_order(corpus.scale) if overall[s]]
    return "Recommendations by status. " + "; ".join(parts) + "."


def chart_svg(corpus: Corpus) -> str:
    """A bar per status (the scale's order, then not tracked), its length the number of recommendations."""
    overall = Counter(t.status for t in corpus.tracks.values())
    statuses = status_order(corpus.scale)
    top = max(overall.values(), default=0) or 1
    row, label_w, bar_w = 28, 170, 360
    height = row * len(statuses) + 16
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{label_w + bar_w + 70}" height="{height}" '
           f'viewBox="0 0 {label_w + bar_w + 70} {height}" role="img" '
           f'font-family="sans-serif" font-size="14">',
           f"<title>{xml_escape(_chart_alt(corpus, overall))}</title>"]
    for i, status in enumerate(statuses):
        y = 8 + i * row
        n = overall[status]
        width = round(bar_w * n / top)
        colour = _COLOURS[i % len(_COLOURS)] if status != NOT_TRACKED else "#bdbdbd"
        out.append(f'<text x="{label_w - 8}" y="{y + 18}" text-anchor="end">'
                   f"{xml_escape(_label(corpus, status))}</text>")
        out.append(f'<rect x="{label_w}" y="{y + 4}" width="{width}" height="{row - 10}" fill={quoteattr(colour)}/>')
        out.append(f'<text x="{label_w + width + 6}" y="{y + 18}">{n:,}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"
