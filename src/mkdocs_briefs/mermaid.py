"""Mermaid diagrams: a flowchart builder whose every label is safe, the Markdown figure
around a diagram, and the rewriting of the links inside diagrams once a page's HTML exists.

Diagrams are Mermaid flowcharts in ```mermaid fences, which Material for MkDocs renders
in the browser (the plugin configures `pymdownx.superfences` for it, `add_mermaid_fence`,
and serves Mermaid from the site itself). Three rules keep them safe and legible:

- every label is user text passed through `mermaid_text()`, which keeps ASCII letters,
  digits and spaces and writes every other character as a Mermaid entity code (`#34;`),
  so no label can end its quotes, start a comment or directive, or carry HTML;
  node ids are generated (`n1`, `n2`...), never taken from the sources, and a diagram's
  accessible name (`accTitle`) is a label of the catalogue, kept to letters and plain punctuation;
- what a diagram leaves out to stay legible is counted in a dashed "and N more" box and
  said in the note under it (`cut`, `note`);
- links in a diagram are written as docs-relative paths (`click n3 href "briefs:actors/rok.md"`),
  because MkDocs never rewrites what is inside a code block; once a page's HTML exists,
  the plugin turns them into URLs relative to that page with `resolve_diagram_links()`.

Nothing here knows about MkDocs.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache

from .blocks import fences
from .labels import number, t
from .markup import count, join
from .templates import Markup, render

MAX_LABEL = 60
"""Characters of a label in a diagram; a longer name is cut with '…' (its page has it whole)."""
MAX_FOCUS_LABEL = 120
"""Characters of the label of the page's own entity, drawn in the middle."""


# --- escaping -----------------------------------------------------------------------


_MERMAID_UNSAFE = re.compile(r"[^A-Za-z0-9 ]")


@lru_cache(maxsize=4096)  # the same names label boxes on many pages
def mermaid_text(text: str, limit: int = MAX_LABEL) -> str:
    """User text as the inside of a quoted Mermaid label that shows exactly that text.

    ASCII letters, digits and spaces are kept; every other character becomes an entity
    code (`"` -> `#34;`, `<` -> `#60;`), which Mermaid turns into an HTML character
    reference. Quotes, brackets, `#`, `;`, `%%`, `:` and `<b>` are thus inert. Whitespace
    runs become one space, and text over `limit` characters is cut with an ellipsis.
    """
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return _MERMAID_UNSAFE.sub(lambda m: f"#{ord(m[0])};", text)


# --- a Mermaid flowchart -----------------------------------------------------------

_SHAPES = {"box": ('["', '"]'), "round": ('("', '")'), "stadium": ('(["', '"])')}
_LAYOUT = ("---", "config:", "  flowchart:", "    nodeSpacing: 14", "    rankSpacing: 40", "---")
"""Mermaid settings (front matter of the diagram): boxes closer together than by default."""
_CLASSES = {
    "focus": "stroke-width:3px,font-weight:bold",
    "more": "stroke-dasharray:4 3",
}


@dataclass
class Flowchart:
    """A Mermaid flowchart whose every label is escaped and whose node ids are generated."""

    title: str = ""
    """The diagram's accessible name (a label, never an editor's text)."""
    direction: str = "LR"
    lines: list[str] = field(default_factory=list)
    clicks: list[str] = field(default_factory=list)
    styled: dict[str, list[str]] = field(default_factory=dict)
    _ids: int = 0
    _indent: str = "  "

    def _id(self, prefix: str) -> str:
        self._ids += 1
        return f"{prefix}{self._ids}"

    def node(self, label: str, target: str | None = None, *, shape: str = "box", css: str | None = None) -> str:
        """Add a box; `target` is a docs-relative path (with an optional ?query or #fragment)."""
        node_id = self._id("n")
        opening, closing = _SHAPES[shape]
        text = mermaid_text(label, MAX_FOCUS_LABEL if css == "focus" else MAX_LABEL)
        self.lines.append(f"{self._indent}{node_id}{opening}{text}{closing}")
        if target:
            self.clicks.append(f'click {node_id} href "{LINK_PREFIX}{_safe_target(target)}"')
        if css:
            self.styled.setdefault(css, []).append(node_id)
        return node_id

    @contextmanager
    def group(self, title: str):
        """A titled box around the nodes added inside the `with` block; yields its id."""
        group_id = self._id("g")
        self.lines.append(f'{self._indent}subgraph {group_id}["{mermaid_text(title)}"]')
        self._indent += "  "
        self.lines.append(f"{self._indent}direction {self.direction}")  # members in a column, not a row
        try:
            yield group_id
        finally:
            self._indent = self._indent[:-2]
            self.lines.append(f"{self._indent}end")

    def edge(self, a: str, b: str, label: str = "", *, dotted: bool = False, arrow: bool = True) -> None:
        line = ("-.->" if arrow else "-.-") if dotted else ("-->" if arrow else "---")
        text = f'|"{mermaid_text(label)}"|' if label else ""
        self.lines.append(f"  {a} {line}{text} {b}")

    def source(self) -> str:
        out = [*_LAYOUT, f"flowchart {self.direction}"]
        if self.title:
            out.append(f"  accTitle: {_TITLE_UNSAFE.sub(' ', self.title).strip()}")
        out += self.lines
        for css, ids in self.styled.items():
            out += [f"  classDef {css} {_CLASSES[css]}", f"  class {','.join(ids)} {css}"]
        return "\n".join(out + [f"  {c}" for c in self.clicks])


_TITLE_UNSAFE = re.compile(r"[^\w ,.'’、。・-]")
"""Characters left out of a diagram's accessible name: it runs to the end of its line, unquoted."""


def _safe_target(target: str) -> str:
    if not re.fullmatch(r"[A-Za-z0-9._/?&=#-]+", target):
        raise ValueError(f"unsafe link target in a diagram: {target!r}")
    return target


def figure(chart: Flowchart, caption: str, note: str = "") -> str:
    """A diagram as Markdown: its caption, the Mermaid fence (kept out of the search index)
    and a note (what was left out). Caption and note are Markdown, already escaped."""
    return render("briefs/diagram.html", caption=Markup(caption), source=Markup(chart.source()), note=Markup(note))


# --- links in a diagram ------------------------------------------------------------

LINK_PREFIX = "briefs:"
"""Marks the link targets this module writes, so that only those are rewritten."""
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


# --- what a diagram leaves out ---------------------------------------------------


def cut(shown: int, total: int, key: str) -> str | None:
    """'12 of 40 recommendations' when a diagram shows `shown` of `total` (counted with the label `key`), else None."""
    return t("diagram.cut", shown=number(shown), counted=count(total, key)) if total > shown else None


def note(cuts: Iterable[str | None], where: str, *, dashed: bool = True) -> str:
    """The note under a diagram: what it leaves out (`cuts`) and `where` the rest is."""
    left_out = [c for c in cuts if c]
    if not left_out:
        return t("diagram.each_box")
    return t("diagram.note_dashed" if dashed else "diagram.note", shown=join(left_out), where=where)


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
