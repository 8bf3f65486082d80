"""Reading the sources folder into typed objects.

    briefs/
      actors.yml  mechanisms.yml  authors.yml  series.yml   registries: id -> fields
      <brief-id>.md                                         YAML front matter + annotated text
      updates/<update-id>.md                                the same, for a dated development

Each file is parsed with positions (`located_yaml`), checked against its JSON Schema
(`schema`) and turned into the dataclasses of `model`. Problems are collected, never raised;
an entry with a problem is still loaded as far as it can be, so that references to it
do not cause a second, misleading error. Cross-references are checked later (`validate`).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import located_yaml, schema
from .annotations import find_annotations, refuse_diagrams, refuse_site_classes
from .diagnostics import Diagnostic, Diagnostics, Pos, shown_path
from .heavy_markdown import refuse_heavy_markdown
from .kinds import REGISTRIES, UPDATES_FOLDER, Kind
from .load_updates import front_matter, load_updates
from .located_yaml import LocatedYaml, parse_yaml
from .model import (
    PAGE_META,
    RELATIONS,
    Actor,
    Author,
    Brief,
    Entity,
    Mechanism,
    Recommendation,
    Series,
    Source,
    Sources,
)
from .source_files import (
    ParsedOnce,
    date_field,
    inside,
    md_files,
    read_source,
    ref_at,
    refs_at,
    text_field,
    where_of,
)

RESERVED_IDS = frozenset({"index"})
"""Ids that would clash with the index page of a section."""


def load_sources(folder: Path, root: Path | None = None, image_hosts: frozenset[str] = frozenset(),
                 *, reuse: bool = False) -> tuple[Sources, Diagnostics]:
    """Read every source in `folder`; paths in messages are shown relative to `root`;
    images in briefs may come from `image_hosts` (the plugin's option), else only from the site.
    With `reuse`, a brief or an update whose text is the same as in the previous run with `reuse`
    is not parsed again (see PARSED_BRIEFS)."""
    diags = Diagnostics()
    sources = Sources()
    root = root or Path.cwd()
    if not folder.is_dir():
        diags.error(Pos(shown_path(folder, root)),
                    "the sources folder does not exist: create it or set the plugin's 'sources' option")
        return sources, diags
    for kind in REGISTRIES:
        load_registry(sources, kind, folder / kind.registry_file, root, diags, reuse=reuse)
    before = len(diags.errors)
    files = md_files(folder, root, diags)
    if len(diags.errors) > before:  # a brief that is not read: what it refers to is unknown
        sources.unreadable.add("briefs")
    shown_folder = shown_path(folder / "_", root)[:-1]  # as shown_path shows each file: this, then its name
    for path in files:
        text = read_source(path, root, diags)
        if text is None:
            brief = None
        elif reuse:
            brief = PARSED_BRIEFS.get(path.stem, text, shown_folder + path.name, diags, image_hosts)
        else:
            brief = load_brief(path.stem, text, shown_folder + path.name, diags, image_hosts)
        if brief is None:
            sources.unreadable.add("briefs")
        else:
            sources.briefs[brief.id] = brief
    if reuse:
        PARSED_BRIEFS.end_run()
    if (folder / UPDATES_FOLDER).is_dir():
        load_updates(sources, folder / UPDATES_FOLDER, root, diags, image_hosts, reuse=reuse)
    return sources, diags


PARSED_BRIEFS: ParsedOnce[Brief] = ParsedOnce(lambda *args: load_brief(*args))
"""The briefs of the last run with `reuse`: `mkdocs serve` loads the sources again after every
save, and a brief whose text did not change is not parsed again (ParsedOnce)."""


_PARSED_REGISTRIES: dict[str, tuple[tuple, tuple[dict[str, Any] | None, list[Diagnostic]]]] = {}
"""Each registry at the last run with `reuse`, by kind: (path shown, text, YAML parser) and what was read
(its entries, or None when they could not be read, and the diagnostics), as PARSED_BRIEFS keeps the briefs."""


def load_registry(sources: Sources, kind: Kind, path: Path, root: Path, diags: Diagnostics, *,
                  reuse: bool = False) -> None:
    """Read a registry file into `sources`. With `reuse`, a registry whose text is the same as in the
    previous run with `reuse` is not parsed again (_PARSED_REGISTRIES)."""
    name = kind.source
    if path.is_symlink() and not inside(path, path.parent):
        diags.error(Pos(shown_path(path, root)), "this file is a link to a file outside the sources folder: "
                                             "replace the link with the file itself")
        sources.unreadable.add(name)
        return
    text = read_source(path, root, diags)
    if text is None:
        if path.is_file():
            sources.unreadable.add(name)
        return
    key = (shown_path(path, root), text, located_yaml._Loader)
    last = _PARSED_REGISTRIES.get(kind.key) if reuse else None
    found = last[1] if last is not None and last[0] == key else None
    if found is None:
        before = len(diags.items)
        found = (_registry(kind, text, key[0], diags), diags.items[before:])
        if reuse:
            _PARSED_REGISTRIES[kind.key] = (key, found)
    else:
        diags.items.extend(found[1])
    if found[0] is None:
        sources.unreadable.add(name)
    else:
        sources.table(kind.key).update(found[0])


def _registry(kind: Kind, text: str, shown: str, diags: Diagnostics) -> dict[str, Any] | None:
    """A registry's entries by id, or None when its entries cannot be read."""
    doc = parse_yaml(text, shown, diags)
    if doc is None:
        return None
    schema.check(doc, kind.source, diags)
    if isinstance(doc.data, dict):
        return {id_: _BUILDERS[kind.key](doc, id_, fields if isinstance(fields, dict) else {})
                for id_, fields in doc.data.items()}
    return None if doc.data is not None else {}


def _actor(doc: LocatedYaml, id_: str, f: dict[str, Any]) -> Actor:
    aliases = f.get("aliases")
    return Actor(
        id=id_, name=text_field(f, "name") or id_, kind=text_field(f, "kind") or "", pos=doc.key_at((id_,)),
        short=text_field(f, "short"), description=text_field(f, "description"),
        aliases=[a for a in aliases if isinstance(a, str)] if isinstance(aliases, list) else [],
        members=refs_at(doc, (id_,), f, "members"), where=where_of(doc, (id_,), f),
    )


def _mechanism(doc: LocatedYaml, id_: str, f: dict[str, Any]) -> Mechanism:
    return Mechanism(
        id=id_, name=text_field(f, "name") or id_, kind=text_field(f, "kind") or "", pos=doc.key_at((id_,)),
        description=text_field(f, "description"), part_of=ref_at(doc, (id_, "part_of"), f.get("part_of")),
        related=refs_at(doc, (id_,), f, "related"), where=where_of(doc, (id_,), f),
    )


def _author(doc: LocatedYaml, id_: str, f: dict[str, Any]) -> Author:
    return Author(
        id=id_, name=text_field(f, "name") or id_, pos=doc.key_at((id_,)), affiliation=text_field(f, "affiliation"),
        bio=text_field(f, "bio"), url=text_field(f, "url"), where=where_of(doc, (id_,), f),
    )


def _series(doc: LocatedYaml, id_: str, f: dict[str, Any]) -> Series:
    return Series(
        id=id_, name=text_field(f, "name") or id_, pos=doc.key_at((id_,)), publisher=text_field(f, "publisher"),
        url=text_field(f, "url"), description=text_field(f, "description"), where=where_of(doc, (id_,), f),
    )


_BUILDERS: dict[str, Callable[[LocatedYaml, str, dict[str, Any]], Entity]] = {
    "actor": _actor, "mechanism": _mechanism, "author": _author, "series": _series,
}
"""The entity each registry's entries become, by kind."""


def load_brief(id_: str, text: str, shown: str, diags: Diagnostics,
                image_hosts: frozenset[str] = frozenset()) -> Brief | None:
    read = front_matter(text, shown, diags, "brief", "a brief")
    if read is None:
        return None
    doc, f, body, body_line = read
    source: dict[str, Any] | None = f["source"] if isinstance(f.get("source"), dict) else None
    recs: list[Any] = f["recommendations"] if isinstance(f.get("recommendations"), list) else []
    refuse_diagrams(body, shown, body_line, diags)
    refuse_site_classes(body, shown, body_line, diags)
    refuse_heavy_markdown(body, shown, body_line, diags)
    _check_dates_agree(doc, f, source, diags)
    return Brief(
        id=id_,
        title=text_field(f, "title") or id_,
        short_title=text_field(f, "short_title"),
        date=date_field(f.get("date")),
        authors=refs_at(doc, (), f, "authors"),
        series=ref_at(doc, ("series",), f.get("series")),
        source=None if source is None else Source(
            publisher=text_field(source, "publisher") or "", title=text_field(source, "title") or "",
            date=date_field(source.get("date")), url=text_field(source, "url") or "",
            relation=source["relation"] if source.get("relation") in RELATIONS else "restates",
            restated=date_field(source["restated"]) if "restated" in source else None,
            where=where_of(doc, ("source",), source),
        ),
        summary=text_field(f, "summary") or "",
        recommendations=[
            _recommendation(doc, id_, i, r) for i, r in enumerate(recs)
            if isinstance(r, dict) and isinstance(r.get("id"), str)
        ],
        body=body,
        pos=Pos(shown, 1, 1),
        body_line=body_line,
        annotations=find_annotations(body, shown, body_line, diags, image_hosts),
        where=where_of(doc, (), f),
        draft=f.get("draft") is True,
        page_meta={key: f[key] for key in PAGE_META if key in f},
    )


def _check_dates_agree(doc: LocatedYaml, f: dict[str, Any], source: dict[str, Any] | None, diags: Diagnostics) -> None:
    """A brief that restates or summarises a source is dated as its source: the two dates must agree
    (the site's own date of publication is `source.restated`)."""
    if source is None:
        return
    date, original = date_field(f.get("date")), date_field(source.get("date"))
    if date != original and datetime.date.min not in (date, original):
        where = doc.at(("source", "date"))
        diags.error(doc.at(("date",)),
                    f"date {date.isoformat()} is not the date of the source it restates, source.date "
                    f"{original.isoformat()} (line {where.line}): a restated brief is dated as its original; "
                    "make the two dates the same, and give the date the site published it as source.restated")


def _recommendation(doc: LocatedYaml, brief_id: str, i: int, f: dict[str, Any]) -> Recommendation:
    path = ("recommendations", i)
    return Recommendation(
        id=f["id"], brief_id=brief_id, title=text_field(f, "title") or f["id"],
        statement=text_field(f, "statement") or "",
        addressed_to=refs_at(doc, path, f, "addressed_to"), horizon=text_field(f, "horizon") or "unspecified",
        pos=doc.at(path), involves=refs_at(doc, path, f, "involves"), mechanisms=refs_at(doc, path, f, "mechanisms"),
        where=where_of(doc, path, f),
    )


