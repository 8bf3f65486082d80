"""The last word on a page's HTML: an allowlist, applied after Markdown has rendered it.

Editors' text reaches a page through Python-Markdown and its extensions (attr_list,
def_list, md_in_html, tables, admonition, toc...), whose output no pre-pass on the
Markdown can predict in every case: `{: onclick="..."}` after a paragraph, an entity in a
link's scheme, a fence the checker reads differently. So the HTML of every page the
plugin generates (and, with the `sanitize_pages` option, of every hand-written page) goes
through `clean()`, an nh3 (ammonia) allowlist of the elements and attributes that the
site's own Markdown and the plugin's own markup produce, and nothing else:

- no event handler, no `style`, no `srcset`, no `<script>`, `<iframe>`, `<form>`,
  `<svg>`, `<noscript>` or `<style>` (their content is removed with them);
- `href` and `src` are relative, `#fragment`, http(s) or (for links) mailto; an image's
  `src` is relative unless its host is listed in the `image_hosts` option;
- the one `style` Python-Markdown writes, `text-align` on an aligned table cell, becomes
  the `align` attribute, which Material's stylesheet honours (`th:not([align])`) and which
  can express nothing but an alignment;
- the class `mermaid` (which makes the theme draw a diagram) only on a `<pre>`, or alone on
  a `<div>` (a site's own superfences format): a ```mermaid fence, which the checker refuses
  in a brief; never on an admonition (`!!! mermaid`) or a paragraph (`{: .mermaid}`);
- a class or id of the theme's own page parts (`md-dialog`, `md-banner`...: Material's names
  all start `md-`) is dropped, but for its buttons (`md-button`, `md-button--primary`), which
  Material's documentation gives authors; so is a class of the plugin's (`briefs-...`) that the
  plugin does not write into pages itself (`briefs-preview`, made by its script). An editor's
  `md-dialog md-dialog--active` made a notice fixed over the page ("your session has expired");
  `clean` tells which names a page loses, so that nothing goes silently;
- no `<noscript>` ever comes through, not even the plugin's own (it writes none: its grids
  are tables, read the same without JavaScript), because browsers with scripting on read its
  content as text and a sanitiser parsing it as markup can be fooled (mutation XSS).
"""

from __future__ import annotations

import functools
import os
import re
from contextvars import ContextVar
from pathlib import Path
from urllib.parse import urlsplit

import nh3

from .blocks import LineIndex
from .diagnostics import Diagnostics, Pos
from .kinds import KINDS

TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "button", "caption", "cite", "code", "dd", "del", "details", "dfn",
    "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img",
    "ins", "kbd", "li", "mark", "nav", "ol", "p", "pre", "q", "s", "samp", "small", "span", "strong", "sub",
    "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul", "var", "wbr",
})
"""Elements kept: text structure (headings, paragraphs, lists, definition lists, tables,
quotes, code), links and local images, admonitions (div/p), collapsible blocks
(details/summary), the plugin's blocks (div, nav, span) and the cite block's copy buttons."""

CLEAN_CONTENT = frozenset({"script", "style", "iframe", "object", "embed", "template", "noscript", "textarea",
                           "select", "svg", "math", "title", "xmp", "noembed", "noframes", "plaintext"})
"""Elements removed with everything inside them (the others lose their tags, keep their text)."""

_GLOBAL = {"id", "class", "title", "lang", "dir", "data-search-exclude", "aria-label", "aria-hidden", "hidden"}
ATTRIBUTES = {
    "*": _GLOBAL,
    "a": {"href", "data-briefs-kind", "data-briefs-name"},
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"align", "colspan", "rowspan"},
    "th": {"align", "colspan", "rowspan", "scope"},
    "ol": {"start", "reversed", "type"},
    "li": {"value"},
    "details": {"open"},
    "button": {"type", "data-clipboard-target"},
    "div": {"data-briefs-explorer", "data-page-size"},
    "abbr": {"title"},
}
"""Attributes kept, by element ("*": on every element). `data-briefs-*` are the plugin's
(annotation links' previews, the explorer); `data-search-exclude` is Material's;
`data-clipboard-target` is the cite block's copy buttons'. No `on*`, `style` or `srcset`."""

