"""Mermaid diagrams in a site's own pages: the ```mermaid fence (Material for MkDocs renders
it in the browser; the plugin configures `pymdownx.superfences` for it, `add_mermaid_fence`,
and serves Mermaid from the site itself), and the links inside such diagrams.

The generated pages draw no diagram: connections are grids (grids.py), which read at a
phone's width and without JavaScript. A hand-written page may still draw one and link to
the generated pages with docs-relative paths after `briefs:` (`click n3 href
"briefs:actors/rok.md"`): MkDocs never rewrites what is inside a code block, so the plugin
turns them into URLs relative to the page with `resolve_diagram_links()` before rendering.

Nothing here knows about MkDocs.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .blocks import fences

# --- links in a diagram ------------------------------------------------------------

LINK_PREFIX = "briefs:"
"""Marks the link targets to rewrite, so that only those are."""
_PATH_AND_REST = re.compile(r"([^?#]*)(.*)", re.DOTALL)
_CLICK = re.compile(r'^(\s*click \w+ href ")' + LINK_PREFIX + r'([^"]*)(")')


def resolve_diagram_links(markdown: str, url_of: Callable[[str], str | None]) -> str:
    """Turn the `briefs:` link targets in a page's ```mermaid fences into URLs, in the page's
    Markdown, before it is rendered: whatever HTML a Mermaid plugin then makes of the fence
    (Material's `<pre class="mermaid">`, mkdocs-mermaid2's `<div  class=...>`), the links are
    already there. Text outside the fences (a brief's prose, other code) is never touched.

    Targets are docs-relative paths after LINK_PREFIX ('briefs:actors/rok.md'); `url_of(path)`
    gives the URL, relative to the page, of the docs file at `path`, or None if there is
    none. A `?query` or `#fragment` is kept. A click whose target is unknown is dropped, so
    the box shows without a link. Other clicks (`https://...`) are left alone.
    """
    if LINK_PREFIX not in markdown:
        return markdown

    def click(match: re.Match) -> str:
        path, rest = _PATH_AND_REST.fullmatch(match.group(2)).groups()  # type: ignore[union-attr]  # matches any text
        if not path:  # '#part' of the page itself
            return f"{match.group(1)}{match.group(2)}{match.group(3)}"
        url = url_of(path)
        if url is None:
            return ""
        return f"{match.group(1)}{url}{rest}{match.group(3)}"

    lines = markdown.split("\n")
    for fence in fences(lines):
        if fence.is_mermaid:
            for i in range(fence.start + 1, len(lines) if fence.end is None else fence.end):
                lines[i] = _CLICK.sub(click, lines[i])
    return "\n".join(lines)


# --- configuration -------------------------------------------------------------------

SUPERFENCES = "pymdownx.superfences"


def mermaid_fence() -> dict:
    """The custom fence Material for MkDocs documents for Mermaid diagrams."""
    from pymdownx.superfences import fence_code_format  # installed with Material for MkDocs

    return {"name": "mermaid", "class": "mermaid", "format": fence_code_format}


def add_mermaid_fence(extensions: list, configs: dict) -> None:
    """Make ```mermaid fences diagrams, unless the site's own superfences config handles them.

    `extensions` and `configs` are MkDocs' `markdown_extensions` and `mdx_configs`. A site's
    other options and custom fences are kept; one it names `mermaid` is left as it is.
    """
    if SUPERFENCES not in extensions:
        extensions.append(SUPERFENCES)
    options = dict(configs.get(SUPERFENCES) or {})
    fences = list(options.get("custom_fences") or [])
    if not any(f.get("name") == "mermaid" for f in fences):
        options["custom_fences"] = [*fences, mermaid_fence()]
    configs[SUPERFENCES] = options
