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
- no `<noscript>` ever comes through, not even the plugin's own (it writes none: its grids
  are tables, read the same without JavaScript), because browsers with scripting on read its
  content as text and a sanitiser parsing it as markup can be fooled (mutation XSS).
"""

from __future__ import annotations

import functools
import re
from urllib.parse import urlsplit

import nh3

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

URL_SCHEMES = frozenset({"http", "https", "mailto"})
"""Schemes allowed in `href` and `src`, besides relative URLs and #fragments."""

_ALIGN = re.compile(r'<(td|th)\b([^>]*?) style="text-align: ?(left|right|center);?"')


def clean(html: str, image_hosts: frozenset[str] = frozenset()) -> str:
    """The page's HTML with only the allowed elements, attributes and URLs left.

    The allowlist is built once (an `nh3.Cleaner`). Most pages have no image and no `mermaid`
    class, where the attribute filter below would keep every value as it is: they are cleaned
    without it (a call into Python for each attribute), and the result is checked for both; a page
    whose cleaned HTML has either is cleaned again, from the start, with the filter. The check
    reads the sanitiser's own output, where an image is `<img` and a class is written out in full
    (no character reference left), so nothing the filter would change can pass unseen."""
    if ' style="text-align' in html:
        html = _ALIGN.sub(r'<\1\2 align="\3"', html)
    cleaned = _cleaner(None).clean(html)
    if "<img" in cleaned or "mermaid" in cleaned:
        return _cleaner(image_hosts).clean(html)
    return cleaned


@functools.lru_cache(maxsize=16)
def _cleaner(image_hosts: frozenset[str] | None) -> nh3.Cleaner:
    """The allowlist as a reusable cleaner; with the attribute filter for `image_hosts`, or (None) without."""
    def attribute_filter(tag: str, attr: str, value: str) -> str | None:
        if attr == "src" and tag == "img":
            return value if _local_or_allowed(value, image_hosts or frozenset()) else None
        diagram = tag == "pre" or (tag == "div" and value.split() == ["mermaid"])  # a fence, in either format
        if attr == "class" and "mermaid" in value.split() and not diagram:
            return " ".join(c for c in value.split() if c != "mermaid") or None
        return value

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
