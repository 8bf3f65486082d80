"""`mkdocs-briefs export`: the generated site as plain Markdown, for engines that run no plugin.

What the plugin does while MkDocs converts a page is done here beforehand, in the
Markdown itself, so that a plain MkDocs (or Zensical) build of the exported folder shows
the same pages:

- annotation links (`[Seoul](actor:rok)`) become relative links to the `.md` page, with
  the title, classes, preview data and (on a brief's page) anchor that `render.py` gives
  them, written as `attr_list` attributes;
- the links in diagrams (`click n1 href "briefs:actors/rok.md"`) become URLs, as
  `mermaid.resolve_diagram_links` makes them;
- a brief's page ends with its "Cite this brief" block; a hand-written page gets its
  listings filled in.

What needs a build is lost: the checks while serving, the sanitiser pass over the HTML (so
an attribute list that sets what it would remove is an error here, `unsafe_attributes`),
the Content-Security-Policy and a brief's JSON-LD (docs/reference.md, "Engines").
"""

from __future__ import annotations

import html
import posixpath
import re
from collections import Counter
from urllib.parse import urljoin

from . import cite, listings
from .annotations import anchor_for, mask_code, mask_image_alts, paragraphs, paragraphs_of
from .blocks import fences
from .corpus import Corpus
from .diagnostics import Diagnostics, Pos
from .kinds import ANNOTATION_KINDS, KINDS
from .markup import GeneratedPage
from .mermaid import LINK_PREFIX
from .model import Brief, Update
from .render import one_line_description

EXTENSIONS = ("attr_list", "def_list", "md_in_html", "tables")
"""The Markdown extensions the plugin adds to a build, which a plain build needs too
(with `pymdownx.superfences` and its `mermaid` fence)."""

_LINK = re.compile(
    r"(?<!!)\[(?P<text>(?:[^\[\]]|\[[^\[\]]*\])*)\]"
    r"\(\s*<?(?P<kind>[a-z]+):(?P<target>[^\s)>]*)>?(?:\s+(?:\"(?P<t1>[^\"]*)\"|'(?P<t2>[^']*)'))?\s*\)"
)
_CLICK = re.compile(r'^(\s*click \w+ href ")' + LINK_PREFIX + r'([^"?#]*)([^"]*)(")', re.MULTILINE)


def _attr(value: str) -> str:
    """A value for attr_list's `key="..."`: no quote or brace of its own, entities kept as written."""
    return html.escape(value, quote=True).replace("{", "&#123;").replace("}", "&#125;")


def page_url(src_uri: str, directory_urls: bool) -> str:
    """The URL of a docs page, as MkDocs gives it ('actors/rok.md' -> 'actors/rok/')."""
    stem = src_uri.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        folder = stem.removesuffix("index")
        return (folder or "./") if directory_urls else f"{stem}.html"
    return f"{stem}/" if directory_urls else f"{stem}.html"


def relative_url(url: str, other: str) -> str:
    """`url` relative to the page at `other`, as MkDocs' `get_relative_url` makes it."""
    dirname, _, basename = other.rpartition("/")
    base = dirname if "." in basename else other
    rel = posixpath.relpath("/" + url.strip("/"), "/" + base.strip("/")) if url not in ("", "./") else \
        posixpath.relpath("/", "/" + base.strip("/"))
    return rel + "/" if url.endswith("/") and not rel.endswith("/") else rel


class _Links:
    """Rewrites the annotation links of one page, counting mentions as `render.py` does."""

    def __init__(self, corpus: Corpus, src_uri: str) -> None:
        self.corpus, self.here = corpus, src_uri
        entity = corpus.folders.page_entity(src_uri)
        self.brief_page = entity is not None and entity[0] == "brief" and entity[1] in corpus.briefs
        self.counts: Counter[tuple[str, str]] = Counter()
        self.unknown: list[str] = []

    def rewrite(self, text: str) -> str:
        masked = mask_image_alts(mask_code(text))
        out, last = [], 0
        for m in _LINK.finditer(masked):
            kind = m.group("kind")
            if kind not in KINDS:
                continue
            out.append(text[last:m.start()])
            out.append(self._link(kind, m.group("target"), text[m.start("text"):m.end("text")],
                                  m.group("t1") if m.group("t1") is not None else m.group("t2")))
            last = m.end()
        return "".join(out) + text[last:]

    def _link(self, kind: str, target: str, text: str, title: str | None) -> str:
        id_, _, fragment = target.partition("#")
        id_, _, query = id_.partition("?")
        suffix = (f"?{query}" if query else "") + (f"#{fragment}" if fragment else "")
        folder = posixpath.dirname(self.here) or "."
        if id_ == "index":
            return f"[{text}]({posixpath.relpath(self.corpus.folders.page_uri(kind), folder)}{suffix})"
        if self.corpus.lookup(kind, id_) is None:
            self.unknown.append(f"{kind}:{target}")
            return f"[{text}]({kind}:{target})"
        attrs = []
        plain = title == ""
        title = one_line_description(self.corpus, kind, id_) if title is None else title
        if title:
            attrs.append(f'title="{_attr(title)}"')
        attrs.append(f'class="briefs-link briefs-{kind}"')
        if not plain:
            attrs.append(f'data-briefs-kind="{kind}"')
            attrs.append(f'data-briefs-name="{_attr(self.corpus.name_of(kind, id_))}"')
        if self.brief_page and kind in ANNOTATION_KINDS and not fragment:
            self.counts[kind, id_] += 1
            attrs.append(f'id="{anchor_for(kind, id_, self.counts[kind, id_])}"')
        uri = self.corpus.folders.page_uri(kind, id_)
        return f"[{text}]({posixpath.relpath(uri, folder)}{suffix}){{: {' '.join(attrs)} }}"


