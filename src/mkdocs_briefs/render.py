"""A Python-Markdown extension that turns annotations into links between pages.

`[Seoul](actor:rok)` becomes a link to the relative path of the actor's page
(`../actors/rok.md`), which MkDocs then resolves, checks and rewrites like any link an
author wrote. The link gets the target's one-line description as its title, and on a
brief's page every annotation gets the anchor that other pages link to (see
`annotations.anchor_for`: both count mentions in document order). Code is never touched,
because Markdown never makes links inside code.
"""

from __future__ import annotations

import posixpath
from collections import Counter
from collections.abc import Callable
from functools import lru_cache
from xml.etree.ElementTree import Element

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from .annotations import anchor_for
from .corpus import Corpus
from .kinds import ANNOTATION_KINDS, KINDS, page_entity


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
    --dirty` builds it again when they change (plugin/files.py, `DirtyBuild`).
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
        md.treeprocessors.register(_Resolver(md, self), "briefs_annotations", 6)


class _Resolver(Treeprocessor):
    def __init__(self, md: Markdown, ext: AnnotationLinks) -> None:
        super().__init__(md)
        self.ext = ext

    def run(self, root: Element) -> None:
        corpus, here, targets = self.ext.corpus, self.ext.page_uri, self.ext.targets
        if corpus is None:
            return
        directory = posixpath.dirname(here)
        entity = page_entity(here)
        on_brief_page = entity is not None and entity[0] == "brief" and entity[1] in corpus.briefs
        counts: Counter[tuple[str, str]] = Counter()
        for el in root.iter("a"):
            href = el.get("href", "")
            kind, sep, rest = href.partition(":")
            if not sep or kind not in KINDS:
                continue
            id_, _, fragment = rest.partition("#")
            id_, _, query = id_.partition("?")
            suffix = (f"?{query}" if query else "") + (f"#{fragment}" if fragment else "")
            if id_ == "index":  # the list of that kind: rec:index?actor=rok is the explorer, filtered
                el.set("href", f"{_folder_from(directory, KINDS[kind].folder)}index.md{suffix}")
                continue
            target = targets.get(f"{kind}:{id_}")
            if target is None:
                self.ext.on_unknown(here, href)
                continue
            el.set("href", f"{_folder_from(directory, KINDS[kind].folder)}{id_}.md{suffix}")
            title = el.get("title")
            plain = title == ""  # no hover title, and no preview either
            if title is None:
                title = target[0]
            if title:
                el.set("title", title)
            else:  # [text](kind:id "") asks for no hover title
                el.attrib.pop("title", None)
            el.set("class", f"{el.get('class', '')} briefs-link briefs-{kind}".strip())
            if not plain:  # what the preview (assets/preview.js) shows; ElementTree escapes the values
                el.set("data-briefs-kind", kind)
                el.set("data-briefs-name", target[1])
            if on_brief_page and kind in ANNOTATION_KINDS and not fragment:
                counts[kind, id_] += 1
                el.set("id", anchor_for(kind, id_, counts[kind, id_]))
