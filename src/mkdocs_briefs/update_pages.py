"""The page of each update, the updates index, and what a recommendation's page says of its status.

An update's page (`updates/<id>.md`) shows its date, its sources, the recommendations it
bears on with their change of status and the note that explains it, and its text. The
index lists updates newest first, UPDATES_PAGE_SIZE to a page. `status_section` is the
"What became of it" part of a recommendation's page: its badge and *as of* date, its status
per addressee when they differ, and its timeline, newest first. Nothing here knows about MkDocs.
"""

from __future__ import annotations

from .annotations import escape_raw_html
from .corpus import Corpus
from .kinds import page_uri
from .markup import (
    GeneratedPage,
    count,
    date,
    escape,
    front_matter,
    join,
    link,
    muted,
    pager,
    rec_badge,
    status_badge,
)
from .model import Recommendation, Source, Update
from .statuses import NOT_TRACKED
from .tracking import Step

UPDATES_PAGE_SIZE = 50
"""Updates per page of the updates index (updates/, updates/page/2/, ...)."""
TIMELINE_SHOWN = 10
"""Updates listed in a recommendation's timeline; the older ones are counted."""


def source_line(source: Source) -> str:
    """A source as a list item: its title linked, its publisher and date."""
    return f"- [{escape(source.title)}](<{source.url}>), {escape(source.publisher)}, {date(source.date)}"


def update_page(corpus: Corpus, update: Update) -> GeneratedPage:
    recs = [r.id for r in update.recs]
    md = [
        front_matter(update.title, f"{date(update.date)}: {update.title}"),
        f"# {escape(update.title)}\n",
        '<div class="briefs-meta" markdown>\n',
        f"Update of {date(update.date)} · bears on {count(len(recs), 'recommendation')}\n",
        "</div>\n",
        escape_raw_html(update.body).strip() + "\n" if update.body.strip() else "",
        "## What it means for the recommendations {#affects}\n",
    ]
    for affect in update.affects:
        rec = corpus.recommendations[affect.rec.id]
        step = next((s for s in corpus.tracks[rec.id].timeline if s.affect is affect), None)
        md.append(f"{link('rec', rec.id, rec.title)}\n")
        md.append(f":   {_step_words(corpus, step) if step else ''}\n")
        if affect.note:
            md.append(f":   {escape(affect.note)}\n")
        md.append("\n")
    md += ["## Sources {#sources}\n", "\n".join(source_line(s) for s in update.sources) + "\n"]
    return GeneratedPage(page_uri("update", update.id), "\n".join(md), source=update.pos.path)


def _step_words(corpus: Corpus, step: Step) -> str:
    """What an update did to a recommendation's status, in a line."""
    affect = step.affect
    whom = f" for {join([link('actor', r.id, corpus.name_of('actor', r.id)) for r in affect.for_])}" \
        if affect.for_ else ""
    if affect.status is None:
        return f"No change of status{whom}."
    befores = sorted({before for _, before, _ in step.changes})
    if not step.changes:
        return f"{status_badge(corpus, affect.status, step.update.date)}{whom}: confirmed."
    was = join([escape(corpus.scale.label(b)) for b in befores])
    back = " — a step backwards" if step.backwards else ""
    first = befores == [NOT_TRACKED]
    change = "first status" if first else f"was {was}"
    return f"{status_badge(corpus, affect.status, step.update.date)}{whom} ({change}{back})."


def status_section(corpus: Corpus, rec: Recommendation) -> str:
    """The "What became of it" section of a recommendation's page."""
    track = corpus.tracks[rec.id]
    if not track.timeline:
        return ("## What became of it {#status}\n\n"
                f"{rec_badge(corpus, rec.id)} No update speaks of this recommendation yet: its status is not "
                "tracked (which is not the same as \"no progress\").\n")
    now = track.current
    as_of = f" as of {date(now.as_of)}" if now.as_of else ""
    md = ["## What became of it {#status}\n",
          f'<p class="briefs-status-line">{rec_badge(corpus, rec.id)}{as_of}'
          f"{' (statuses differ by addressee, below)' if track.differs else ''}</p>\n"]
    if track.differs:
        rows = [f"- {link('actor', s.actor, corpus.name_of('actor', s.actor))}: "
                f"{status_badge(corpus, s.status, s.as_of, was=s.previous)}"
                + (f" as of {date(s.as_of)}" if s.as_of else "") for s in track.standings]
        md.append("\n".join(rows) + "\n")
    shown = track.timeline[:TIMELINE_SHOWN]
    items = [f"- {date(s.update.date)}: {link('update', s.update.id, s.update.title)}. {_step_words(corpus, s)}"
             + (f" {muted(escape(s.affect.note))}" if s.affect.note else "") for s in shown]
    md += ["### Timeline {#timeline}\n", '<div class="briefs-timeline" markdown>\n', "\n".join(items) + "\n"]
    if len(track.timeline) > TIMELINE_SHOWN:
        md.append(f"\nThe newest {TIMELINE_SHOWN} of {len(track.timeline):,} updates are listed here; "
                  f"the {count(len(track.timeline) - TIMELINE_SHOWN, 'older one', 'older ones')} "
                  "are on the [updates index](update:index).\n")
    md.append("</div>\n")
    return "\n".join(md)


def updates_page_count(corpus: Corpus) -> int:
    return max(1, -(-len(corpus.updates) // UPDATES_PAGE_SIZE))


def updates_index(corpus: Corpus, number: int = 1) -> tuple[str, str]:
    """Page `number` (from 1) of the updates, newest first: (intro, body)."""
    updates = list(corpus.updates.values())
    total, start = updates_page_count(corpus), (number - 1) * UPDATES_PAGE_SIZE
    shown = updates[start : start + UPDATES_PAGE_SIZE]
    rows = [f"{link('update', u.id, u.title)}\n:   {date(u.date)} · "
            f"{join([link('rec', r.id, corpus.name_of('rec', r.id)) for r in u.recs])}\n" for u in shown]
    tracker = "../tracker/index.md" if number == 1 else "../../tracker/index.md"
    intro = (f"{count(len(updates), 'update')}, newest first: dated developments, with their sources, and what "
             f"they mean for the recommendations. The [tracker]({tracker}) sums them up.")
    if not updates:
        return intro, "None yet.\n"
    if total == 1:
        return intro, "\n".join(rows)
    return (f"{intro} This page lists {start + 1:,} to {start + len(shown):,}.",
            "\n".join(rows) + "\n" + pager(number, total, "Pages of the list"))