THEME_CLASSES = frozenset({"md-button", "md-button--primary"})
"""Material's classes kept in a page's content: its buttons, which its documentation gives authors."""

PLUGIN_CLASSES = frozenset({f"briefs-{kind}" for kind in KINDS} | {
    "briefs-as-of", "briefs-chart", "briefs-cite", "briefs-cite__label", "briefs-cite__text", "briefs-copy",
    "briefs-credit", "briefs-downloads", "briefs-draft", "briefs-errors", "briefs-explorer", "briefs-facts",
    "briefs-grid", "briefs-grid--counts", "briefs-grid-caption", "briefs-grid-column", "briefs-grid-corner",
    "briefs-grid-legend", "briefs-grid-note", "briefs-grid-table", "briefs-grid-total", "briefs-index-list",
    "briefs-index-table", "briefs-link", "briefs-mark", "briefs-matrix", "briefs-matrix-column", "briefs-meta",
    "briefs-muted", "briefs-pager", "briefs-passage", "briefs-sr-only", "briefs-stale", "briefs-status",
    "briefs-status-counts", "briefs-status-line", "briefs-summary", "briefs-timeline", "briefs-update-list",
    "briefs-views",
})
"""The plugin's classes kept in a page's content: those its pages and blocks are written with (and
`briefs-status--<level>`); tests/test_sanitize.py finds each in the templates and the code."""

PLUGIN_IDS = frozenset({"briefs-cite", "briefs-cite-text", "briefs-cite-original", "briefs-cite-bibtex"})
"""The plugin's own ids (the "Cite this brief" block): kept, as every `briefs-` id is; listed only so that the
quick look below does not take them for a foreign name."""


def _foreign(attr: str, name: str) -> bool:
    """A class or id of the theme's or the plugin's page parts that a page's content may not give."""
    if name.startswith("md-"):
        return attr == "id" or name not in THEME_CLASSES
    return (attr == "class" and name.startswith("briefs-") and name not in PLUGIN_CLASSES
            and not name.startswith("briefs-status--"))


def _kept(names: frozenset[str], prefix: str) -> str:
    return "|".join(re.escape(n.removeprefix(prefix)) for n in sorted(names, key=len, reverse=True))


_QUICK_KEPT = PLUGIN_CLASSES | PLUGIN_IDS | {"briefs-kind", "briefs-name"}  # and data-briefs-kind, -name
_MAYBE_FOREIGN = (re.compile(rf"md-(?!(?:{_kept(THEME_CLASSES, 'md-')})(?![\w-]))"),
                  re.compile(rf"briefs-(?!(?:{_kept(_QUICK_KEPT, 'briefs-')}|status--[\w-]*)(?![\w-]))"))
"""Anywhere in a page, a word that might be a name `_foreign` refuses: a page with none needs no filter (the
exact decision is the filter's, on each attribute). Each starts with its literal, which the regular
expression engine looks for fast: checking each class in Python cost half as much as sanitising."""


def _maybe_foreign(text: str) -> bool:
    for pattern in _MAYBE_FOREIGN:
        for found in pattern.finditer(text):
            before = text[found.start() - 1: found.start()]
            if not (before.isalnum() or before in ("-", "_")) or not before:
                return True
    return False


_DROPPED: ContextVar[list[str] | None] = ContextVar("dropped", default=None)
"""Where the filter writes the names it drops, while `clean` runs for a caller that wants them."""


