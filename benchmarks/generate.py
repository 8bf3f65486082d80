"""A deterministic corpus of N policy briefs, written as a complete MkDocs project.

    python benchmarks/generate.py N OUTDIR [--seed S] [--actors A] [--updates U]

writes OUTDIR/mkdocs.yml (Material, the `search` and `briefs` plugins, the settings of the
repository's own mkdocs.yml), OUTDIR/docs/index.md and OUTDIR/briefs/ with N briefs and the four
registries. The same N and seed always give the same bytes: every choice comes from one
`random.Random(seed)` walked in a fixed order over fixed word lists, never from dict,
set or file-system order.

The shape follows issue 6:

- each brief has about 1,500 words of body in five sections (paragraphs and one bulleted
  list), 8 recommendations and about 30 annotations: each recommendation annotated once,
  the rest naming actors and mechanisms, mostly those its recommendations name;
- registries grow with N: 20 + 0.3 N actors (320 at N = 1,000), 15 + 0.085 N mechanisms
  (100 at N = 1,000), 5 + N / 10 authors, 2 + N / 50 series; `--actors A` sets the number
  of actors instead (a test that needs more than a page of actors needs no more briefs);
- references are skewed as in a real archive: actors and mechanisms are drawn with
  Zipf-like weights (1 / rank^0.9), so a few (the first states) appear in a large share of
  recommendations, and the long tail in few;
- some actors are coalitions with `members`; a third of the mechanisms are `part_of` an
  earlier one (a forest, so no cycle) and some list `related` ones;
- every registry entry is referred to at least once, every recommendation is annotated,
  so `mkdocs build --strict` passes;
- with `--updates U`, updates (`briefs/updates/<year>/`) give each recommendation about U
  dated updates: per brief, 4 U / 2 updates on distinct days after the brief (up to five
  years, not after LAST_UPDATE), each bearing on 1 to 3 of its recommendations, a quarter of
  them without a status, a few for one addressee only, statuses moving forward with an
  occasional step back; each update cites one or two sources and names an actor and a
  recommendation in its text. They are drawn after everything else, so the briefs and
  registries are the same bytes with or without them.
"""

from __future__ import annotations

import argparse
import datetime
import itertools
import json
import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_SEED = 20220801
RECS_PER_BRIEF = 8
ENTITY_ANNOTATIONS = 22  # + RECS_PER_BRIEF rec annotations = 30 per brief
SECTIONS_PER_BRIEF = 5
PARAGRAPHS_PER_SECTION = 3
WORDS_PER_PARAGRAPH = 92  # 15 paragraphs and a 4-item list: about 1,500 words

# --- vocabulary (fixed lists: their order is part of the output) ----------------------

NOUNS = ["alliance", "deterrence", "posture", "command", "exercise", "doctrine", "budget", "treaty", "coalition", "agreement", "capability", "readiness", "logistics", "base", "port", "corridor", "supply", "chain", "sanction", "export", "control", "framework", "dialogue", "summit", "ministry", "assembly", "parliament", "council", "committee", "agency", "directive", "strategy", "review", "assessment", "program", "initiative", "partnership", "cooperation", "consultation", "channel", "hotline", "mechanism", "protocol", "standard", "regime", "norm", "institution", "forum", "network", "platform", "fund", "investment", "infrastructure", "energy", "grid", "pipeline", "reactor", "satellite", "launch", "missile", "defense", "interceptor", "radar", "sensor", "intelligence", "surveillance", "reconnaissance", "cyber", "resilience", "network", "shipyard", "submarine", "frigate", "destroyer", "carrier", "aircraft", "drone", "fleet", "brigade", "division", "garrison", "peninsula", "strait", "archipelago", "border", "coastline", "airspace", "waterway", "harbor", "region", "theater", "election", "mandate", "coalition", "opposition", "public", "opinion", "consensus", "legitimacy", "mandate", "reform", "economy", "trade", "tariff", "market", "currency", "reserve", "loan", "credit", "aid", "grant", "development", "relief", "disaster", "contingency", "crisis", "escalation", "incident", "provocation", "test", "warning", "signal", "message", "history", "memory", "apology", "dispute", "claim", "settlement", "court", "arbitration", "ruling", "law", "statute", "technology", "semiconductor", "battery", "mineral", "supply", "workforce", "training", "education", "research"]

