"""The page of each update, the updates index, and what a recommendation's page says of its status.

An update's page (`updates/<id>.md`, template briefs/pages/update.md) shows its date, its
text, the recommendations it bears on with their change of status and the note that
explains it, and its sources. The index lists updates newest first (block
briefs/update_list.md), UPDATES_PAGE_SIZE to a page. `status_section` is the "What became
of it" part of a recommendation's page (block briefs/status.md): its badge and *as of*
date, its status per addressee when they differ, and its timeline, newest first;
`entity_status_section` the counts by status and latest updates of an actor's or a
mechanism's page (block briefs/status_counts.md). Nothing here knows about MkDocs.
"""

from __future__ import annotations

from . import labels
from .annotations import escape_raw_html
from .corpus import Corpus
from .labels import t
from .markup import (
    GeneratedPage,
    count,
    date,
    escape,
    front_matter,
    join,
    link,
    pager,
    rec_badge,
    status_badge,
    status_label,
    unsearched,
)
from .model import Recommendation, Update
from .statuses import NOT_TRACKED
from .templates import Item, memo_of, render, safe
from .tracking import Step, status_order

UPDATES_PAGE_SIZE = 50
"""Updates per page of the updates index (updates/, updates/page/2/, ...)."""
TIMELINE_SHOWN = 10
"""Updates listed in a recommendation's timeline; the older ones are counted."""


def update_page(corpus: Corpus, update: Update) -> GeneratedPage:
    """An update's page (template briefs/pages/update.md)."""
    affects = []
    for affect in update.affects:
        rec = corpus.recommendations[affect.rec.id]
        step = next((s for s in corpus.tracks[rec.id].timeline if s.affect is affect), None)
        affects.append(Item(rec=rec, affect=affect, link=safe(link("rec", rec.id, rec.title)),
                        words=safe(step_words(corpus, step) if step else ""),
                        note=safe(escape(affect.note) if affect.note else "")))
    md = render("briefs/pages/update.md", update=update,
                front_matter=safe(front_matter(update.title, t("update.description", date=date(update.date),
                                                                 title=update.title))),
                title=safe(escape(update.title)), date=date(update.date),
                recs=count(len(update.recs), "count.rec"),
                body=safe(escape_raw_html(update.body).strip() if update.body.strip() else ""), affects=affects,
                sources=[Item(source=s, title=safe(f"[{escape(s.title)}](<{s.url}>)"),
                          publisher=safe(escape(s.publisher)), date=date(s.date)) for s in update.sources])
    return GeneratedPage(corpus.folders.page_uri("update", update.id), md, source=update.pos.path)


def step_words(corpus: Corpus, step: Step) -> str:
    """What an update did to a recommendation's status, in a line (written once a run: it is on the
    update's page and in the recommendation's timeline)."""
    return memo_of(step, "step_words", lambda: _step_words(corpus, step))


def _step_words(corpus: Corpus, step: Step) -> str:
    affect = step.affect
    whom = t("step.for", actors=join([link("actor", r.id, corpus.name_of("actor", r.id)) for r in affect.for_])) \
        if affect.for_ else ""
    if affect.status is None:
        return t("step.no_change", whom=whom)
    badge = status_badge(corpus, affect.status, step.update.date)
    befores = sorted({before for _, before, _ in step.changes})
    if not step.changes:
        return t("step.confirmed", badge=badge, whom=whom)
    if befores == [NOT_TRACKED]:
        return t("step.first", badge=badge, whom=whom)
    was = join([escape(status_label(corpus, b)) for b in befores])
    return t("step.was_back" if step.backwards else "step.was", badge=badge, whom=whom, was=was)


def status_section(corpus: Corpus, rec: Recommendation) -> str:
    """The "What became of it" section of a recommendation's page (block briefs/status.md)."""
    track = corpus.tracks[rec.id]
    now = memo_of(track, "current", lambda: track.current) if track.timeline else None
    standings = [Item(actor=s.actor, link=safe(link("actor", s.actor, corpus.name_of("actor", s.actor))),
                  status=safe(status_badge(corpus, s.status, s.as_of, was=s.previous)),
                  as_of=date(s.as_of) if s.as_of else "") for s in track.standings] if track.differs else []
    timeline = [Item(step=s, date=date(s.update.date), link=safe(link("update", s.update.id, s.update.title)),
                 words=safe(step_words(corpus, s)),
                 note=safe(escape(s.affect.note) if s.affect.note else ""))
                for s in track.timeline[:TIMELINE_SHOWN]]
    more = t("rec.timeline_more", len(track.timeline), shown=TIMELINE_SHOWN, index="update:index") \
        if len(track.timeline) > TIMELINE_SHOWN else ""
    return render("briefs/status.md", rec=rec, track=track, status=safe(rec_badge(corpus, rec.id)),
                  tracked=bool(track.timeline),
                  not_tracked=safe(t("rec.not_tracked") if not track.timeline else ""),
                  as_of=date(now.as_of) if now and now.as_of else "", differs=track.differs,
                  standings=standings, timeline=timeline, more=safe(more))


