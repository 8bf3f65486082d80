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
import hashlib
import re
from collections.abc import Iterable

_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>\s[^>]*)?>(?P<body>.*?)</script>", re.DOTALL | re.IGNORECASE)
_JS_TYPES = ("", "text/javascript", "application/javascript", "module")
_HEAD = re.compile(r"<head>\s*(<meta charset=[^>]*>)?", re.IGNORECASE)
GOOGLE_FONTS = ("https://fonts.googleapis.com", "https://fonts.gstatic.com")
"""Where Material loads its web fonts from, unless the theme's `font: false`."""


def script_hashes(page_html: str) -> list[str]:
    """The CSP source expression ('sha256-...') of each inline script of a page, in order."""
    found: list[str] = []
    for match in _INLINE_SCRIPT.finditer(page_html):
        attrs = match.group("attrs") or ""
        if re.search(r"\bsrc\s*=", attrs):
            continue
        kind = re.search(r"\btype\s*=\s*[\"']?([^\"'\s>]*)", attrs)
        if kind and kind.group(1).lower() not in _JS_TYPES:
            continue  # a data block (application/json, ld+json): never run, not governed by script-src
        digest = base64.b64encode(hashlib.sha256(match.group("body").encode("utf-8")).digest()).decode("ascii")
        source = f"'sha256-{digest}'"
        if source not in found:
            found.append(source)
    return found


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
    """The page with its policy as the first element of <head> (after <meta charset>).

    Only the theme's inline scripts are allowed: those in `content` (the page's own HTML,
    which came from Markdown) are not, even on a page the sanitiser was told to leave alone.
    """
    head = _HEAD.search(page_html)
    if head is None:
        return page_html
    theme_only = page_html.replace(content, "") if content else page_html
    policy = policy_of(script_hashes(theme_only), image_hosts, web_fonts)
    meta = f'\n    <meta http-equiv="Content-Security-Policy" content="{policy}">'
    return page_html[: head.end()] + meta + page_html[head.end():]
