"""Kinds of entity and kinds of link, declared once as data.

Every table that needs to know about kinds (the site's folders and section titles, the
registry files, the words of a message, the corpus' back-links, the unused-entry check)
derives from `KINDS` and `LINKS`. Adding a kind of entity or of link means adding an entry
here, plus its page.

An entity's page lives at `<folder>/<id>.md` in the docs, a section's index at
`<folder>/index.md`, where the folder is the kind's own unless the site chose another
(`Folders`, the plugin's `folders` option); an annotation in a brief's text is a link
`[text](<key>:<id>)`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Kind:
    key: str
    """How links and annotations name the kind: `[Seoul](actor:rok)`."""
    folder: str
    """Folder of the site that holds its pages unless the site chose another (`Folders`); also
    the attribute of `Sources` and `Corpus` that maps ids to entities (`corpus.actors`), and the
    kind's key in the plugin's `folders` option."""
    title: str
    """Title of the section's index page."""
    noun: str
    """The word for one, in messages ("unknown actor 'x'")."""
    plural: str
    defined_in: str
    """Where an editor defines its ids, in messages ("use an id from actors.yml")."""
    source: str
    """The source ('actors' for actors.yml, 'briefs' for the brief files) that defines its ids."""
    registry: bool = False
    """Its entries are read from `<source>.yml` (id -> fields)."""

    @property
    def registry_file(self) -> str:
        return f"{self.source}.yml"


KINDS: dict[str, Kind] = {k.key: k for k in (
    Kind("brief", "briefs", "Briefs", "brief", "briefs", "the briefs folder (file names)", "briefs"),
    Kind("rec", "recommendations", "Recommendations", "recommendation", "recommendations",
         "a brief's recommendations", "briefs"),
    Kind("actor", "actors", "Actors", "actor", "actors", "actors.yml", "actors", registry=True),
    Kind("mechanism", "mechanisms", "Mechanisms", "mechanism", "mechanisms", "mechanisms.yml", "mechanisms",
         registry=True),
    Kind("author", "authors", "Authors", "author", "authors", "authors.yml", "authors", registry=True),
    Kind("series", "series", "Series", "series", "series", "series.yml", "series", registry=True),
    Kind("update", "updates", "Updates", "update", "updates", "the updates folder (file names)", "updates"),
)}
"""Every kind, in the order of the site's sections."""

ANNOTATION_KINDS = ("actor", "mechanism", "rec", "brief")
"""Kinds whose annotations are mentions, with an anchor on the brief's page (in the order
messages list them); links to an author, a series or an update are checked, but are not mentions."""
UPDATES_FOLDER = "updates"
"""The subfolder of the sources folder that holds the updates (`briefs/updates/<id>.md`)."""
REGISTRIES = tuple(kind for kind in KINDS.values() if kind.registry)
"""Kinds read from a registry file, in the order they are read."""


FOLDER_NAME = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")
"""What a folder the site chooses may be called: one name of lowercase letters, digits, '-' and
'_' (the same on every file system and in every URL, with nothing to escape)."""
RESERVED_FOLDERS = ("assets", "data", "explorer", "search", "tracker", "matrix", "map")
"""Folders the site's other files take: the plugin's assets and data exports, the /explorer/ redirect,
the search index, the tracker, the matrix and the map."""


@dataclass(frozen=True)
class Folders:
    """The folder of the site that holds each kind's pages: the kind's own (`Kind.folder`), or
    the one the site chose (the plugin's `folders` option, checked by `folder_problems`)."""

    chosen: Mapping[str, str] = field(default_factory=dict)
    """Folder by kind key ('rec' -> 'proposals'), for the kinds the site renamed."""

    def of(self, kind: str) -> str:
        return self.chosen.get(kind) or KINDS[kind].folder

    def page_uri(self, kind: str, id_: str | None = None) -> str:
        """The docs-relative path of an entity's page, or of a section's index when id_ is None."""
        return f"{self.of(kind)}/{id_ or 'index'}.md"

    def page_entity(self, src_uri: str) -> tuple[str, str] | None:
        """(kind, id) when `src_uri` is where an entity's page would be ('briefs/x.md' -> ('brief', 'x')), else None."""
        folder, sep, name = src_uri.partition("/")
        if not sep or "/" in name or not name.endswith(".md"):
            return None
        kind = self._kind_of_folder.get(folder)
        return (kind, name.removesuffix(".md")) if kind else None

    @functools.cached_property
    def _kind_of_folder(self) -> dict[str, str]:
        """The kind whose pages each folder holds (the first in KINDS' order): asked for every page."""
        found: dict[str, str] = {}
        for key in KINDS:
            found.setdefault(self.of(key), key)
        return found


DEFAULT_FOLDERS = Folders()


def folder_problems(chosen: Mapping[str, str], docs_folders: Iterable[str] = ()) -> list[str]:
    """What is wrong with the folders a site chose (by kind key), each with how to fix it: every
    problem at once. `docs_folders` are the folders at the top of the site's docs/."""
    problems: list[str] = []
    docs_folders = set(docs_folders)
    for key, folder in chosen.items():
        where = f"folders: {KINDS[key].folder}: {folder!r}"
        if not FOLDER_NAME.fullmatch(folder):
            problems.append(f"{where} is not a folder name a site can use: write one name of lowercase letters, "
                            "digits, '-' and '_', up to 64 characters, like 'proposals'")
        elif folder in RESERVED_FOLDERS:
            problems.append(f"{where} is taken by the site's own files ({', '.join(RESERVED_FOLDERS)}): "
                            "choose another name")
        elif folder in docs_folders:
            problems.append(f"{where} is also a folder of docs/, whose pages would mix with the generated ones: "
                            "choose another name, or rename the folder of docs/")
    owners: dict[str, list[str]] = {}
    for key in KINDS:
        owners.setdefault(Folders(chosen).of(key), []).append(KINDS[key].folder)
    for folder, kinds in owners.items():
        if len(kinds) > 1:
            problems.append(f"folders: {folder!r} would hold the pages of both {' and '.join(kinds)}: "
                            "give each kind a folder of its own")
    return problems


@dataclass(frozen=True)
class Link:
    """A kind of link: a field of one kind of entity that refers to entities of another.

    Back-links are computed once for the whole corpus from these (`corpus.incoming`).
    """

    field: str
    """The source field holding the reference(s), also the link's name."""
    source: str
    """Kind of the entity with the field."""
    target: str
    """Kind of the entities it refers to."""
    label: str
    """The link read forwards: a recommendation is 'addressed to' an actor."""
    incoming: str
    """The link read backwards: an actor is the 'addressee of' a recommendation."""
    symmetric: bool = False
    """Both ends count as linked to each other (`related`)."""


LINKS: dict[str, Link] = {link.field: link for link in (
    Link("addressed_to", "rec", "actor", "addressed to", "addressee of"),
    Link("involves", "rec", "actor", "involves", "involved in"),
    Link("mechanisms", "rec", "mechanism", "through", "means of"),
    Link("members", "actor", "actor", "has member", "member of"),
    Link("part_of", "mechanism", "mechanism", "part of", "has part"),
    Link("related", "mechanism", "mechanism", "related to", "related to", symmetric=True),
    Link("authors", "brief", "author", "by", "author of"),
    Link("series", "brief", "series", "part of", "has brief"),
    Link("recs", "update", "rec", "bears on", "tracked by"),
    Link("addressees", "update", "actor", "concerns", "concerned by"),
)}
"""Every kind of link between entities, by field name."""
