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
from .labels import number, t
from .markup import (
    GeneratedPage,
    count,
    date,
    escape,
    front_matter,
    link,
    status_badge,
    status_label,
    status_meaning,
    table,
)
from .model import Brief
from .statuses import NOT_TRACKED
from .templates import Item, render, safe
from .tracking import Track, status_order

TRACKER_PAGE = "tracker/index.md"
CHART = "tracker/chart.svg"
RECENT_DAYS = 365
"""'Changed lately' covers this many days before the newest update."""
LISTED = 50
"""Changes and stale recommendations listed; the rest are counted."""

_COLOURS = ("#757575", "#1e88e5", "#43a047", "#2e7d32", "#fb8c00", "#e53935", "#8e24aa", "#607d8b")


def as_of(corpus: Corpus) -> datetime.date | None:
    """The date of the newest update: what the statuses are as of."""
    return next(iter(corpus.updates.values())).date if corpus.updates else None


def _columns(corpus: Corpus, counters: list[Counter[str]]) -> list[str]:
    """The statuses that some row counts, in the scale's order (not tracked last)."""
    seen: set[str] = set().union(*counters) if counters else set()
    return [s for s in status_order(corpus.scale) if s in seen]


def _count_table(corpus: Corpus, first: str, rows: list[tuple[str, Counter[str]]]) -> str:
    columns = _columns(corpus, [c for _, c in rows])
    body = [[name, *[number(c[s]) if c[s] else "" for s in columns], number(sum(c.values()))] for name, c in rows]
    return table([first, *[escape(status_label(corpus, s)) for s in columns], t("tracker.all")], body)


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
    found = [(tr, i) for tr in corpus.tracks.values() for i, s in enumerate(tr.timeline)
             if s.changes and s.update.date > since]
    return sorted(found, key=lambda ti: (-ti[0].timeline[ti[1]].update.date.toordinal(), ti[0].rec.id))


def stale(corpus: Corpus) -> list[Track]:
    """Tracked recommendations whose latest update is older than `stale_after_days`, oldest first."""
    newest = as_of(corpus)
    if newest is None:
        return []
    limit = newest - datetime.timedelta(days=corpus.settings.stale_after_days)
    old = [tr for tr in corpus.tracks.values()  # a status to go stale: an update with only a note gives none
           if tr.tracked and tr.last_update and tr.last_update.date < limit]
    return sorted(old, key=lambda tr: (tr.last_update.date if tr.last_update else datetime.date.min, tr.rec.id))


def tracker_page(corpus: Corpus) -> GeneratedPage:
    """The tracker page (template briefs/pages/tracker.md)."""
    newest = as_of(corpus)
    overall = Counter(tr.status for tr in corpus.tracks.values())
    tracked = sum(1 for tr in corpus.tracks.values() if tr.tracked)
    recs, updates = count(len(corpus.tracks), "count.rec"), count(len(corpus.updates), "count.update")
    briefs = [b for b in corpus.briefs.values() if b.recommendations]
    addressees = list(per_addressee(corpus).items())
    cap = corpus.settings.limits.listed
    changes, old = recent_changes(corpus), stale(corpus)
    md = render(
        "briefs/pages/tracker.md",
        front_matter=safe(front_matter(t("tracker.title"), t("tracker.description", recs=recs,
                                                                tracked=number(tracked), updates=updates),
                                         hide=("toc",))),
        title=safe(escape(t("tracker.title"))),
        intro=safe(t("tracker.intro", updates=updates, index="update:index", tracked=number(tracked), recs=recs)),
        as_of=date(newest) if newest else "", chart_alt=safe(escape(chart_alt(corpus, overall))),
        by_brief=safe(_by_brief(corpus, briefs[:cap])),
        more_briefs=safe(t("tracker.more_briefs", cap, total=number(len(briefs))) if len(briefs) > cap else ""),
        by_addressee=safe(_by_addressee(corpus, addressees, cap)),
        more_addressees=safe(t("tracker.more_addressees", cap, total=number(len(addressees)))
                               if len(addressees) > cap else ""),
        recent_days=number(RECENT_DAYS), recent=[_change(corpus, tr, i) for tr, i in changes[:LISTED]],
        more_recent=safe(t("tracker.more_changes", len(changes), shown=LISTED) if len(changes) > LISTED else ""),
        stale_days=number(corpus.settings.stale_after_days),
        stale=[Item(rec=tr.rec, link=safe(link("rec", tr.rec.id, tr.rec.title)),
                status=safe(status_badge(corpus, tr.status, tr.current.as_of)),
                last_update=date(tr.last_update.date)) for tr in old[:LISTED] if tr.last_update],
        more_stale=safe(t("tracker.more_stale", len(old), shown=LISTED) if len(old) > LISTED else ""),
        scale=[Item(status=s, badge=safe(status_badge(corpus, s)),
                meaning=safe(escape(status_meaning(corpus, s)))) for s in status_order(corpus.scale)])
    return GeneratedPage(TRACKER_PAGE, md, in_nav=True)


