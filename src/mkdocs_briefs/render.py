"""A Python-Markdown extension that turns annotations into links between pages.

`[Seoul](actor:rok)` becomes a link to the relative path of the actor's page
(`../actors/rok.md`, in the folder `corpus.folders` gives the kind), which MkDocs then
resolves, checks and rewrites like any link an author wrote. The link gets the target's
one-line description as its title, and on a brief's page every annotation gets the anchor that other pages link to (see
`annotations.anchor_for`: both count mentions in document order). Code is never touched,
because Markdown never makes links inside code.

No two elements of a page share an id (`_UniqueIds`): the anchors of annotations, the ids in
the page's raw HTML (the "Cite this brief" block's `briefs-cite`...) and the theme's own
(`__config`...) are kept, and a heading whose slug would take one of them ("Briefs cite")
or an id an editor set with attr_list (`{: #rec-some-id }`) gets a suffix (`briefs-cite_1`).
"""

from __future__ import annotations

import posixpath
import re
from collections import Counter
from collections.abc import Callable
from functools import lru_cache
from xml.etree.ElementTree import Element

from markdown import Extension, Markdown
from markdown.extensions.toc import unique
from markdown.treeprocessors import Treeprocessor

from .annotations import anchor_for
from .corpus import Corpus
from .kinds import ANNOTATION_KINDS, KINDS, Folders


def one_line_description(corpus: Corpus, kind: str, id_: str) -> str:
    """The hover title of a link to an entity."""
    entity = corpus.lookup(kind, id_)
    if entity is None:
        return ""
    for attr in ("description", "statement", "summary", "affiliation"):
        text = getattr(entity, attr, None)
        if text:
            return " ".join(text.split())
    return ""


def link_targets(corpus: Corpus) -> dict[str, tuple[str, str]]:
    """What a link gets from the corpus besides its address: the hover title and the name of
    every entity, by the `kind:id` that names it.

    A page whose Markdown has `kind:id` in it depends on these two texts: `mkdocs serve
    --dirty` builds it again when they change (plugin/dirty.py, `DirtyBuild`).
    """
    return {f"{kind}:{id_}": (one_line_description(corpus, kind, id_), corpus.name_of(kind, id_))
            for kind in KINDS for id_ in corpus.table(kind)}


@lru_cache(maxsize=1024)
def _folder_from(directory: str, folder: str) -> str:
    """The relative path from a page's folder to a section's folder, with its slash ('../actors/'):
    each page's link is this and a file name, with no path arithmetic per link."""
    path = posixpath.relpath(folder, directory or ".")
    return "" if path == "." else path + "/"


class AnnotationLinks(Extension):
    """Shared by every page of a build; the plugin says which page is being converted."""

    def __init__(self, on_unknown: Callable[[str, str], None]) -> None:
        super().__init__()
        self._corpus: Corpus | None = None
        self.targets: dict[str, tuple[str, str]] = {}
        """`link_targets` of the corpus."""
        self.page_uri: str = ""
        self.on_unknown = on_unknown
        """Called with (page, link address) for a link to an entity that does not exist."""

    @property
    def corpus(self) -> Corpus | None:
        return self._corpus

    @corpus.setter
    def corpus(self, corpus: Corpus | None) -> None:
        self._corpus = corpus
        self.targets = link_targets(corpus) if corpus is not None else {}

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        # after attr_list (8), before MkDocs collects anchors (5) and rewrites paths (0)
        resolver = _Resolver(md, self)
        md.treeprocessors.register(resolver, "briefs_annotations", 6)
        # before toc (5) gives headings their ids
        md.treeprocessors.register(_UniqueIds(md, resolver), "briefs_unique_ids", 5.5)
        md.treeprocessors.register(_Unreserve(md), "briefs_unreserve", 4)


def _split(rest: str) -> tuple[str, str, str]:
    """`id?query#fragment` as (id, the `?query#fragment` to keep, fragment)."""
    id_, _, fragment = rest.partition("#")
    id_, _, query = id_.partition("?")
    return id_, (f"?{query}" if query else "") + (f"#{fragment}" if fragment else ""), fragment


def _describe(el: Element, kind: str, target: tuple[str, str]) -> None:
    """The link's hover title (unless it has its own, or asks for none with `""`), its classes, and
    what the preview (assets/preview.js) shows; ElementTree escapes the values."""
    title = el.get("title")
    plain = title == ""  # no hover title, and no preview either
    if title is None:
        title = target[0]
    if title:
        el.set("title", title)
    else:  # [text](kind:id "") asks for no hover title
        el.attrib.pop("title", None)
    el.set("class", f"{el.get('class', '')} briefs-link briefs-{kind}".strip())
    if not plain:
        el.set("data-briefs-kind", kind)
        el.set("data-briefs-name", target[1])


