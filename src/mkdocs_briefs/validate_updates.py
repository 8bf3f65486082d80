"""Checks of the updates (`briefs/updates/<id>.md`) that need the briefs and the status scale.

Unknown recommendations and actors are found with every other reference (`validate`,
through `kinds.LINKS`); sources and web addresses by the schema. Here: the id, the status
against the scale, `for` against the recommendation's actors, the date against its brief's
and today's, and two updates that set different statuses for the same recommendation and
addressee on the same day.
"""

from __future__ import annotations

import datetime
import re

from .diagnostics import Diagnostics, did_you_mean
from .model import Affect, Recommendation, Sources, Update
from .schema import invisible, shown
from .statuses import Scale

_SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
MAX_ID_LENGTH = 80


SameDay = dict[tuple[str, str, datetime.date], tuple[str, Update]]


def validate_updates(s: Sources, scale: Scale, today: datetime.date) -> Diagnostics:
    diags = Diagnostics()
    same_day: SameDay = {}
    recs = {rec.id: rec for rec in s.recommendations()}  # once: every update looks its recommendations up
    for update in s.updates.values():
        _check_update(s, recs, update, scale, today, same_day, diags)
    return diags


def _check_update(s: Sources, recs: dict[str, Recommendation], update: Update, scale: Scale, today: datetime.date,
                  same_day: SameDay, diags: Diagnostics) -> None:
    if not _SLUG.fullmatch(update.id) or len(update.id) > MAX_ID_LENGTH:
        diags.error(update.pos, f"the file name {shown(update.id + '.md')} is not a valid update id: rename it "
                                f"with lowercase letters a-z, digits and single hyphens, at most {MAX_ID_LENGTH} "
                                "characters, like '2023-08-camp-david.md'" + invisible(update.id))
    dated = update.where.get("date", update.pos)
    known_date = update.date != datetime.date.min
    _check_not_future(update, today, diags)
    for affect in update.affects:
        rec = recs.get(affect.rec.id)
        if affect.status is not None and scale.get(affect.status) is None:
            diags.error(affect.where.get("status", affect.pos),
                        f"status {shown(affect.status)} is not on the site's scale"
                        f"{did_you_mean(affect.status, scale.ids())}: use one of {', '.join(scale.ids())}")
        if rec is None:
            continue
        brief = s.briefs.get(rec.brief_id)
        if brief and known_date and update.date < brief.date:
            diags.error(dated, f"the update is dated {update.date.isoformat()}, before the brief that makes "
                               f"recommendation '{rec.id}' ({brief.date.isoformat()}): an update records what "
                               "happened after a recommendation was made; fix the date or the recommendation")
        named = {r.id for r in (*rec.addressed_to, *rec.involves)}
        for ref in affect.for_:
            if ref.id not in named and ref.id in s.actors:
                diags.warning(ref.pos, f"recommendation '{rec.id}' neither addresses nor involves actor "
                                       f"'{ref.id}': name one of {', '.join(sorted(named))} in 'for', "
                                       "or leave 'for' out")
        if affect.status is not None:
            _check_same_day(update, rec.id, affect, same_day, diags)


def _check_not_future(update: Update, today: datetime.date, diags: Diagnostics) -> None:
    if update.date != datetime.date.min and update.date > today:
        diags.error(update.where.get("date", update.pos), f"the update is dated {update.date.isoformat()}, in the "
                                                          "future: an update records what has happened; fix the date")
    for i, source in enumerate(update.sources, 1):  # a report of the year 2999 is a slip of the keyboard
        if source.date != datetime.date.min and source.date > today:
            diags.error(source.where.get("date", update.where.get("sources", update.pos)),
                        f"sources[{i}] is dated {source.date.isoformat()}, in the future: a source reports what "
                        "has happened; fix its date")


def _check_same_day(update: Update, rec_id: str, affect: Affect, same_day: SameDay, diags: Diagnostics) -> None:
    for actor in [r.id for r in affect.for_] or [""]:
        key = (rec_id, actor, update.date)
        status = affect.status or ""
        if key in same_day and same_day[key][0] != status:
            other = same_day[key][1]
            whom = f" for '{actor}'" if actor else ""
            diags.error(affect.where.get("status", affect.pos),
                        f"update '{other.id}' ({other.pos.path}) gives recommendation '{rec_id}'{whom} "
                        f"the status '{same_day[key][0]}' on the same day: the statuses of one day must "
                        "agree; change one, or date them apart")
        same_day.setdefault(key, (status, update))
