"""Skeletons for `mkdocs-briefs new`: a brief or a registry entry, every field explained.

The explanations are the schemas' own descriptions, so the skeleton and the validator
never disagree; the comments point to the published guide, which a new site does not
hold. A skeleton refuses to overwrite a file or to reuse an id.
"""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path

from . import placeholders as P
from .kinds import KINDS, UPDATES_FOLDER
from .schema import schema_text
from .statuses import DEFAULT_SCALE

_SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")  # fullmatch: "$" would accept a final newline
MAX_ID_LENGTH = 80
DOCS_URL = "https://mkdocs-briefs.github.io/mkdocs-briefs/"
"""The published documentation, where the skeletons' comments send editors."""
GUIDE = f"{DOCS_URL}authoring/"


class ScaffoldError(Exception):
    """The skeleton cannot be written; the message says why and what to do."""


def _descriptions(name: str, *path: str) -> dict[str, str]:
    schema = json.loads(schema_text(name))
    node = schema.get("additionalProperties", schema) if name not in ("brief", "update") else schema
    for key in path:
        node = node["properties"][key] if key != "[]" else node["items"]
    return {field: spec.get("description", "") for field, spec in node.get("properties", {}).items()}


def _enum(name: str, field: str) -> list[str]:
    return json.loads(schema_text(name))["additionalProperties"]["properties"][field]["enum"]


def _first_id(folder: Path, registry: str, fallback: str) -> str:
    path = folder / f"{registry}.yml"
    if path.is_file():
        for line in path.read_text("utf-8", errors="replace").splitlines():
            match = re.match(r"^([a-z0-9][a-z0-9-]*):\s*$", line)
            if match:
                return match.group(1)
    return fallback


def _registry_ids(path: Path) -> set[str]:
    if not path.is_file():
        return set()
    return {m.group(1) for m in re.finditer(r"^([^\s#][^:]*):", _text_of(path), re.MULTILINE)}


def _check_id(kind: str, id_: str) -> None:
    shown = id_ if len(id_) <= MAX_ID_LENGTH else id_[:MAX_ID_LENGTH] + "…"
    if not _SLUG.fullmatch(id_):
        raise ScaffoldError(f"{shown!r} is not a valid {kind} id: use lowercase letters a-z, digits and single "
                            "hyphens, like 'opcon-transition'")
    if len(id_) > MAX_ID_LENGTH:
        raise ScaffoldError(f"the {kind} id {shown!r} is {len(id_):,} characters long: ids are at most "
                            f"{MAX_ID_LENGTH} characters, shorten it")
    if id_ == "index":
        raise ScaffoldError(f"'index' cannot be a {kind} id: it is the name of a section's index page")


def new_brief(folder: Path, id_: str, today: datetime.date) -> Path:
    _check_id("brief", id_)
    path = folder / f"{id_}.md"
    if path.exists():
        raise ScaffoldError(f"{path} already exists: choose another id, or edit that file")
    d = _descriptions("brief")
    src = _descriptions("brief", "source")
    rec = _descriptions("brief", "recommendations", "[]")
    author = _first_id(folder, "authors", "an-author-id")
    actor = _first_id(folder, "actors", "an-actor-id")
    rec_id = f"{id_}-first"
    text = f"""---
# A new brief. Every field is explained in the comment beside it; the authoring guide
# has the details: {GUIDE}#a-brief
# Check your work with: mkdocs-briefs check
title: {P.BRIEF_TITLE}  # {d['title']}
date: {today.isoformat()}  # {d['date']}
authors: [{author}]  # {d['authors']}
# series: a-series-id  # (optional) {d['series']}
source:  # {d['source']}
  publisher: {P.ORIGINAL_PUBLISHER}  # {src['publisher']}
  title: {P.ORIGINAL_TITLE}  # {src['title']}
  date: {today.isoformat()}  # {src['date']}
  url: https://example.org/the-original  # {src['url']}
  relation: restates  # (optional) {src['relation']}
  # restated: {today.isoformat()}  # (optional) {src['restated']}
summary: {P.BRIEF_SUMMARY}  # {d['summary']}
recommendations:  # {d['recommendations']}
  - id: {rec_id}  # {rec['id']}
    title: {P.REC_TITLE}  # {rec['title']}
    statement: {P.REC_STATEMENT}  # {rec['statement']}
    addressed_to: [{actor}]  # {rec['addressed_to']}
    involves: []  # (optional) {rec['involves']}
    mechanisms: []  # (optional) {rec['mechanisms']}
    horizon: unspecified  # {rec['horizon']} One of: near-term, long-term, unspecified.
---

## First section

Write the brief in your own words. Link each actor or mechanism where the text names it,
like [this actor](actor:{actor}), and mark the words that make each recommendation, like
[do the first thing](rec:{rec_id}): that paragraph is quoted on the recommendation's page.
"""
    _make_folder(folder)
    _write(path, text)
    return path


def new_registry_entry(folder: Path, kind: str, id_: str) -> Path:
    """Append an actor, mechanism, author or series with every field to its registry file."""
    registry = KINDS[kind].source
    _check_id(kind, id_)
    path = folder / f"{registry}.yml"
    if id_ in _registry_ids(path):
        raise ScaffoldError(f"{kind} '{id_}' already exists in {path}: choose another id, or edit that entry")
    entry = _ENTRIES[kind](id_, _descriptions(registry), registry)
    existing = _text_of(path) if path.is_file() else (
        f"# {registry.capitalize()} referred to by the briefs. The fields are explained at\n# {GUIDE}#registries\n")
    if existing and not existing.endswith("\n"):
        existing += "\n"
    _make_folder(folder)
    _write(path, existing + entry)
    return path


