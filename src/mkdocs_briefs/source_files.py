"""Reading source files: which files are sources, their text, their front matter, and the
lenient readers that take what is usable from a mapping the schema has already checked.

Shared by the loaders of the briefs and registries (`load`) and of the updates
(`load_updates`). Problems become diagnostics, never exceptions.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path
from typing import Any, Generic, TypeVar

from . import located_yaml
from .diagnostics import Diagnostic, Diagnostics, Pos, shown_path
from .located_yaml import LocatedYaml
from .model import Ref

T = TypeVar("T")

MAX_FILE_BYTES = 1_000_000
"""Largest source file accepted (1 MB); a larger one is refused with an error."""


def inside(path: Path, folder: Path) -> bool:
    """Whether `path`, with its links followed, lies in `folder`."""
    return path.resolve().is_relative_to(folder.resolve())


def md_files(folder: Path, root: Path, diags: Diagnostics, what: str = "a brief") -> list[Path]:
    """The brief files of the sources folder, by name. What only looks like one (an editor's
    dangling lock file `.#x.md`, a folder named `x.md`, `x.MD`) is skipped with a warning; a
    link to a file outside the folder is an error."""
    found = []
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() != ".md":
            continue
        if path.suffix == ".md" and not path.is_symlink() and path.is_file():  # the usual case, with fewer questions
            found.append(path)
            continue
        shown = Pos(shown_path(path, root))
        if path.suffix != ".md":
            diags.warning(shown, f"'{path.name}' is not read as {what}: {what.split()[-1]} files end in '.md' "
                                 "(lowercase); rename it")
        elif path.is_symlink() and not path.exists():
            diags.warning(shown, "this link leads nowhere (an editor's lock file?), so it is not read: delete it")
        elif path.is_dir():
            diags.warning(shown, f"this is a folder, not {what}, so it is not read: rename it")
        elif path.is_symlink() and not inside(path, folder):
            diags.error(shown, f"this {what.split()[-1]} is a link to a file outside the sources folder: "
                               "replace the link with the file itself")
        else:
            found.append(path)
    return found


def read_source(path: Path, root: Path, diags: Diagnostics) -> str | None:
    if not path.is_file():
        return None
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        diags.error(Pos(shown_path(path, root)),
                    f"file is {size:,} bytes, over the limit of {MAX_FILE_BYTES:,}: split it")
        return None
    data = path.read_bytes()
    try:
        return data.decode("utf-8").removeprefix("\ufeff").replace("\r\n", "\n")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        diags.error(Pos(shown_path(path, root), line, col), "file is not valid UTF-8 text: save it with UTF-8 encoding")
        return None


def split_front_matter(text: str, shown: str, diags: Diagnostics,
                        what: str = "a brief") -> tuple[str, str, int] | None:
    """(front matter, body, 1-based line of the body's first line) or None after an error."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        diags.error(
            Pos(shown),
            f"{what} must start with YAML front matter: a line '---', the fields, then another '---'",
        )
        return None
    for i, line in enumerate(lines[1:], start=1):
        if line.rstrip() in ("---", "..."):
            return "\n".join(lines[1:i]), "\n".join(lines[i + 1 :]), i + 2
    diags.error(Pos(shown), "the front matter is never closed: add a line '---' after its last field")
    return None


# Lenient readers: the schema has already reported what is wrong; take what is usable.


def text_field(fields: dict[str, Any], key: str) -> str | None:
    value = fields.get(key)
    return value if isinstance(value, str) else None


def date_field(value: Any) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        return datetime.date.min


def ref_at(doc: LocatedYaml, path: tuple, value: Any) -> Ref | None:
    return Ref(value, doc.at(path)) if isinstance(value, str) else None


def refs_at(doc: LocatedYaml, path: tuple, fields: dict[str, Any], key: str) -> list[Ref]:
    values = fields.get(key)
    if not isinstance(values, list):
        return []
    refs = (ref_at(doc, path + (key, i), v) for i, v in enumerate(values))
    return [r for r in refs if r is not None]


def where_of(doc: LocatedYaml, path: tuple, fields: dict[str, Any]) -> dict[str, Pos]:
    return {key: doc.at(path + (key,)) for key in fields}


class ParsedOnce(Generic[T]):
    """What the last run with `reuse` (`mkdocs serve`) made of each file of one kind (briefs,
    updates), and its diagnostics: a file whose text did not change is not parsed again. Keyed by
    the text itself, not the file's modification time, so an edit is never missed; what was made is
    never changed after loading, so sharing it between runs is safe."""

    def __init__(self, parse: Callable[[str, str, str, Diagnostics, frozenset[str]], T | None]) -> None:
        self.parse = parse
        """(id, text, path shown, diagnostics, image hosts) -> what the file makes, or None."""
        self.last: dict[tuple, tuple[T | None, list[Diagnostic]]] = {}
        self.kept: dict[tuple, tuple[T | None, list[Diagnostic]]] = {}

    def get(self, id_: str, text: str, shown: str, diags: Diagnostics, image_hosts: frozenset[str]) -> T | None:
        key = (id_, shown, text, image_hosts, located_yaml._Loader)  # tests and benchmarks swap the YAML parser
        found = self.last.get(key) or self.kept.get(key)
        if found is None:
            before = len(diags.items)
            made = self.parse(id_, text, shown, diags, image_hosts)
            found = (made, diags.items[before:])
        else:
            diags.items.extend(found[1])
        self.kept[key] = found
        return found[0]

    def end_run(self) -> None:
        """What this run did not read (a deleted or changed file) is forgotten."""
        self.last, self.kept = self.kept, {}