ADJECTIVES = ["joint", "combined", "trilateral", "bilateral", "multilateral", "regional", "maritime", "strategic", "operational", "tactical", "extended", "integrated", "standing", "permanent", "interim", "provisional", "annual", "quarterly", "senior", "ministerial", "legislative", "parliamentary", "civilian", "military", "naval", "aerial", "coastal", "northern", "southern", "eastern", "western", "central", "forward", "rear", "allied", "partner", "neutral", "independent", "national", "federal", "provincial", "municipal", "economic", "financial", "technical", "scientific", "digital", "secure", "resilient", "durable", "flexible", "credible", "coherent", "transparent", "predictable", "sustained", "expanded", "modest", "ambitious", "gradual", "rapid", "cautious"]

VERBS = ["expand", "strengthen", "establish", "convene", "fund", "deploy", "review", "revise", "adopt", "ratify", "coordinate", "integrate", "align", "share", "publish", "institutionalize", "reform", "restore", "resume", "deepen", "broaden", "prioritize", "clarify", "codify", "extend", "harmonize", "invest", "train", "equip", "protect", "monitor", "verify", "negotiate", "support", "reassure", "consult", "build", "launch", "accelerate", "streamline"]

FILLER = ["the", "the", "the", "a", "an", "of", "of", "of", "to", "to", "in", "in", "and", "and", "and", "for", "with", "on", "by", "as", "that", "this", "these", "its", "their", "which", "while", "because", "although", "however", "moreover", "therefore", "over", "under", "between", "among", "across", "within", "beyond", "through", "toward", "against", "without", "more", "less", "most", "both", "each", "every", "other", "such", "new", "long", "short", "early", "late", "first", "second", "last", "high", "low", "wide", "close", "open", "clear"]

SYLLABLES = ["val", "dor", "ia", "ma", "ren", "tha", "kor", "sun", "bel", "gar", "ost", "mir", "lan", "del", "ves", "tor", "amb", "ira", "qu", "el", "nor", "zan", "pel"]

FIRST_NAMES = ["Ana", "Ben", "Chae", "Dae", "Eun", "Farah", "Goro", "Hana", "Ian", "Jae", "Kenji", "Lena", "Min", "Noor", "Omar", "Paz", "Quinn", "Ravi", "Sora", "Tomas", "Una", "Vera", "Wen", "Xiu", "Yuki", "Zara"]

LAST_NAMES = ["Abe", "Baker", "Choi", "Diaz", "Endo", "Foster", "Gupta", "Han", "Ito", "Jung", "Kim", "Lee", "Mori", "Nakamura", "Okafor", "Park", "Quist", "Ruiz", "Sato", "Tanaka", "Ueda", "Vance", "Watanabe", "Xu", "Yoon", "Zhou"]

PUBLISHERS = """
Northfield Institute|Harbor Policy Center|Council on Regional Affairs|Eastgate Forum|
Meridian Security Review|Institute for Allied Studies|Pacific Analysis Group
""".replace("\n", "").split("|")

ACTOR_KINDS = ("state", "government-body", "legislature", "command", "coalition", "organization", "person")
ACTOR_KIND_WEIGHTS = (5, 5, 2, 2, 1, 3, 2)
MECHANISM_KINDS = ("process", "program", "institution", "exercise", "forum", "policy-document", "legal-instrument")
MECHANISM_WORDS = {
    "process": "Process", "program": "Program", "institution": "Office", "exercise": "Exercise",
    "forum": "Dialogue", "policy-document": "Strategy", "legal-instrument": "Agreement",
}
HORIZONS = ("near-term", "long-term", "unspecified")
LAST_UPDATE = datetime.date(2026, 6, 30)
"""No generated update is dated later (an update may not be dated in the future)."""
LADDER = ("under-way", "partly-done", "done")
SETBACKS = ("stalled", "reversed")
NOT_IDS = frozenset({"index", "y", "n", "yes", "no", "on", "off", "true", "false", "null"})

