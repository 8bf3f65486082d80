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
from xml.etree.ElementTree import Element

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from .annotations import anchor_for
from .corpus import Corpus
from .kinds import ANNOTATION_KINDS, KINDS, page_entity, page_uri


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


class AnnotationLinks(Extension):
    """Shared by every page of a build; the plugin says which page is being converted."""

    def __init__(self, on_unknown: Callable[[str, str], None]) -> None:
        super().__init__()
        self.corpus: Corpus | None = None
        self.page_uri: str = ""
        self.on_unknown = on_unknown
        """Called with (page, link address) for a link to an entity that does not exist."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        # after attr_list (8), before MkDocs collects anchors (5) and rewrites paths (0)
        md.treeprocessors.register(_Resolver(md, self), "briefs_annotations", 6)


class _Resolver(Treeprocessor):
    def __init__(self, md: Markdown, ext: AnnotationLinks) -> None:
        super().__init__(md)
        self.ext = ext

    def run(self, root: Element) -> None:
        corpus, here = self.ext.corpus, self.ext.page_uri
        if corpus is None:
            return
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
                el.set("href", posixpath.relpath(page_uri(kind), posixpath.dirname(here) or ".") + suffix)
                continue
            if corpus.lookup(kind, id_) is None:
                self.ext.on_unknown(here, href)
                continue
            target = posixpath.relpath(page_uri(kind, id_), posixpath.dirname(here) or ".")
            el.set("href", target + suffix)
            title = el.get("title")
            plain = title == ""  # no hover title, and no preview either
            if title is None:
                title = one_line_description(corpus, kind, id_)
            if title:
                el.set("title", title)
            else:  # [text](kind:id "") asks for no hover title
                el.attrib.pop("title", None)
            el.set("class", f"{el.get('class', '')} briefs-link briefs-{kind}".strip())
            if not plain:  # what the preview (assets/preview.js) shows; ElementTree escapes the values
                el.set("data-briefs-kind", kind)
                el.set("data-briefs-name", corpus.name_of(kind, id_))
            if on_brief_page and kind in ANNOTATION_KINDS and not fragment:
                counts[kind, id_] += 1
                el.set("id", anchor_for(kind, id_, counts[kind, id_]))
