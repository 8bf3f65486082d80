"""Reading the updates: `briefs/updates/<id>.md` and its subfolders, each YAML front matter
(checked against `schemas/update.schema.json`) and annotated text, into `model.Update`.

An update's id is its file name, unique across the folder and its subfolders (an editor may
file updates by year). Like the other loaders, it never raises.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from . import schema
from .annotations import find_annotations, refuse_diagrams, refuse_site_classes
from .diagnostics import Diagnostics, Pos, shown_path
from .heavy_markdown import refuse_heavy_markdown
from .located_yaml import LocatedYaml, parse_yaml
from .model import Affect, Ref, Source, Sources, Update
from .source_files import (
    ParsedOnce,
    date_field,
    inside,
    md_files,
    read_source,
    refs_at,
    split_front_matter,
    text_field,
    where_of,
)


def load_updates(sources: Sources, folder: Path, root: Path, diags: Diagnostics,
                  image_hosts: frozenset[str], *, reuse: bool = False) -> None:
    """The updates of `folder` and of its subfolders (an editor may file them by year). With `reuse`,
    an update whose text is the same as in the previous run with `reuse` is not parsed again (PARSED_UPDATES)."""
    before = len(diags.errors)
    files = [path for sub in _update_folders(folder, root, diags) for path in md_files(sub, root, diags, "an update")]
    if len(diags.errors) > before:
        sources.unreadable.add("updates")
    shown_folders: dict[Path, str] = {}  # as shown_path shows each file: its folder (resolved once), then its name
    for path in files:
        text = read_source(path, root, diags)
        if path.parent not in shown_folders:
            shown_folders[path.parent] = shown_path(path.parent / "_", root)[:-1]
        shown = shown_folders[path.parent] + path.name
        if text is None:
            update = None
        elif reuse:
            update = PARSED_UPDATES.get(path.stem, text, shown, diags, image_hosts)
        else:
            update = _load_update(path.stem, text, shown, diags, image_hosts)
        if update is None:
            sources.unreadable.add("updates")
        elif update.id in sources.updates:
            diags.error(update.pos, f"duplicate update id '{update.id}', already used by "
                                    f"{sources.updates[update.id].pos.path}: update ids (file names) must be unique "
                                    "across the updates folder and its subfolders, rename one")
        else:
            sources.updates[update.id] = update
    if reuse:
        PARSED_UPDATES.end_run()


PARSED_UPDATES: ParsedOnce[Update] = ParsedOnce(lambda *args: _load_update(*args))
"""The updates of the last run with `reuse`, as load.PARSED_BRIEFS keeps the briefs."""



def front_matter(text: str, shown: str, diags: Diagnostics, kind: str,
                 what: str) -> tuple[LocatedYaml, dict[str, Any], str, int] | None:
    """A Markdown source's front matter checked against `kind`'s schema: (the located YAML, its
    fields, the body, the body's first line), or None when there are no fields to read."""
    split = split_front_matter(text, shown, diags, what)
    if split is None:
        return None
    front, body, body_line = split
    doc = parse_yaml(front, shown, diags, line_offset=1)
    if doc is None:
        return None
    schema.check(doc, kind, diags)
    if not isinstance(doc.data, dict):
        return None
    return doc, doc.data, body, body_line


def _update_folders(folder: Path, root: Path, diags: Diagnostics) -> list[Path]:
    """The updates folder and its subfolders (an editor may file updates by year), but for links elsewhere."""
    if not _not_elsewhere(folder, folder.parent, root, diags):
        return []
    subfolders = sorted(p for p in folder.iterdir() if p.is_dir() and p.suffix.lower() != ".md")
    return [folder, *(sub for sub in subfolders if _not_elsewhere(sub, folder.parent, root, diags))]


def _not_elsewhere(folder: Path, sources: Path, root: Path, diags: Diagnostics) -> bool:
    """Whether a folder of updates may be read: not a link to a folder outside the sources folder, whose
    files a build would publish (an error, as such a link to a file is)."""
    if folder.is_symlink() and not inside(folder, sources):
        diags.error(Pos(shown_path(folder, root)), "this folder is a link to a folder outside the sources folder: "
                                                   "replace the link with the folder itself")
        return False
    return True


def _load_update(id_: str, text: str, shown: str, diags: Diagnostics,
                 image_hosts: frozenset[str] = frozenset()) -> Update | None:
    read = front_matter(text, shown, diags, "update", "an update")
    if read is None:
        return None
    doc, f, body, body_line = read
    cited: list[Any] = f["sources"] if isinstance(f.get("sources"), list) else []
    affects: list[Any] = f["affects"] if isinstance(f.get("affects"), list) else []
    refuse_diagrams(body, shown, body_line, diags, "an update")
    refuse_site_classes(body, shown, body_line, diags, "an update")
    refuse_heavy_markdown(body, shown, body_line, diags)
    return Update(
        id=id_, title=text_field(f, "title") or id_, date=date_field(f.get("date")),
        sources=[Source(publisher=text_field(s, "publisher") or "", title=text_field(s, "title") or "",
                        date=date_field(s.get("date")), url=text_field(s, "url") or "",
                        where=where_of(doc, ("sources", i), s))
                 for i, s in enumerate(cited) if isinstance(s, dict)],
        affects=[_affect(doc, i, a) for i, a in enumerate(affects)
                 if isinstance(a, dict) and isinstance(a.get("rec"), str)],
        body=body, pos=Pos(shown, 1, 1), body_line=body_line,
        annotations=find_annotations(body, shown, body_line, diags, image_hosts, "an update"),
        where=where_of(doc, (), f),
    )


def _affect(doc: LocatedYaml, i: int, f: dict[str, Any]) -> Affect:
    path = ("affects", i)
    return Affect(
        rec=Ref(f["rec"], doc.at(path + ("rec",))), pos=doc.at(path), status=text_field(f, "status"),
        for_=refs_at(doc, path, f, "for"), note=text_field(f, "note"), where=where_of(doc, path, f),
    )