MKDOCS_YML = """\
site_name: Benchmark briefs (N = {n})
site_description: A generated corpus of policy briefs for the mkdocs-briefs benchmarks.
site_url: https://example.org/briefs-benchmark/
edit_uri: https://example.org/briefs-benchmark/edit/main/docs/

theme:
  name: material
  font: false
  features:
    - content.action.edit
    - navigation.instant
    - navigation.sections
    - search.suggest
  palette:
    - media: "(prefers-color-scheme: light)"
      scheme: default
      toggle:
        icon: material/weather-night
        name: Switch to dark mode
    - media: "(prefers-color-scheme: dark)"
      scheme: slate
      toggle:
        icon: material/weather-sunny
        name: Switch to light mode

plugins:
  - search
  - briefs:
      sources: briefs

validation:
  anchors: warn

markdown_extensions:
  - toc:
      permalink: true
  - admonition
"""

INDEX_MD = """\
# Benchmark briefs

A generated corpus of {n} briefs for the mkdocs-briefs benchmarks (seed {seed}).

- [Briefs](briefs/index.md)
- [Recommendations](recommendations/index.md)
- [Actors](actors/index.md)
- [Mechanisms](mechanisms/index.md)
- [Authors](authors/index.md)
- [Series](series/index.md)
"""


# --- the model of what is written ------------------------------------------------------


@dataclass
class Entry:
    id: str
    name: str
    kind: str = ""
    fields: dict = field(default_factory=dict)


@dataclass
class Rec:
    id: str
    title: str
    statement: str
    phrase: str
    addressed_to: list[str]
    involves: list[str]
    mechanisms: list[str]
    horizon: str


@dataclass
class BriefDraft:
    id: str
    title: str
    date: datetime.date
    authors: list[str]
    series: str | None
    summary: str
    source_title: str
    publisher: str
    recs: list[Rec]
    body: str = ""


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60].strip("-")


