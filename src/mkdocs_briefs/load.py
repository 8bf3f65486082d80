"""Reading the sources folder into typed objects.

    briefs/
      actors.yml  mechanisms.yml  authors.yml  series.yml   registries: id -> fields
      <brief-id>.md                                         YAML front matter + annotated text

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
from .annotations import find_annotations, refuse_diagrams
from .diagnostics import Diagnostic, Diagnostics, Pos
from .kinds import REGISTRIES, Kind
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
    Ref,
    Series,
    Source,
    Sources,
)

MAX_FILE_BYTES = 1_000_000
"""Largest source file accepted (1 MB); a larger one is refused with an error."""

RESERVED_IDS = frozenset({"index"})
"""Ids that would clash with the index page of a section."""


def load_sources(folder: Path, root: Path | None = None, image_hosts: frozenset[str] = frozenset(),
                 *, reuse: bool = False) -> tuple[Sources, Diagnostics]:
    """Read every source in `folder`; paths in messages are shown relative to `root`;
    images in briefs may come from `image_hosts` (the plugin's option), else only from the site.
    With `reuse`, a brief whose text is the same as in the previous run with `reuse` is not
    parsed again (see _PARSED_BRIEFS)."""
    diags = Diagnostics()
    sources = Sources()
    root = root or Path.cwd()
    if not folder.is_dir():
        diags.error(Pos(_shown(folder, root)),
                    "the sources folder does not exist: create it or set the plugin's 'sources' option")
        return sources, diags
    for kind in REGISTRIES:
        _load_registry(sources, kind, folder / kind.registry_file, root, diags)
    before = len(diags.errors)
    files = _brief_files(folder, root, diags)
    if len(diags.errors) > before:  # a brief that is not read: what it refers to is unknown
        sources.unreadable.add("briefs")
    kept: dict[tuple, tuple[Brief | None, list[Diagnostic]]] = {}
    for path in files:
        text = _read(path, root, diags)
        if text is None:
            brief = None
        elif reuse:
            brief = _cached_brief(path.stem, text, _shown(path, root), diags, image_hosts, kept)
        else:
            brief = _load_brief(path.stem, text, _shown(path, root), diags, image_hosts)
        if brief is None:
            sources.unreadable.add("briefs")
        else:
            sources.briefs[brief.id] = brief
    if reuse:
        _PARSED_BRIEFS.clear()  # what this run did not read (a deleted or changed file) is forgotten
        _PARSED_BRIEFS.update(kept)
    return sources, diags


_PARSED_BRIEFS: dict[tuple, tuple[Brief | None, list[Diagnostic]]] = {}
"""The briefs of the last run, by (id, path shown, text, image hosts, YAML parser): `mkdocs serve` loads the
sources again after every save, and a brief whose text did not change is not parsed again.
Keyed by the text itself, not the file's modification time, so an edit is never missed; the
entities are never changed after loading, so sharing them between runs is safe."""


def _cached_brief(id_: str, text: str, shown: str, diags: Diagnostics, image_hosts: frozenset[str],
                  kept: dict[tuple, tuple[Brief | None, list[Diagnostic]]]) -> Brief | None:
    key = (id_, shown, text, image_hosts, located_yaml._Loader)  # tests and benchmarks swap the YAML parser
    found = _PARSED_BRIEFS.get(key) or kept.get(key)
    if found is None:
        before = len(diags.items)
        brief = _load_brief(id_, text, shown, diags, image_hosts)
        found = (brief, diags.items[before:])
    else:
        diags.items.extend(found[1])
    kept[key] = found
    return found[0]


def _load_registry(sources: Sources, kind: Kind, path: Path, root: Path, diags: Diagnostics) -> None:
    name = kind.source
    if path.is_symlink() and not _inside(path, path.parent):
        diags.error(Pos(_shown(path, root)), "this file is a link to a file outside the sources folder: "
                                             "replace the link with the file itself")
        sources.unreadable.add(name)
        return
    text = _read(path, root, diags)
    if text is None:
        if path.is_file():
            sources.unreadable.add(name)
        return
    doc = parse_yaml(text, _shown(path, root), diags)
    if doc is None:
        sources.unreadable.add(name)
        return
    schema.check(doc, name, diags)
    if isinstance(doc.data, dict):
        for id_, fields in doc.data.items():
            sources.table(kind.key)[id_] = _BUILDERS[kind.key](doc, id_, fields if isinstance(fields, dict) else {})
    elif doc.data is not None:
        sources.unreadable.add(name)


def _inside(path: Path, folder: Path) -> bool:
    """Whether `path`, with its links followed, lies in `folder`."""
    return path.resolve().is_relative_to(folder.resolve())


def _brief_files(folder: Path, root: Path, diags: Diagnostics) -> list[Path]:
    """The brief files of the sources folder, by name. What only looks like one (an editor's
    dangling lock file `.#x.md`, a folder named `x.md`, `x.MD`) is skipped with a warning; a
    link to a file outside the folder is an error."""
    found = []
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() != ".md":
            continue
        shown = Pos(_shown(path, root))
        if path.suffix != ".md":
            diags.warning(shown, f"'{path.name}' is not read as a brief: brief files end in '.md' (lowercase); "
                                 "rename it")
        elif path.is_symlink() and not path.exists():
            diags.warning(shown, "this link leads nowhere (an editor's lock file?), so it is not read: delete it")
        elif path.is_dir():
            diags.warning(shown, "this is a folder, not a brief, so it is not read: rename it")
        elif path.is_symlink() and not _inside(path, folder):
            diags.error(shown, "this brief is a link to a file outside the sources folder: "
                               "replace the link with the file itself")
        else:
            found.append(path)
    return found


def _shown(path: Path, root: Path) -> str:
    """The path as messages show it: relative to `root`, a link named as the link, not its target."""
    try:
        return (path.parent.resolve() / path.name).relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _read(path: Path, root: Path, diags: Diagnostics) -> str | None:
    if not path.is_file():
        return None
    shown = _shown(path, root)
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        diags.error(Pos(shown), f"file is {size:,} bytes, over the limit of {MAX_FILE_BYTES:,}: split it")
        return None
    data = path.read_bytes()
    try:
        return data.decode("utf-8").removeprefix("\ufeff").replace("\r\n", "\n")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        diags.error(Pos(shown, line, col), "file is not valid UTF-8 text: save it with UTF-8 encoding")
        return None


# Lenient readers: the schema has already reported what is wrong; take what is usable.


def _str(fields: dict[str, Any], key: str) -> str | None:
    value = fields.get(key)
    return value if isinstance(value, str) else None


def _date(value: Any) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        return datetime.date.min


def _ref(doc: LocatedYaml, path: tuple, value: Any) -> Ref | None:
    return Ref(value, doc.at(path)) if isinstance(value, str) else None


def _refs(doc: LocatedYaml, path: tuple, fields: dict[str, Any], key: str) -> list[Ref]:
    values = fields.get(key)
    if not isinstance(values, list):
        return []
    refs = (_ref(doc, path + (key, i), v) for i, v in enumerate(values))
    return [r for r in refs if r is not None]


def _where(doc: LocatedYaml, path: tuple, fields: dict[str, Any]) -> dict[str, Pos]:
    return {key: doc.at(path + (key,)) for key in fields}


def _actor(doc: LocatedYaml, id_: str, f: dict[str, Any]) -> Actor:
    aliases = f.get("aliases")
    return Actor(
        id=id_, name=_str(f, "name") or id_, kind=_str(f, "kind") or "", pos=doc.key_at((id_,)),
        short=_str(f, "short"), description=_str(f, "description"),
        aliases=[a for a in aliases if isinstance(a, str)] if isinstance(aliases, list) else [],
        members=_refs(doc, (id_,), f, "members"), where=_where(doc, (id_,), f),
    )


def _mechanism(doc: LocatedYaml, id_: str, f: dict[str, Any]) -> Mechanism:
    return Mechanism(
        id=id_, name=_str(f, "name") or id_, kind=_str(f, "kind") or "", pos=doc.key_at((id_,)),
        description=_str(f, "description"), part_of=_ref(doc, (id_, "part_of"), f.get("part_of")),
        related=_refs(doc, (id_,), f, "related"), where=_where(doc, (id_,), f),
    )


def _author(doc: LocatedYaml, id_: str, f: dict[str, Any]) -> Author:
    return Author(
        id=id_, name=_str(f, "name") or id_, pos=doc.key_at((id_,)), affiliation=_str(f, "affiliation"),
        bio=_str(f, "bio"), url=_str(f, "url"), where=_where(doc, (id_,), f),
    )


def _series(doc: LocatedYaml, id_: str, f: dict[str, Any]) -> Series:
    return Series(
        id=id_, name=_str(f, "name") or id_, pos=doc.key_at((id_,)), publisher=_str(f, "publisher"),
        url=_str(f, "url"), description=_str(f, "description"), where=_where(doc, (id_,), f),
    )


_BUILDERS: dict[str, Callable[[LocatedYaml, str, dict[str, Any]], Entity]] = {
    "actor": _actor, "mechanism": _mechanism, "author": _author, "series": _series,
}
"""The entity each registry's entries become, by kind."""


def _split_front_matter(text: str, shown: str, diags: Diagnostics) -> tuple[str, str, int] | None:
    """(front matter, body, 1-based line of the body's first line) or None after an error."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        diags.error(
            Pos(shown),
            "a brief must start with YAML front matter: a line '---', the fields, then another '---'",
        )
        return None
    for i, line in enumerate(lines[1:], start=1):
        if line.rstrip() in ("---", "..."):
            return "\n".join(lines[1:i]), "\n".join(lines[i + 1 :]), i + 2
    diags.error(Pos(shown), "the front matter is never closed: add a line '---' after its last field")
    return None


def _load_brief(id_: str, text: str, shown: str, diags: Diagnostics,
                image_hosts: frozenset[str] = frozenset()) -> Brief | None:
    split = _split_front_matter(text, shown, diags)
    if split is None:
        return None
    front, body, body_line = split
    doc = parse_yaml(front, shown, diags, line_offset=1)
    if doc is None:
        return None
    schema.check(doc, "brief", diags)
    if not isinstance(doc.data, dict):
        return None
    f = doc.data
    source: dict[str, Any] | None = f["source"] if isinstance(f.get("source"), dict) else None
    recs: list[Any] = f["recommendations"] if isinstance(f.get("recommendations"), list) else []
    refuse_diagrams(body, shown, body_line, diags)
    return Brief(
        id=id_,
        title=_str(f, "title") or id_,
        date=_date(f.get("date")),
        authors=_refs(doc, (), f, "authors"),
        series=_ref(doc, ("series",), f.get("series")),
        source=None if source is None else Source(
            publisher=_str(source, "publisher") or "", title=_str(source, "title") or "",
            date=_date(source.get("date")), url=_str(source, "url") or "",
            relation=source["relation"] if source.get("relation") in RELATIONS else "restates",
            restated=_date(source["restated"]) if "restated" in source else None,
        ),
        summary=_str(f, "summary") or "",
        recommendations=[
            _recommendation(doc, id_, i, r) for i, r in enumerate(recs)
            if isinstance(r, dict) and isinstance(r.get("id"), str)
        ],
        body=body,
        pos=Pos(shown, 1, 1),
        body_line=body_line,
        annotations=find_annotations(body, shown, body_line, diags, image_hosts),
        where=_where(doc, (), f),
        draft=f.get("draft") is True,
        page_meta={key: f[key] for key in PAGE_META if key in f},
    )


def _recommendation(doc: LocatedYaml, brief_id: str, i: int, f: dict[str, Any]) -> Recommendation:
    path = ("recommendations", i)
    return Recommendation(
        id=f["id"], brief_id=brief_id, title=_str(f, "title") or f["id"], statement=_str(f, "statement") or "",
        addressed_to=_refs(doc, path, f, "addressed_to"), horizon=_str(f, "horizon") or "unspecified",
        pos=doc.at(path), involves=_refs(doc, path, f, "involves"), mechanisms=_refs(doc, path, f, "mechanisms"),
        where=_where(doc, path, f),
    )
