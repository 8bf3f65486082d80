"""The Atom feed of the site's updates and briefs (`feed.xml`, RFC 4287), newest first.

Written with the standard library's ElementTree, which escapes every value for the place it
goes (element text, attribute); every entry's text is plain text (`type="text"`), so an
editor's markup in a title or a note stays text in a feed reader. Dates are days: an entry's
`updated` is its date at midnight UTC, and the feed's is its newest entry's, so the same
sources give the same bytes.

With the site's `site_url`, links are absolute and ids are those addresses. Without it, links
are relative to the feed's own address (a feed reader resolves them against it) and ids are
`urn:uuid:` names made from the site's name and the entry's kind and id, which stay the same
from build to build.
"""

from __future__ import annotations

import datetime
import html
import re
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from .corpus import Corpus
from .export import page_url
from .labels import t
from .markup import status_label
from .model import Brief, Update

FEED = "feed.xml"
"""Where the feed is written, relative to the site's root."""
ATOM = "http://www.w3.org/2005/Atom"

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
"""Characters XML 1.0 cannot hold (refused in sources already; removed here all the same)."""


_KIND_LABELS = {"update": "feed.kind.update", "brief": "feed.kind.brief"}


@dataclass(frozen=True)
class _Entry:
    kind: str
    id: str
    title: str
    day: datetime.date
    summary: str
    authors: tuple[str, ...] = ()


def _text(value: str) -> str:
    return _NOT_XML.sub("", value)


def _stamp(day: datetime.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _update_entry(corpus: Corpus, update: Update) -> _Entry:
    parts = []
    for affect in update.affects:
        title = corpus.name_of("rec", affect.rec.id)
        parts.append(t("feed.affect", rec=title, status=status_label(corpus, affect.status)) if affect.status
                     else title)
    return _Entry("update", update.id, update.title, update.date, t("feed.update_summary", recs="; ".join(parts)))


def _brief_entry(corpus: Corpus, brief: Brief) -> _Entry:
    return _Entry("brief", brief.id, brief.title, brief.date, brief.summary,
                  tuple(corpus.name_of("author", a.id) for a in brief.authors))


def entries(corpus: Corpus) -> list[_Entry]:
    """Updates and briefs, newest first (on the same day, updates first, then by id), capped."""
    found = [_update_entry(corpus, u) for u in corpus.updates.values()]
    found += [_brief_entry(corpus, b) for b in corpus.briefs.values()]
    found.sort(key=lambda e: (-e.day.toordinal(), e.kind != "update", e.id))
    return found[: corpus.settings.limits.feed_entries]


def feed_xml(corpus: Corpus, *, site_name: str, site_url: str | None, directory_urls: bool = True) -> str:
    """The feed's text: an Atom document, UTF-8."""
    base = (site_url.rstrip("/") + "/") if site_url else ""
    name = _text(site_name or "mkdocs-briefs")

    def address(kind: str, id_: str | None) -> str:
        return base + page_url(kind, id_, directory_urls, corpus.folders)

    def ident(kind: str, id_: str | None) -> str:
        if base:
            return address(kind, id_)
        return uuid.uuid5(uuid.NAMESPACE_URL, f"mkdocs-briefs:{name}:{kind}:{id_ or ''}").urn

    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    listed = entries(corpus)

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        node = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if text is not None:
            node.text = _text(text)
        return node

    sub(feed, "title", t("feed.title", site=name), type="text")
    sub(feed, "subtitle", t("feed.subtitle"), type="text")
    sub(feed, "id", base + FEED if base else ident("feed", None))
    sub(feed, "updated", _stamp(listed[0].day) if listed else "1970-01-01T00:00:00Z")
    sub(feed, "link", rel="self", type="application/atom+xml", href=base + FEED if base else FEED)
    sub(feed, "link", rel="alternate", type="text/html", href=address("update", None))
    sub(sub(feed, "author"), "name", name)
    sub(feed, "generator", "mkdocs-briefs")
    for entry in listed:
        node = sub(feed, "entry")
        sub(node, "title", entry.title, type="text")
        sub(node, "id", ident(entry.kind, entry.id))
        sub(node, "link", rel="alternate", type="text/html", href=address(entry.kind, entry.id))
        sub(node, "published", _stamp(entry.day))
        sub(node, "updated", _stamp(entry.day))
        for author in entry.authors:
            sub(sub(node, "author"), "name", author)
        sub(node, "category", term=entry.kind, label=t(_KIND_LABELS[entry.kind]))
        sub(node, "summary", entry.summary, type="text")
    ET.indent(feed)
    return ET.tostring(feed, encoding="unicode", xml_declaration=False).join(
        ['<?xml version="1.0" encoding="utf-8"?>\n', "\n"])


def head_link(href: str, title: str) -> str:
    """The `<link rel="alternate">` that lets a browser or a feed reader find the feed from a page."""
    return (f'<link rel="alternate" type="application/atom+xml" href="{html.escape(href)}" '
            f'title="{html.escape(title)}">')