class _FolderPaths(dict[str, str]):
    """The relative path from a page's folder to each kind's folder, looked up once a page."""

    def __init__(self, directory: str, folders: Folders) -> None:
        super().__init__()
        self.directory, self.folders = directory, folders

    def __missing__(self, kind: str) -> str:
        path = self[kind] = _folder_from(self.directory, self.folders.of(kind))
        return path


class _Resolver(Treeprocessor):
    def __init__(self, md: Markdown, ext: AnnotationLinks) -> None:
        super().__init__(md)
        self.ext = ext

    def run(self, root: Element) -> None:
        self.anchors: list[Element] = []
        """The annotations given an anchor on this page."""
        corpus, here, targets = self.ext.corpus, self.ext.page_uri, self.ext.targets
        if corpus is None:
            return
        directory = posixpath.dirname(here)
        entity = corpus.folders.page_entity(here)
        on_brief_page = entity is not None and entity[0] == "brief" and entity[1] in corpus.briefs
        counts: Counter[tuple[str, str]] = Counter()
        folders = _FolderPaths(directory, corpus.folders)
        for el in root.iter("a"):
            href = el.get("href", "")
            kind, sep, rest = href.partition(":")
            if not sep or kind not in KINDS:
                continue
            target = targets.get(href)  # most links are `kind:id`, with no fragment or query
            id_, suffix, fragment = (rest, "", "") if target is not None else _split(rest)
            if id_ == "index":  # the list of that kind: rec:index?actor=rok is the explorer, filtered
                el.set("href", f"{folders[kind]}index.md{suffix}")
                continue
            if target is None:
                target = targets.get(f"{kind}:{id_}")
            if target is None:
                self.ext.on_unknown(here, href)
                continue
            el.set("href", f"{folders[kind]}{id_}.md{suffix}")
            _describe(el, kind, target)
            if on_brief_page and kind in ANNOTATION_KINDS and not fragment:
                counts[kind, id_] += 1
                el.set("id", anchor_for(kind, id_, counts[kind, id_]))
                self.anchors.append(el)


THEME_IDS = frozenset({"__drawer", "__search", "__config", "__toc", "__consent", *(f"__palette_{i}" for i in range(8))})
"""Ids Material for MkDocs gives elements of every page, around the content."""
_RAW_ID = re.compile(r"""\bid\s*=\s*["']?([^"'\s>]+)""")
_PLACEHOLDER = "data-briefs-reserved"


@lru_cache(maxsize=4096)
def _raw_ids(block: str) -> tuple[str, ...]:
    """The ids in a block of raw HTML. The same small blocks (`<span aria-hidden="true">`, a grid's
    cell) come back hundreds of thousands of times a build: each is read once."""
    return tuple(_RAW_ID.findall(block))


class _UniqueIds(Treeprocessor):
    """Keeps the ids the page must have (annotation anchors, ids in raw HTML, the theme's) and
    gives every other id that repeats one a suffix, as the toc extension does between headings;
    then leaves an empty element for each id in raw HTML and the theme's, so that the toc
    extension, which only sees the tree, does not give a heading one of them."""

    def __init__(self, md: Markdown, resolver: _Resolver) -> None:
        super().__init__(md)
        self.resolver = resolver

    def run(self, root: Element) -> None:
        outside = {name for block in self.md.htmlStash.rawHtmlBlocks if isinstance(block, str) and "id" in block
                   for name in _raw_ids(block)} | THEME_IDS
        ours = {id(el) for el in self.resolver.anchors}
        taken = outside | {el.get("id", "") for el in self.resolver.anchors}
        for el in root.iter():
            name = el.get("id")
            if name is None or id(el) in ours:
                continue
            if name in taken:
                name = unique(name, taken)
                el.set("id", name)
            taken.add(name)
        for name in sorted(outside):
            root.append(Element("span", {"id": name, _PLACEHOLDER: ""}))


class _Unreserve(Treeprocessor):
    """Takes away the empty elements `_UniqueIds` left for the toc extension."""

    def run(self, root: Element) -> None:
        for el in [el for el in root if el.get(_PLACEHOLDER) is not None]:
            root.remove(el)