class Generator:
    def __init__(self, n: int, seed: int, actors: int | None = None, unnamed: float = 0.0,
                 updates: float = 0.0) -> None:
        self.n = n
        self.updates = updates
        """Updates per recommendation, about (`--updates`); 0: none."""
        self.actor_count = actors if actors is not None else 20 + n * 3 // 10
        self.seed = seed
        self.rng = random.Random(seed)
        self.unnamed = unnamed
        """Share of addressees left unnamed in their recommendation's paragraph (hints for `check`)."""
        self.hint_rng = random.Random(seed + 1)  # its own draws: the rest of the corpus stays the same
        self.ids: set[str] = set()  # membership only, never iterated

    # small helpers ---------------------------------------------------------------------

    def unique(self, base: str, namespace: str) -> str:
        base = slug(base) or "x"
        candidate = base
        for k in itertools.count(2):
            if candidate not in NOT_IDS and (namespace, candidate) not in self.ids:
                break
            candidate = f"{base}-{k}"
        self.ids.add((namespace, candidate))
        return candidate

    def words(self, count: int) -> list[str]:
        r = self.rng
        out = []
        for _ in range(count):
            roll = r.random()
            if roll < 0.42:
                out.append(r.choice(FILLER))
            elif roll < 0.75:
                out.append(r.choice(NOUNS))
            elif roll < 0.9:
                out.append(r.choice(ADJECTIVES))
            else:
                out.append(r.choice(VERBS))
        return out

    def sentence(self, count: int | None = None) -> str:
        ws = self.words(count or self.rng.randint(9, 24))
        if self.rng.random() < 0.25 and len(ws) > 8:
            ws[self.rng.randint(3, len(ws) - 3)] += ","
        return " ".join(ws).capitalize() + "."

    def sentences(self, words: int) -> str:
        out, total = [], 0
        while total < words:
            k = min(self.rng.randint(9, 24), max(4, words - total))
            out.append(self.sentence(k))
            total += k
        return " ".join(out)

    def title_words(self, count: int) -> str:
        ws = [self.rng.choice(ADJECTIVES if i % 2 == 0 else NOUNS) for i in range(count)]
        return " ".join(w.capitalize() for w in ws)

    def proper(self) -> str:
        return "".join(self.rng.choice(SYLLABLES) for _ in range(self.rng.randint(2, 3))).capitalize()

    def zipf(self, population: list[str], k: int, cum_weights: list[float]) -> list[str]:
        """k distinct items, drawn with the given cumulative weights."""
        chosen: list[str] = []
        while len(chosen) < min(k, len(population)):
            item = self.rng.choices(population, cum_weights=cum_weights)[0]
            if item not in chosen:
                chosen.append(item)
        return chosen

    # registries --------------------------------------------------------------------------

    def actors(self) -> list[Entry]:
        count = self.actor_count
        states: list[Entry] = []
        out: list[Entry] = []
        for i in range(count):
            kind = "state" if i < 3 else self.rng.choices(ACTOR_KINDS, ACTOR_KIND_WEIGHTS)[0]
            if kind == "coalition" and len(states) < 2:
                kind = "state"
            fields: dict = {}
            if kind == "state":
                name = f"Republic of {self.proper()}"
                fields["short"] = self.proper()
                fields["aliases"] = sorted({name.split()[-1], fields["short"] + " government"})
            elif kind == "government-body":
                name = f"Ministry of {self.rng.choice(NOUNS).capitalize()} of {self.rng.choice(states).name if states else self.proper()}"
            elif kind == "legislature":
                name = f"{self.proper()} {self.rng.choice(('National Assembly', 'Parliament', 'Congress', 'Diet'))}"
            elif kind == "command":
                name = f"{self.title_words(2)} Command"
            elif kind == "coalition":
                name = f"{self.title_words(2)} Group"
                members = self.rng.sample(states, min(len(states), self.rng.randint(2, 6)))
                fields["members"] = [m.id for m in members]
            elif kind == "organization":
                name = f"{self.title_words(2)} {self.rng.choice(('Institute', 'Organization', 'Bank', 'Agency'))}"
            else:
                name = f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"
            fields["description"] = self.sentence(self.rng.randint(10, 18))
            entry = Entry(self.unique(name, "actor"), name, kind, fields)
            out.append(entry)
            if kind == "state":
                states.append(entry)
        return out

    def mechanisms(self) -> list[Entry]:
        count = 15 + self.n * 85 // 1000
        out: list[Entry] = []
        for i in range(count):
            kind = self.rng.choice(MECHANISM_KINDS)
            name = f"{self.title_words(2)} {MECHANISM_WORDS[kind]}"
            fields: dict = {"description": self.sentence(self.rng.randint(10, 18))}
            if i > 0 and self.rng.random() < 0.35:
                fields["part_of"] = out[self.rng.randrange(i)].id  # an earlier one: no cycle
            if i > 1 and self.rng.random() < 0.3:
                fields["related"] = [m.id for m in self.rng.sample(out, min(i, self.rng.randint(1, 3)))]
            out.append(Entry(self.unique(name, "mechanism"), name, kind, fields))
        return out

    def authors(self) -> list[Entry]:
        count = max(1, min(self.n, 5 + self.n // 10))
        out = []
        for _ in range(count):
            name = f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"
            id_ = self.unique(name, "author")
            fields = {
                "affiliation": f"{self.rng.choice(('Fellow', 'Senior Fellow', 'Director', 'Professor'))}, "
                               f"{self.rng.choice(PUBLISHERS)}",
                "bio": self.sentences(self.rng.randint(30, 60)),
                "url": f"https://example.org/people/{id_}",
            }
            out.append(Entry(id_, name, fields=fields))
        return out

    def series(self) -> list[Entry]:
        count = max(1, min(self.n, 2 + self.n // 50))
        out = []
        for _ in range(count):
            name = f"{self.title_words(2)} {self.rng.choice(('Roundtable', 'Series', 'Papers'))}"
            id_ = self.unique(name, "series")
            fields = {
                "publisher": self.rng.choice(PUBLISHERS),
                "url": f"https://example.org/series/{id_}",
                "description": self.sentences(self.rng.randint(25, 45)),
            }
            out.append(Entry(id_, name, fields=fields))
        return out

    # briefs ------------------------------------------------------------------------------

    def brief(self, i: int, actors: list[Entry], mechs: list[Entry], authors: list[Entry],
              series: list[Entry], aw: list[float], mw: list[float]) -> BriefDraft:
        r = self.rng
        a_ids, m_ids = [a.id for a in actors], [m.id for m in mechs]
        id_ = self.unique(f"{r.choice(ADJECTIVES)}-{r.choice(NOUNS)}-{i:05d}", "brief")
        title = f"{self.title_words(2)} and the {r.choice(NOUNS).capitalize()} of {self.proper()}"
        date = datetime.date(2010, 1, 1) + datetime.timedelta(days=r.randrange(15 * 365))
        # every author and series is used: the first ones go round, then chosen at random
        first_author = authors[i].id if i < len(authors) else r.choice(authors).id
        extra = [a.id for a in r.sample(authors, min(len(authors), r.choice((0, 0, 1, 2))))]
        brief_authors = [first_author] + [a for a in extra if a != first_author]
        brief_series = series[i].id if i < len(series) else r.choice(series).id if r.random() < 0.7 else None
        recs = []
        for k in range(RECS_PER_BRIEF):
            verb, adj, noun = r.choice(VERBS), r.choice(ADJECTIVES), r.choice(NOUNS)
            addressed = self.zipf(a_ids, r.choice((1, 1, 2, 2, 3)), aw)
            involves = [a for a in self.zipf(a_ids, r.choice((0, 1, 2, 3)), aw) if a not in addressed]
            recs.append(Rec(
                id=self.unique(f"{verb}-{adj}-{noun}-{i:05d}-{k + 1}", "rec"),
                title=f"{verb.capitalize()} the {adj} {noun}",
                statement=self.sentences(r.randint(18, 40)),
                phrase=f"{verb} the {adj} {noun} {r.choice(('now', 'soon', 'over time', 'together'))}",
                addressed_to=addressed, involves=involves,
                mechanisms=self.zipf(m_ids, r.choice((1, 1, 2, 2, 3)), mw),
                horizon=r.choice(HORIZONS),
            ))
        return BriefDraft(
            id=id_, title=title, date=date, authors=brief_authors, series=brief_series,
            summary=self.sentences(r.randint(30, 50)),
            source_title=f"{self.title_words(3)}: {self.title_words(2)}",
            publisher=r.choice(PUBLISHERS), recs=recs,
        )

    def body(self, brief: BriefDraft, names: dict[tuple[str, str], str], a_ids: list[str], m_ids: list[str],
             aw: list[float], mw: list[float]) -> str:
        """Five sections of prose; the annotations are spread over its paragraphs.

        Each recommendation is annotated in a paragraph of its own that also names the actors
        it is addressed to, as an editor would write it (so `check` has no hint either), except
        for the share `unnamed` of them (`--unnamed-addressees`), each a hint of `check`.
        """
        r = self.rng
        own_actors = [a for rec in brief.recs for a in (*rec.addressed_to, *rec.involves)]
        own_mechs = [m for rec in brief.recs for m in rec.mechanisms]
        groups: list[list[str]] = []
        for rec in brief.recs:
            group = [f"[{rec.phrase}](rec:{rec.id})"]
            group += [f"[{names['actor', a]}](actor:{a})" for a in rec.addressed_to
                      if not self.unnamed or self.hint_rng.random() >= self.unnamed]
            groups.append(group)
        others: list[str] = []
        for _ in range(max(0, ENTITY_ANNOTATIONS - sum(len(g) - 1 for g in groups))):
            if r.random() < 0.5:
                kind, target = "actor", (r.choice(own_actors) if r.random() < 0.7 else self.zipf(a_ids, 1, aw)[0])
            else:
                kind, target = "mechanism", (r.choice(own_mechs) if r.random() < 0.7 else self.zipf(m_ids, 1, mw)[0])
            others.append(f"[{names[kind, target]}]({kind}:{target})")
        blocks = SECTIONS_PER_BRIEF * PARAGRAPHS_PER_SECTION + 1  # + the list
        per_block: list[list[str]] = [[] for _ in range(blocks)]
        order = r.sample(range(blocks), blocks)  # which blocks get a recommendation: the first 8
        for group, b in zip(groups, order, strict=False):
            per_block[b].extend(group)
        for j, note in enumerate(others):
            per_block[order[(len(groups) + j) % blocks]].append(note)
        out: list[str] = []
        b = 0
        for s in range(SECTIONS_PER_BRIEF):
            out.append(f"## {self.title_words(r.randint(2, 4))}\n")
            for _ in range(PARAGRAPHS_PER_SECTION):
                out.append(self.paragraph(WORDS_PER_PARAGRAPH, per_block[b]) + "\n")
                b += 1
            if s == 2:
                items = [f"- {self.paragraph(18, per_block[b] if q == 0 else [])}" for q in range(4)]
                out.append("\n".join(items) + "\n")
                b += 1
        return "\n".join(out)

    def paragraph(self, words: int, notes: list[str]) -> str:
        text = self.sentences(words).split(" ")
        for note, spot in zip(notes, self.rng.sample(range(1, len(text)), len(notes)), strict=True):  # one word each
            text[spot] = note + ("," if text[spot].endswith(",") else "." if text[spot].endswith(".") else "")
        # wrap like an editor would, at about 100 characters
        lines, line = [], ""
        for word in text:
            if line and len(line) + 1 + len(word) > 100:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}" if line else word
        lines.append(line)
        return "\n".join(lines)

    # the whole corpus --------------------------------------------------------------------

    def run(self) -> dict[str, str]:
        """Every file of the project, path -> text."""
        actors, mechs, authors, series = self.actors(), self.mechanisms(), self.authors(), self.series()
        aw = list(itertools.accumulate(1 / (rank + 1) ** 0.9 for rank in range(len(actors))))
        mw = list(itertools.accumulate(1 / (rank + 1) ** 0.9 for rank in range(len(mechs))))
        briefs = [self.brief(i, actors, mechs, authors, series, aw, mw) for i in range(self.n)]
        self._cover(briefs, actors, mechs)
        names = {("actor", a.id): a.fields.get("short") or a.name for a in actors}
        names.update({("mechanism", m.id): m.name for m in mechs})
        a_ids, m_ids = [a.id for a in actors], [m.id for m in mechs]
        for brief in briefs:
            brief.body = self.body(brief, names, a_ids, m_ids, aw, mw)
        files = {
            "mkdocs.yml": MKDOCS_YML.format(n=self.n),
            "docs/index.md": INDEX_MD.format(n=self.n, seed=self.seed),
            "briefs/actors.yml": registry("Actors", actors, ("name", "short", "kind", "description", "aliases", "members")),
            "briefs/mechanisms.yml": registry("Mechanisms", mechs, ("name", "kind", "description", "part_of", "related")),
            "briefs/authors.yml": registry("Authors", authors, ("name", "affiliation", "bio", "url")),
            "briefs/series.yml": registry("Series", series, ("name", "publisher", "url", "description")),
        }
        for brief in briefs:
            files[f"briefs/{brief.id}.md"] = brief_text(brief)
        if self.updates > 0:  # drawn last: the files above are the same with or without updates
            for brief in briefs:
                files.update(self.brief_updates(brief, names))
        return files

    def brief_updates(self, brief: BriefDraft, names: dict[tuple[str, str], str]) -> dict[str, str]:
        """The updates of one brief's recommendations, path -> text."""
        r = self.rng
        span = min(5 * 365, (LAST_UPDATE - brief.date).days)
        count = min(span, round(self.updates * RECS_PER_BRIEF / 2))
        days = sorted(r.sample(range(1, span + 1), count)) if count > 0 else []
        level: dict[str, int] = {}  # rec id -> its place on LADDER, -1 before its first status
        files = {}
        for j, offset in enumerate(days):
            day = brief.date + datetime.timedelta(days=offset)
            recs = r.sample(brief.recs, r.choice((1, 1, 2, 3, 3, 2)))
            affects = []
            for rec in recs:
                affect = {"rec": rec.id}
                roll = r.random()
                if roll >= 0.25:
                    now = level.get(rec.id, -1)
                    if now >= 0 and roll > 0.9:
                        affect["status"] = r.choice(SETBACKS)
                        level[rec.id] = 0
                    else:
                        level[rec.id] = min(len(LADDER) - 1, now + 1)
                        affect["status"] = LADDER[level[rec.id]]
                    if len(rec.addressed_to) > 1 and r.random() < 0.15:
                        affect["for"] = [r.choice(rec.addressed_to)]
                affect["note"] = self.sentences(r.randint(12, 24))
                affects.append(affect)
            id_ = f"{brief.id}-u{j + 1:02d}"
            first = recs[0]
            actor = r.choice(first.addressed_to)
            body = (f"[{names['actor', actor]}](actor:{actor}) " + self.sentences(r.randint(30, 60))
                    + f" It bears on [{first.phrase}](rec:{first.id}). " + self.sentences(r.randint(20, 40)))
            sources = [{"title": self.title_words(r.randint(3, 6)), "publisher": r.choice(PUBLISHERS),
                        "url": f"https://example.org/news/{id_}/{k + 1}", "date": day.isoformat()}
                       for k in range(r.choice((1, 1, 2)))]
            files[f"briefs/updates/{day.year}/{id_}.md"] = update_text(
                f"{self.title_words(r.randint(3, 6))} in {self.proper()}", day, sources, affects, body)
        return files

    def _cover(self, briefs: list[BriefDraft], actors: list[Entry], mechs: list[Entry]) -> None:
        """Make every actor and mechanism referred to: the unused ones join recommendations in turn."""
        used_a: set[str] = set()
        used_m: set[str] = set()
        for a in actors:
            used_a.update(a.fields.get("members", []))
        for m in mechs:
            used_m.update([m.fields["part_of"]] if "part_of" in m.fields else [])
            used_m.update(m.fields.get("related", []))
        recs = [rec for b in briefs for rec in b.recs]
        for rec in recs:
            used_a.update(rec.addressed_to + rec.involves)
            used_m.update(rec.mechanisms)
        turn = itertools.cycle(range(len(recs)))
        for a in actors:
            if a.id not in used_a:
                recs[next(turn)].involves.append(a.id)
        for m in mechs:
            if m.id not in used_m:
                recs[next(turn)].mechanisms.append(m.id)


# --- writing YAML and Markdown (JSON strings are valid YAML scalars) ----------------------


def _yaml_value(key: str, value) -> str:
    if key in ("kind", "part_of"):
        return value
    if isinstance(value, list):  # ids are slugs, plain YAML scalars; other text is quoted
        return "[" + ", ".join(v if key != "aliases" else json.dumps(v) for v in value) + "]"
    return json.dumps(value)


def registry(title: str, entries: list[Entry], order: tuple[str, ...]) -> str:
    out = [f"# {title} of the generated benchmark corpus.\n"]
    for e in entries:
        values = {"name": e.name, "kind": e.kind, **e.fields}
        out.append(f"{e.id}:")
        for key in order:
            if values.get(key):
                out.append(f"  {key}: {_yaml_value(key, values[key])}")
        out.append("")
    return "\n".join(out)


def brief_text(b: BriefDraft) -> str:
    out = [
        "---",
        f"title: {json.dumps(b.title)}",
        f"date: {b.date.isoformat()}",
        f"authors: [{', '.join(b.authors)}]",
    ]
    if b.series:
        out.append(f"series: {b.series}")
    out += [
        "source:",
        f"  publisher: {json.dumps(b.publisher)}",
        f"  title: {json.dumps(b.source_title)}",
        f"  date: {b.date.isoformat()}",
        f"  url: https://example.org/commentary/{b.id}",
        f"summary: {json.dumps(b.summary)}",
        "recommendations:",
    ]
    for rec in b.recs:
        out += [
            f"  - id: {rec.id}",
            f"    title: {json.dumps(rec.title)}",
            f"    statement: {json.dumps(rec.statement)}",
            f"    addressed_to: [{', '.join(rec.addressed_to)}]",
        ]
        if rec.involves:
            out.append(f"    involves: [{', '.join(rec.involves)}]")
        out += [f"    mechanisms: [{', '.join(rec.mechanisms)}]", f"    horizon: {rec.horizon}"]
    out += ["---", "", b.body]
    return "\n".join(out)


def update_text(title: str, day: datetime.date, sources: list[dict], affects: list[dict], body: str) -> str:
    out = ["---", f"title: {json.dumps(title)}", f"date: {day.isoformat()}", "sources:"]
    for src in sources:
        out.append(f"  - title: {json.dumps(src['title'])}")
        out += [f"    {key}: {json.dumps(src[key])}" for key in ("publisher", "url")]
        out.append(f"    date: {src['date']}")
    out.append("affects:")
    for affect in affects:
        out.append(f"  - rec: {affect['rec']}")
        if "status" in affect:
            out.append(f"    status: {affect['status']}")
        if "for" in affect:
            out.append(f"    for: [{', '.join(affect['for'])}]")
        out.append(f"    note: {json.dumps(affect['note'])}")
    out += ["---", "", body, ""]
    return "\n".join(out)


def generate(n: int, outdir: Path, seed: int = DEFAULT_SEED, actors: int | None = None,
             unnamed: float = 0.0, updates: float = 0.0) -> dict[str, int]:
    """Write the project for N briefs (and `actors` actors, else 20 + 0.3 N) into outdir; returns a few counts."""
    if n < 1:
        raise ValueError("N must be at least 1")
    if actors is not None and actors < 3:
        raise ValueError("the corpus needs at least 3 actors")
    files = Generator(n, seed, actors, unnamed, updates).run()
    for rel in sorted(files):
        path = outdir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(files[rel], "utf-8")
    return {"briefs": n, "files": len(files), "bytes": sum(len(t.encode("utf-8")) for t in files.values())}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of briefs")
    parser.add_argument("outdir", type=Path, help="folder to write the MkDocs project into")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--actors", type=int, default=None, help="number of actors (default: 20 + 0.3 N)")
    parser.add_argument("--unnamed-addressees", type=float, default=0.0, metavar="SHARE",
                        help="share of addressees their recommendation's paragraph does not name, as in real "
                             "briefs (each gives `check` a hint); default 0")
    parser.add_argument("--updates", type=float, default=0.0, metavar="U",
                        help="updates per recommendation, about (briefs/updates/); default 0")
    args = parser.parse_args(argv)
    counts = generate(args.n, args.outdir, args.seed, args.actors, args.unnamed_addressees, args.updates)
    print(f"wrote {counts['files']} files ({counts['bytes']:,} bytes) for {args.n} briefs into {args.outdir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
