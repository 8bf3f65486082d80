"""What became of each recommendation: its status per addressee and its timeline of updates.

A recommendation's status is that of the latest update that sets one (`affects[].status`),
as of the latest update that sets or confirms it (gives the same status again), separately
for each addressee where an update's `for` names some; with no update it is
*not tracked* (`statuses.NOT_TRACKED`). A status reached from a more advanced one, or a
setback level (stalled, reversed), is a step backwards, and pages say so. Updates of the
same day are taken in the order of their ids. Pure functions of the sources.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from .model import Affect, Recommendation, Update
from .statuses import NOT_TRACKED, Scale


@dataclass(frozen=True)
class Step:
    """One update in a recommendation's timeline."""

    update: Update
    affect: Affect
    changes: tuple[tuple[str, str, str], ...] = ()
    """(actor, status before, status after) for each addressee whose status it changes; before is
    NOT_TRACKED for a first status."""
    backwards: bool = False
    """It takes some addressee's status backwards."""


@dataclass(frozen=True)
class Standing:
    """Where a recommendation stands for one addressee."""

    actor: str
    status: str
    """A level's id, or NOT_TRACKED."""
    as_of: datetime.date | None = None
    update: Update | None = None
    previous: str | None = None
    """The status before, when this one was reached by going backwards."""


@dataclass
class Track:
    rec: Recommendation
    timeline: list[Step] = field(default_factory=list)
    """Newest first."""
    standings: list[Standing] = field(default_factory=list)
    """One per addressee (the recommendation's, then any other actor an update's `for` names)."""

    @property
    def tracked(self) -> bool:
        return any(s.status != NOT_TRACKED for s in self.standings)

    @property
    def differs(self) -> bool:
        """Its addressees stand at different statuses."""
        return len({s.status for s in self.standings}) > 1

    @property
    def current(self) -> Standing:
        """The one status pages show for it: the addressees' when they agree, else that of the
        latest update that set one; not tracked when none did."""
        tracked = [s for s in self.standings if s.status != NOT_TRACKED]
        if not tracked:
            return Standing("", NOT_TRACKED)
        latest = max(tracked, key=lambda s: (s.as_of or datetime.date.min, s.update.id if s.update else ""))
        backwards = next((s.previous for s in tracked if s.previous), None) if not self.differs else latest.previous
        return Standing("", latest.status, latest.as_of, latest.update, backwards)

    @property
    def status(self) -> str:
        return self.current.status

    @property
    def last_update(self) -> Update | None:
        return self.timeline[0].update if self.timeline else None


def build_tracks(recs: Iterable[Recommendation], updates: Iterable[Update], scale: Scale,
                 previous: dict[str, Track] | None = None) -> dict[str, Track]:
    """Every recommendation's track, by id; updates are taken oldest first. A track of `previous` (made on
    the same scale) is taken again for the very recommendation it was made for, with the very updates
    and affects in the same order: a track is a function of those alone (`mkdocs serve`, where what was
    not parsed again is the same object)."""
    by_rec: dict[str, list[tuple[Update, Affect]]] = {}
    for update in sorted(updates, key=lambda u: (u.date, u.id)):
        for affect in update.affects:
            by_rec.setdefault(affect.rec.id, []).append((update, affect))
    previous = previous or {}
    tracks = {}
    for rec in recs:
        entries = by_rec.get(rec.id, [])
        old = previous.get(rec.id)
        same = old is not None and old.rec is rec and len(old.timeline) == len(entries) and all(
            step.update is update and step.affect is affect for step, (update, affect) in zip(
                reversed(old.timeline), entries, strict=True))
        tracks[rec.id] = old if same and old is not None else _track(rec, entries, scale)
    return tracks


def _track(rec: Recommendation, entries: list[tuple[Update, Affect]], scale: Scale) -> Track:
    actors = [r.id for r in rec.addressed_to]
    for _, affect in entries:
        actors += [r.id for r in affect.for_ if r.id not in actors]
    now: dict[str, Standing] = {a: Standing(a, NOT_TRACKED) for a in actors}
    steps = []
    for update, affect in entries:
        changes, backwards = [], False
        if affect.status is not None and scale.get(affect.status) is not None:
            for actor in [r.id for r in affect.for_] or actors:
                before = now[actor].status
                if before == affect.status:  # confirmed: the status holds as of this later update
                    now[actor] = Standing(actor, before, update.date, update, now[actor].previous)
                    continue
                back = scale.backwards(before, affect.status)
                backwards |= back
                now[actor] = Standing(actor, affect.status, update.date, update, before if back else None)
                changes.append((actor, before, affect.status))
        steps.append(Step(update, affect, tuple(changes), backwards))
    return Track(rec, steps[::-1], [now[a] for a in actors])


def counts(tracks: Iterable[Track], scale: Scale) -> Counter[str]:
    """How many of the tracks stand at each status (their `current` one)."""
    return Counter(t.status for t in tracks)


def status_order(scale: Scale) -> list[str]:
    """The statuses in the order pages list them: the scale's, then not tracked."""
    return [*scale.ids(), NOT_TRACKED]