def _actor(id_: str, d: dict[str, str], registry: str) -> str:
    kinds = _enum(registry, "kind")
    return f"""
{id_}:
  name: {P.ACTOR_NAME}  # {d['name']}
  # short: Short name  # (optional) {d['short']}
  kind: {kinds[0]}  # {d['kind']} One of: {', '.join(kinds)}.
  description: {P.DESCRIPTION}  # {d['description']}
  aliases: []  # (optional) {d['aliases']}
  members: []  # (optional) {d['members']}
"""


def _mechanism(id_: str, d: dict[str, str], registry: str) -> str:
    kinds = _enum(registry, "kind")
    return f"""
{id_}:
  name: {P.MECHANISM_NAME}  # {d['name']}
  kind: {kinds[0]}  # {d['kind']} One of: {', '.join(kinds)}.
  description: {P.DESCRIPTION}  # {d['description']}
  # part_of: a-mechanism-id  # (optional) {d['part_of']}
  related: []  # (optional) {d['related']}
"""


def _author(id_: str, d: dict[str, str], registry: str) -> str:
    return f"""
{id_}:
  name: {P.AUTHOR_NAME}  # {d['name']}
  # affiliation: Position, Institution  # (optional) {d['affiliation']}
  # bio: One or two sentences.  # (optional) {d['bio']}
  # url: https://example.org/about-the-author  # (optional) {d['url']}
"""


def _series(id_: str, d: dict[str, str], registry: str) -> str:
    return f"""
{id_}:
  name: {P.SERIES_NAME}  # {d['name']}
  # publisher: Who published it  # (optional) {d['publisher']}
  # url: https://example.org/the-series  # (optional) {d['url']}
  # description: What the series is about.  # (optional) {d['description']}
"""


_ENTRIES = {"actor": _actor, "mechanism": _mechanism, "author": _author, "series": _series}
REGISTRY_KINDS = tuple(_ENTRIES)
"""The kinds `mkdocs-briefs new` appends to a registry."""


def write_new(path: Path, text: str) -> Path:
    """Write a file that does not exist yet, making its folder."""
    _make_folder(path.parent)
    _write(path, text)
    return path


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ScaffoldError(f"cannot make the folder {folder}: {exc.strerror or exc}") from None


def _text_of(path: Path) -> str:
    """A registry's text, appended to as it is: bytes that are not UTF-8 are kept (surrogateescape), for
    `check` to point at, never a traceback here."""
    return path.read_text("utf-8", errors="surrogateescape")


def _first_rec(folder: Path) -> str:
    """The id of the first recommendation of the first brief (by file name), for the skeleton to name."""
    for path in sorted(folder.glob("*.md")):
        match = re.search(r"^\s*- id:\s*([a-z0-9][a-z0-9-]*)\s*$", path.read_text("utf-8", errors="replace"),
                          re.MULTILINE)
        if match:
            return match.group(1)
    return "a-recommendation-id"


def new_update(folder: Path, id_: str, today: datetime.date) -> Path:
    """An update's skeleton in `<folder>/updates/<id>.md`, every field explained."""
    _check_id("update", id_)
    updates = folder / UPDATES_FOLDER
    taken = next((p for p in sorted(updates.rglob(f"{id_}.md"))), None) if updates.is_dir() else None
    if taken is not None:
        raise ScaffoldError(f"{taken} already exists: choose another id, or edit that file")
    path = updates / f"{id_}.md"
    d = _descriptions("update")
    src = _descriptions("update", "sources", "[]")
    aff = _descriptions("update", "affects", "[]")
    levels = ", ".join(level.id for level in DEFAULT_SCALE)
    text = f"""---
# A new update: a dated development and what it means for some recommendations. Every field
# is explained in the comment beside it; the authoring guide has the details:
# {GUIDE}#updating-the-status-of-a-recommendation
# Check your work with: mkdocs-briefs check
title: {P.UPDATE_TITLE}  # {d['title']}
date: {today.isoformat()}  # {d['date']}
sources:  # {d['sources']}
  - title: {P.REPORT_TITLE}  # {src['title']}
    publisher: {P.REPORT_PUBLISHER}  # {src['publisher']}
    url: https://example.org/the-report  # {src['url']}
    date: {today.isoformat()}  # {src['date']}
affects:  # {d['affects']}
  - rec: {_first_rec(folder)}  # {aff['rec']}
    status: under-way  # {aff['status'].split(' (')[0]}. One of: {levels}.
    # for: [an-actor-id]  # (optional) {aff['for']}
    note: {P.UPDATE_NOTE}  # {aff['note']}
---

What happened, in your own words, with the facts the sources give and nothing more. Link
the actors and recommendations it names, like [this recommendation](rec:{_first_rec(folder)}).
"""
    _make_folder(updates)
    _write(path, text)
    return path


def _write(path: Path, text: str) -> None:
    try:
        path.write_text(text, "utf-8", errors="surrogateescape")
    except OSError as exc:
        raise ScaffoldError(f"cannot write {path}: {exc.strerror or exc}") from None