def dropped_names(names: list[str], source: str | None, root: str) -> Diagnostics:
    """A warning for each name `clean` dropped from a page, at its first place in the page's source file
    (`source`: a hand-written page, or the brief or registry a generated page was made from)."""
    diags = Diagnostics()
    shown = os.path.relpath(source, root).replace(os.sep, "/") if source else "(a page)"
    try:
        text = Path(source).read_text("utf-8", errors="replace") if source else ""
    except OSError:
        text = ""
    lines = LineIndex(text, 1)
    for name in dict.fromkeys(names):
        found = re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text)
        where = Pos(shown, *lines.line_col(found.start())) if found else Pos(shown, 1, 1)
        diags.warning(where, f"'{name}' is a name of the theme's or of the plugin's own page parts, which a page's "
                             "text may not give (it could pass for the site's own: a notice, a header): it is left "
                             "out of the page; use a class of your own")
    return diags


URL_SCHEMES = frozenset({"http", "https", "mailto"})
"""Schemes allowed in `href` and `src`, besides relative URLs and #fragments."""

_ALIGN = re.compile(r'<(td|th)\b([^>]*?) style="text-align: ?(left|right|center);?"')


def clean(html: str, image_hosts: frozenset[str] = frozenset(), dropped: list[str] | None = None) -> str:
    """The page's HTML with only the allowed elements, attributes and URLs left; the names of the theme's
    and the plugin's page parts it drops (`_foreign`) are added to `dropped`.

    The allowlist is built once (an `nh3.Cleaner`). Most pages have no image, no `mermaid` class
    and no word that might be a foreign name (`_maybe_foreign`), where the attribute filter below
    would keep every value as it is: they are cleaned without it (a call into Python for each
    attribute), and the result is checked for each;
    a page whose cleaned HTML has one is cleaned again, from the start, with the filter. The check
    reads the sanitiser's own output, where an image is `<img` and a class is written out in full
    (no character reference left), so nothing the filter would change can pass unseen."""
    if ' style="text-align' in html:
        html = _ALIGN.sub(r'<\1\2 align="\3"', html)
    cleaned = _cleaner(None).clean(html)
    if "<img" in cleaned or "mermaid" in cleaned or _maybe_foreign(cleaned):
        token = _DROPPED.set(dropped)
        try:
            return _cleaner(image_hosts).clean(html)
        finally:
            _DROPPED.reset(token)
    return cleaned


@functools.lru_cache(maxsize=16)
def _cleaner(image_hosts: frozenset[str] | None) -> nh3.Cleaner:
    """The allowlist as a reusable cleaner; with the attribute filter for `image_hosts`, or (None) without."""
    def attribute_filter(tag: str, attr: str, value: str) -> str | None:
        if attr == "src" and tag == "img":
            return value if _local_or_allowed(value, image_hosts or frozenset()) else None
        if attr not in ("class", "id"):
            return value
        names = value.split() if attr == "class" else [value]
        foreign = [n for n in names if _foreign(attr, n)]
        if foreign:
            names = [n for n in names if n not in foreign]
            recorded = _DROPPED.get()
            if recorded is not None:
                recorded += foreign
        if attr == "id":
            return value if names else None
        diagram = tag == "pre" or (tag == "div" and value.split() == ["mermaid"])  # a fence, in either format
        if "mermaid" in names and not diagram:
            names.remove("mermaid")
        return " ".join(names) or None

    return nh3.Cleaner(
        tags=set(TAGS), clean_content_tags=set(CLEAN_CONTENT), attributes={k: set(v) for k, v in ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES), link_rel=None, strip_comments=True,
        attribute_filter=attribute_filter if image_hosts is not None else None,
    )


def _local_or_allowed(url: str, hosts: frozenset[str]) -> bool:
    """An image address that is on the site itself, or on a host the site allows."""
    parts = urlsplit(url.strip())
    if not parts.scheme and not parts.netloc:
        return True  # relative to the page: part of the site (data: has a scheme, so it is refused)
    return parts.scheme in ("http", "https") and (parts.hostname or "") in hosts