def resolve_links(markdown: str, corpus: Corpus, src_uri: str) -> tuple[str, list[str]]:
    """`markdown` with its annotation links written as plain links; and the links to no known entity."""
    lines = markdown.split("\n")
    links = _Links(corpus, src_uri)
    for paragraph in paragraphs(lines):
        count = paragraph.text.count("\n") + 1
        lines[paragraph.first_line:paragraph.first_line + count] = links.rewrite(paragraph.text).split("\n")
    return "\n".join(lines), links.unknown


def resolve_clicks(markdown: str, src_uri: str, exists: set[str], directory_urls: bool) -> str:
    """The diagrams' links as URLs relative to the page; a click to a page that does not exist is dropped.
    Only in Mermaid fences: a page may show such a line in a code block."""
    if LINK_PREFIX not in markdown:
        return markdown
    here = page_url(src_uri, directory_urls)

    def click(m: re.Match) -> str:
        if not m.group(2):
            return m.group(1) + m.group(3) + m.group(4)
        if m.group(2) not in exists:
            return ""
        return m.group(1) + relative_url(page_url(m.group(2), directory_urls), here) + m.group(3) + m.group(4)

    lines = markdown.split("\n")
    for fence in fences(lines):
        if fence.is_mermaid and fence.end is not None:
            inside = "\n".join(lines[fence.start + 1:fence.end])
            lines[fence.start + 1:fence.end] = _CLICK.sub(click, inside).split("\n")
    return "\n".join(lines)


_ATTRIBUTE_LIST = re.compile(r"\{:?[ \t]*([^{}\n]+?)[ \t]*\}")
_ATTRIBUTE_KEY = re.compile(r"(?:^|(?<=[ \t]))([^\s=\"'{}.#][^\s=\"'{}]*)[ \t]*=")


def unsafe_attributes(corpus: Corpus, allowed: frozenset[str]) -> Diagnostics:
    """An error where a brief's or an update's text sets, in an attribute list (`{: onclick="..."}`), an
    attribute other than `allowed`: a build's sanitiser removes it from the page, but a build of the export
    runs no sanitiser and would publish it (with attr_list on, which the export needs)."""
    diags = Diagnostics()
    texts: list[Brief | Update] = [*corpus.briefs.values(), *corpus.updates.values()]
    for entity in texts:
        if "=" not in entity.body or "{" not in entity.body:
            continue
        for paragraph in paragraphs_of(entity.body):
            masked = mask_code(paragraph.text)
            for group in _ATTRIBUTE_LIST.finditer(masked):
                for key in _ATTRIBUTE_KEY.finditer(group.group(1)):
                    if key.group(1).lower() in allowed:
                        continue
                    offset = group.start(1) + key.start(1)
                    line = masked.count("\n", 0, offset)
                    col = offset - (masked.rfind("\n", 0, offset) + 1) + 1
                    diags.error(Pos(entity.pos.path, entity.body_line + paragraph.first_line + line, col),
                                f"the attribute list sets '{key.group(1)}', which a build without the plugin would "
                                "publish as it is (no sanitiser runs on an export): delete it, or keep to "
                                f"{', '.join(sorted(allowed))}, .class and #id")
    return diags


def plain_pages(corpus: Corpus, pages: list[GeneratedPage], hand_written: dict[str, str], *, site_name: str,
                site_url: str | None, directory_urls: bool) -> tuple[dict[str, str], Diagnostics, list[str]]:
    """Every page of the site as plain Markdown, by its path in the docs folder: the generated
    pages, and the hand-written ones (`hand_written`, path -> text) with their listings filled in;
    the listings' diagnostics, and a warning for each link to no known entity (as a build logs it)."""
    diags = Diagnostics()
    warnings: list[str] = []
    exists = {p.src_uri for p in pages} | set(hand_written)
    out: dict[str, str] = {}
    for path, text in hand_written.items():
        text, found = listings.expand(text, corpus, path)
        diags.extend(found)
        out[path] = text
    for page in pages:
        if page.src_uri in hand_written:
            continue  # as in a build: the hand-written file takes the place
        text = page.markdown
        entity = corpus.folders.page_entity(page.src_uri)
        if entity and entity[0] == "brief" and entity[1] in corpus.briefs:
            url = urljoin(site_url.rstrip("/") + "/", page_url(page.src_uri, directory_urls)) if site_url else None
            text += "\n\n" + cite.cite_block(corpus, corpus.briefs[entity[1]], site_name, url)
        out[page.src_uri] = text
    for path, text in out.items():
        text, unknown = resolve_links(text, corpus, path)
        for link in unknown:
            warnings.append(f"Doc file '{path}' contains a link '{link}' that names no known entity: check the id")
        out[path] = resolve_clicks(text, path, exists, directory_urls)
    return out, diags, warnings