def updates_page_count(corpus: Corpus) -> int:
    return max(1, -(-len(corpus.updates) // UPDATES_PAGE_SIZE))


def updates_index(corpus: Corpus, number: int = 1) -> tuple[str, str]:
    """Page `number` (from 1) of the updates, newest first: (intro, body)."""
    updates = list(corpus.updates.values())
    total, start = updates_page_count(corpus), (number - 1) * UPDATES_PAGE_SIZE
    shown = updates[start : start + UPDATES_PAGE_SIZE]
    tracker = "../tracker/index.md" if number == 1 else "../../tracker/index.md"
    intro = t("index.updates", len(updates), tracker=tracker)
    if not updates:
        return intro, t("list.none_yet") + "\n"
    listed = unsearched("briefs-update-list", render("briefs/update_list.md", items=[
        Item(update=u, link=safe(link("update", u.id, u.title)), date=date(u.date),
         recs=safe(join([link("rec", r.id, corpus.name_of("rec", r.id)) for r in u.recs]))) for u in shown]))
    if total == 1:
        return intro, listed
    span = t("index.lists", first=labels.number(start + 1), last=labels.number(start + len(shown)))
    return f"{intro} {span}", listed + "\n" + pager(number, total, t("pager.list"))


def entity_status_section(corpus: Corpus, recs: list[Recommendation], intro_key: str,
                          actor: str | None = None) -> str:
    """The "Status of its recommendations" part of an actor's or a mechanism's page (block
    briefs/status_counts.md): how many of `recs` stand at each status (for `actor`, where their
    addressees differ), not tracked counted as such, and the latest updates that bear on them
    (`limits.latest_updates`, the rest counted). Empty when the site has no update at all, or there
    is no recommendation to count."""
    if not recs or not corpus.updates:
        return ""
    counted: dict[str, int] = {}
    for rec in recs:
        track = corpus.tracks[rec.id]
        mine = next((s for s in track.standings if s.actor == actor), None) if actor else None
        status = mine.status if mine else track.status
        counted[status] = counted.get(status, 0) + 1
    counts = [Item(status=s, badge=safe(status_badge(corpus, s)), count=labels.number(counted[s]))
              for s in status_order(corpus.scale) if counted.get(s)]
    ids = {r.id for r in recs}
    updates, by_rec, by_actor = memo_of(corpus, "updates_by_rec", lambda: _updates_index(corpus))
    found = set().union(*(by_rec.get(i, ()) for i in ids), by_actor.get(actor, ()) if actor else ())
    latest = [updates[i] for i in sorted(found)]
    shown = latest[: corpus.settings.limits.latest_updates]
    more = t("tracking.latest_more", len(latest), shown=labels.number(len(shown)), index="update:index") \
        if len(latest) > len(shown) else ""
    return render("briefs/status_counts.md", intro=safe(t(intro_key, len(recs))), counts=counts,
                  latest=[_latest_item(corpus, u, ids) for u in shown], more=safe(more))


def _updates_index(corpus: Corpus) -> tuple[list[Update], dict[str, set[int]], dict[str, set[int]]]:
    """The updates in the corpus' order, and the places in it of those that bear on each recommendation
    and of those whose `for` names each actor (made once a run: templates.memo_of)."""
    updates = list(corpus.updates.values())
    by_rec: dict[str, set[int]] = {}
    by_actor: dict[str, set[int]] = {}
    for place, update in enumerate(updates):
        for affect in update.affects:
            by_rec.setdefault(affect.rec.id, set()).add(place)
            for ref in affect.for_:
                by_actor.setdefault(ref.id, set()).add(place)
    return updates, by_rec, by_actor


def _latest_item(corpus: Corpus, update: Update, ids: set[str]) -> Item:
    """An update in an entity's "Latest updates": its date and title, and which of the entity's
    recommendations it bears on, each with the status the update gives it (if any)."""
    mine = [a for a in update.affects if a.rec.id in ids]
    shown = [link("rec", a.rec.id, corpus.name_of("rec", a.rec.id))
             + (" " + status_badge(corpus, a.status, update.date) if a.status else "") for a in mine[:3]]
    more = t("list.and_more", len(mine) - 3) if len(mine) > 3 else ""
    return Item(update=update, date=date(update.date), link=safe(link("update", update.id, update.title)),
            recs=safe(join(shown) + more if shown else ""))
