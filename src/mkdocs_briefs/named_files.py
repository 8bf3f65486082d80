"""`mkdocs-briefs check FILE...`: the named briefs read in full, the other briefs only as far as the
references of the named ones need, so that checking what a pull request touches takes a moment
whatever the size of the archive.

A reference needs only the ids of the other briefs (their file names) and of their
recommendations. Those are found by a quick scan of each other brief's front matter for its
`id:` lines; a brief whose front matter the scan cannot read with certainty (an `id:` written
otherwise than `- id: plain-id`, a flow mapping `{...}`, a `draft:` key), or one of whose ids a
named brief defines or refers to, is loaded in full instead, so that every message about a
named brief is the one a full check gives. The registries are loaded in full (the named briefs
refer to them, and the hints need the actors' names). The updates are not read.

`load_named` returns sources in which the other briefs stand as stubs (an id and their
recommendations' ids). Validating them finds every problem of the named briefs; what is found
in other files is left out by the caller (`pipeline.run`).
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

from .diagnostics import Diagnostics, Pos, shown_path
from .kinds import REGISTRIES
from .load import load_brief, load_registry
from .model import Brief, Recommendation, Sources
from .source_files import md_files, read_source

_ID_KEY = re.compile(r"""id["']?[ \t]*:""")
"""What may end an `id` key (a recommendation's id) in a brief's front matter: found by its letters
first, then kept unless a letter or digit comes just before (`paid:` is no such key)."""
_WORD = re.compile(r"\w")
_PLAIN_ID = re.compile(r"""[ ]*(?:-[ ]+)?id:[ ]+(?P<q>["']?)(?P<id>[a-z0-9][a-z0-9-]*)(?P=q)[ ]*""")
"""The way every brief writes it, alone on its line: `  - id: an-id` (the id quoted or not)."""
_COMPLEX_KEY = re.compile(r"^[ \t]*\?", re.MULTILINE)
_DRAFT = re.compile(r"""draft["']?[ \t]*:""")
"""What a scan does not follow: flow mappings `{...}`, complex keys `? key`, the `draft` flag."""
_CLOSE = re.compile(r"^(?:---|\.\.\.)[^\S\n]*$", re.MULTILINE)
"""The line that closes front matter (source_files.split_front_matter)."""


def load_named(folder: Path, root: Path, named: list[Path], image_hosts: frozenset[str] = frozenset()
               ) -> tuple[Sources, Diagnostics]:
    """The registries, the `named` briefs in full, and the other briefs as stubs (see the module)."""
    diags = Diagnostics()
    sources = Sources()
    for kind in REGISTRIES:
        load_registry(sources, kind, folder / kind.registry_file, root, diags)
    wanted = {path.name for path in named}  # the caller made sure they are briefs of `folder`
    files = md_files(folder, root, diags)
    chosen = [path for path in files if path.name in wanted]
    full: list[Path] = list(chosen)
    scanned: dict[Path, list[str]] = {}
    for path in files:
        if path.name in wanted:
            continue
        text = read_source(path, root, Diagnostics())
        ids = None if text is None else _scan(text)
        if ids is None:
            full.append(path)
        else:
            scanned[path] = ids
    loaded = {path: _load(path, root, diags, image_hosts, sources) for path in full}
    read = [brief for path in chosen if (brief := loaded[path]) is not None]
    needed = {rec.id for brief in read for rec in brief.recommendations}
    needed |= {note.target for brief in read for note in brief.annotations if note.kind == "rec"}
    stubbed = set()
    shown_folder = shown_path(folder / "_", root)[:-1]  # as shown_path shows each file: this, then its name
    for path, ids in scanned.items():
        if needed.intersection(ids):  # a recommendation the named briefs share or refer to: read it exactly
            loaded[path] = _load(path, root, Diagnostics(), image_hosts, sources)
        else:
            loaded[path] = _stub(path.stem, shown_folder + path.name, ids)
            stubbed.add(path)
    for path in files:  # in the folder's order, as a full load keeps them
        brief = loaded.get(path)
        if brief is not None:
            sources.briefs[brief.id] = brief
            if path in stubbed:
                sources.stubs.add(brief.id)
    return sources, diags


def _load(path: Path, root: Path, diags: Diagnostics, image_hosts: frozenset[str], sources: Sources) -> Brief | None:
    text = read_source(path, root, diags)
    brief = None if text is None else load_brief(path.stem, text, shown_path(path, root), diags, image_hosts)
    if brief is None:
        sources.unreadable.add("briefs")
    return brief


def _scan(text: str) -> list[str] | None:
    """The recommendation ids a brief's front matter gives, by a scan; None when a scan cannot be sure."""
    lines = text.split("\n", 1)
    if lines[0].rstrip() != "---" or len(lines) < 2:
        return None
    close = _CLOSE.search(lines[1])
    if close is None:
        return None
    front = lines[1][: close.start()]
    if "{" in front or "}" in front or ("?" in front and _COMPLEX_KEY.search(front)) or _DRAFT.search(front):
        return None
    ids = []
    for key in _ID_KEY.finditer(front):
        if key.start() and _WORD.match(front, key.start() - 1):
            continue
        start = front.rfind("\n", 0, key.start()) + 1
        end = front.find("\n", key.end())
        plain = _PLAIN_ID.fullmatch(front, start, len(front) if end < 0 else end)
        if plain is None:
            return None
        ids.append(plain.group("id"))
    return ids


def _stub(id_: str, shown: str, rec_ids: list[str]) -> Brief:
    """A brief that is not read: its id and its recommendations' ids, which references need."""
    pos = Pos(shown)
    recs = [Recommendation(id=r, brief_id=id_, title=r, statement="", addressed_to=[], horizon="unspecified", pos=pos)
            for r in rec_ids]
    return Brief(id=id_, title=id_, date=datetime.date.min, authors=[], source=None, summary="", recommendations=recs,
                 body="", pos=pos)
