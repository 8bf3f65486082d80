"""A Content-Security-Policy for every page: defence in depth behind the sanitiser.

If markup from an editor ever slipped through `sanitize.py`, the browser would still
refuse to run it: scripts come only from the site itself (`'self'`) or are one of the
inline scripts the theme wrote into that page, each allowed by its SHA-256 hash; there is
no `'unsafe-inline'` for scripts, so an event-handler attribute or a `javascript:` link
does nothing. Images come from the site, `data:` (the theme's icons) and the hosts of
the `image_hosts` option only, so a page cannot make readers' browsers call a third party.

The policy goes in a `<meta http-equiv>` at the top of `<head>`, before any script;
`policy_of()` gives the same text for a host that can send it as a header instead.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import re
from collections.abc import Iterable

_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>\s[^>]*)?>(?P<body>.*?)</script>", re.DOTALL | re.IGNORECASE)
_SRC = re.compile(r"\bsrc\s*=")
_TYPE = re.compile(r"\btype\s*=\s*[\"']?([^\"'\s>]*)")
_JS_TYPES = ("", "text/javascript", "application/javascript", "module")
_HEAD = re.compile(r"<head>\s*(<meta charset=[^>]*>)?", re.IGNORECASE)
GOOGLE_FONTS = ("https://fonts.googleapis.com", "https://fonts.gstatic.com")
"""Where Material loads its web fonts from, unless the theme's `font: false`."""


def script_hashes(page_html: str) -> list[str]:
    """The CSP source expression ('sha256-...') of each inline script of a page, in order."""
    found: list[str] = []
    for match in _INLINE_SCRIPT.finditer(page_html):
        source = _source_of(match.group("attrs") or "", match.group("body"))
        if source is not None and source not in found:
            found.append(source)
    return found


@functools.lru_cache(maxsize=256)
def _source_of(attrs: str, body: str) -> str | None:
    """The source expression of an inline script, None for one that is not inline or not run; the
    theme writes the same few scripts in every page, each is hashed once."""
    if _SRC.search(attrs):
        return None
    kind = _TYPE.search(attrs)
    if kind and kind.group(1).lower() not in _JS_TYPES:
        return None  # a data block (application/json, ld+json): never run, not governed by script-src
    digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
    return f"'sha256-{digest}'"


def policy_of(hashes: Iterable[str], image_hosts: Iterable[str] = (), web_fonts: bool = False) -> str:
    """The policy: scripts from the site and the given hashes, images from the site and image_hosts."""
    images = " ".join(f"https://{h}" for h in image_hosts)
    fonts = " ".join(GOOGLE_FONTS) if web_fonts else ""
    directives = [
        "default-src 'self'",
        " ".join(["script-src 'self'", *hashes]),
        f"style-src 'self' 'unsafe-inline' {GOOGLE_FONTS[0] if web_fonts else ''}".strip(),
        f"img-src 'self' data: {images}".strip(),
        f"font-src 'self' data: {fonts}".strip(),
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ]
    return "; ".join(directives)


def add_policy(page_html: str, image_hosts: Iterable[str] = (), web_fonts: bool = False, content: str = "") -> str:
    """The page with its policy as the first element of <head> (after <meta charset>)."""
    found = policy_meta(page_html, image_hosts, web_fonts, content)
    if found is None:
        return page_html
    at, meta = found
    return page_html[:at] + meta + page_html[at:]


def policy_meta(page_html: str, image_hosts: Iterable[str] = (), web_fonts: bool = False,
                content: str = "") -> tuple[int, str] | None:
    """The policy's <meta> and where it goes in the page: first in <head> (after <meta charset>);
    None for a page without <head>. The plugin puts it in with its other additions, in one copy.

    Only the theme's inline scripts are allowed: those in `content` (the page's own HTML,
    which came from Markdown) are not, even on a page the sanitiser was told to leave alone.
    """
    head = _HEAD.search(page_html)
    if head is None:
        return None
    policy = policy_of(script_hashes(_without(page_html, content)), image_hosts, web_fonts)
    return head.end(), f'\n    <meta http-equiv="Content-Security-Policy" content="{policy}">'


def _without(page_html: str, content: str) -> str:
    """`page_html.replace(content, "")`, found faster in the usual case, where the content is in
    the page once: its start is looked for rather than the whole of it (a page's content is
    about half of the page), then checked in full."""
    if not content:
        return page_html
    start = content[:256]
    at = page_html.find(start)
    if at >= 0 and page_html.startswith(content, at) and page_html.find(start, at + len(content)) < 0:
        return page_html[:at] + page_html[at + len(content):]
    return page_html.replace(content, "")