def _by_brief(corpus: Corpus, briefs: list[Brief]) -> str:
    """Counts by status for each of `briefs` (those with recommendations, the newest `limits.listed`)."""
    return _count_table(corpus, t("tracker.brief"), [
        (link("brief", b.id, b.title), Counter(corpus.tracks[r.id].status for r in b.recommendations))
        for b in briefs])


def _by_addressee(corpus: Corpus, rows: list[tuple[str, Counter[str]]], cap: int) -> str:
    """Counts by status for each addressee; past `cap`, those with the most recommendations."""
    shown = rows if len(rows) <= cap else sorted(rows, key=lambda ac: -sum(ac[1].values()))[:cap]
    return _count_table(corpus, t("tracker.addressee"), [(link("actor", a, corpus.name_of("actor", a)), c)
                                                         for a, c in shown])


def _change(corpus: Corpus, track: Track, i: int) -> Item:
    """A status change of the last RECENT_DAYS: its date, the recommendation, the status it set, what
    it was and the update that made it."""
    step = track.timeline[i]
    return Item(rec=track.rec, step=step, date=date(step.update.date), backwards=step.backwards,
            link=safe(link("rec", track.rec.id, track.rec.title)),
            status=safe(status_badge(corpus, step.changes[0][2], step.update.date)),
            was=safe(escape(", ".join(sorted({status_label(corpus, b) for _, b, _ in step.changes})))),
            update=safe(link("update", step.update.id, step.update.title)))


def chart_alt(corpus: Corpus, overall: Counter[str]) -> str:
    parts = [t("tracker.chart_count", status=status_label(corpus, s), count=number(overall[s]))
             for s in status_order(corpus.scale) if overall[s]]
    return t("tracker.chart_alt", counts="; ".join(parts))


def chart_svg(corpus: Corpus) -> str:
    """A bar per status (the scale's order, then not tracked), its length the number of recommendations."""
    overall = Counter(tr.status for tr in corpus.tracks.values())
    statuses = status_order(corpus.scale)
    top = max(overall.values(), default=0) or 1
    # 420 px wide with 16 px text: shrunk to a phone's column (358 px at 390), the text is still 13.6 px
    row, label_w, bar_w = 30, 150, 220
    width, height = label_w + bar_w + 50, row * len(statuses) + 16
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" role="img" font-family="sans-serif" font-size="16">',
           f"<title>{xml_escape(chart_alt(corpus, overall))}</title>",
           f'<rect width="{width}" height="{height}" fill="#ffffff"/>']
    for i, status in enumerate(statuses):
        y = 8 + i * row
        n = overall[status]
        length = round(bar_w * n / top)
        colour = _COLOURS[i % len(_COLOURS)] if status != NOT_TRACKED else "#bdbdbd"
        out.append(f'<text x="{label_w - 8}" y="{y + 20}" text-anchor="end" fill="#212121">'
                   f"{xml_escape(status_label(corpus, status))}</text>")
        out.append(f'<rect x="{label_w}" y="{y + 4}" width="{length}" height="{row - 10}" fill={quoteattr(colour)}/>')
        out.append(f'<text x="{label_w + length + 6}" y="{y + 20}" fill="#212121">{xml_escape(number(n))}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"
