"""Finding the annotations in a brief's Markdown text.

An annotation is an ordinary inline link whose address names an entity:
`[Seoul](actor:rok)`, `[the UNC](mechanism:unc)`, `[a recommendation](rec:some-id)`,
`[another brief](brief:some-id)`. Links inside code spans and code blocks are text, as
Markdown itself treats them. Each annotation gets the anchor its link will carry on the
brief's page (`rec-<id>` for the first span of a recommendation, `actor-rok-2` for the
second mention of an actor), and the paragraph it stands in, quoted on other pages.
Links to an author or a series (`[Ann](author:ann)`) are checked like annotations but
are not mentions. The same code-aware reading escapes raw HTML in a brief's text.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .diagnostics import Diagnostics, Pos, did_you_mean
from .kinds import ANNOTATION_KINDS, KINDS
from .model import Annotation

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_DIAGRAM_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})\s*\{?\s*\.?mermaid\b", re.IGNORECASE)
_LIST_ITEM = re.compile(r"^ {0,3}([-*+]|\d{1,9}[.)])(\s|$)")
_LINK = re.compile(
    r"(?<!!)\[(?P<text>(?:[^\[\]]|\[[^\[\]]*\])*)\]"
    r"\(\s*<?(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*):(?P<target>[^\s)>]*)>?(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)"
)
_REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?(actor|mechanism|rec|brief|author|series):", re.MULTILINE)
_UNSAFE_SCHEMES = ("javascript", "vbscript", "data", "file")
_ANY_LINK_OR_IMAGE = re.compile(r"!?\[(?:[^\[\]]|\[[^\[\]]*\])*\]\(\s*<?([A-Za-z][A-Za-z0-9+.-]*):")
_AUTOLINK = re.compile(r"<(?:https?://|mailto:)[^<>\s]*>")
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.DOTALL)
_ESCAPED = re.compile(r"\\.")


def anchor_for(kind: str, target: str, n: int) -> str:
    """The id of the n-th (1-based) annotation of `kind:target` on a brief's page."""
    if kind == "rec":
        return f"rec-{target}" if n == 1 else f"rec-{target}-{n}"
    return f"{kind}-{target}-{n}"


@dataclass
class Paragraph:
    text: str
    first_line: int  # 0-based index of its first line in the body


def paragraphs(lines: list[str]) -> list[Paragraph]:
    """Blocks of consecutive text lines, leaving out fenced and indented code blocks."""
    found: list[Paragraph] = []
    current: list[str] = []
    start = 0
    fence: str | None = None
    in_list = False
    previous_blank = True

    def close() -> None:
        nonlocal current
        if current:
            found.append(Paragraph("\n".join(current), start))
        current = []

    for i, line in enumerate(lines):
        stripped = line.strip()
        if fence is not None:
            if stripped.startswith(fence[0] * len(fence)) and not stripped.strip(fence[0]):
                fence = None
            previous_blank = False
            continue
        opening = _FENCE.match(line)
        if opening:
            close()
            fence = opening.group(1)
            continue
        if not stripped:
            close()
            previous_blank = True
            continue
        indented = line.startswith(("    ", "\t"))
        if _LIST_ITEM.match(line):
            in_list = True
        elif not indented and not line.startswith(" "):
            in_list = in_list and not previous_blank
        if indented and previous_blank and not in_list and not current:
            previous_blank = False
            continue  # an indented code block
        if not current:
            start = i
        current.append(line)
        previous_blank = False
    close()
    return found


def mask_code(text: str) -> str:
    """Blank out code spans and backslash escapes, keeping every offset in place."""
    if "\\" in text:
        text = _ESCAPED.sub(lambda m: "  ", text)
    return _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), text) if "`" in text else text


def find_annotations(body: str, path: str, first_line: int, diags: Diagnostics) -> list[Annotation]:
    """Every annotation in `body`, whose first line is line `first_line` (1-based) of `path`."""
    found: list[Annotation] = []
    counts: Counter[tuple[str, str]] = Counter()
    for paragraph in paragraphs(body.split("\n")):
        masked = mask_code(paragraph.text)

        def pos_of(offset: int) -> Pos:
            before = masked[:offset]
            return Pos(path, first_line + paragraph.first_line + before.count("\n"), offset - (before.rfind("\n") + 1) + 1)

        for match in _REFERENCE_DEFINITION.finditer(masked):
            diags.error(pos_of(match.start()),
                        "annotations must be inline links like [Seoul](actor:rok), not reference definitions")
        for match in _ANY_LINK_OR_IMAGE.finditer(masked):
            if match.group(1).lower() in _UNSAFE_SCHEMES:
                diags.error(pos_of(match.start()), f"a '{match.group(1)}:' link is not allowed in a brief: "
                                                   "link to http, https or mailto addresses, or annotate an entity")
        for match in _LINK.finditer(masked):
            pos = pos_of(match.start())
            scheme, target = match.group("scheme"), match.group("target")
            text = paragraph.text[match.start("text") : match.end("text")]
            if scheme not in KINDS:
                hint = did_you_mean(scheme.lower(), ANNOTATION_KINDS)
                if hint and not target.startswith("//"):
                    diags.error(pos, f"unknown annotation kind '{scheme}'{hint}; "
                                     f"annotations are [text](kind:id) with kind one of: {', '.join(ANNOTATION_KINDS)}")
                continue
            if not target:
                diags.error(pos, f"annotation [{text}]({scheme}:) names no id: write [{text}]({scheme}:the-id)")
                continue
            target, _, fragment = target.partition("#")
            anchor = ""
            if scheme in ANNOTATION_KINDS and not fragment:  # a link into part of a page is not a mention
                counts[scheme, target] += 1
                anchor = anchor_for(scheme, target, counts[scheme, target])
            found.append(Annotation(scheme, target, text, pos, anchor, paragraph.text))
    return found


def refuse_diagrams(body: str, path: str, first_line: int, diags: Diagnostics) -> None:
    """A ```mermaid block would be drawn with its labels as HTML (Mermaid's sanitiser keeps
    tags like <img>): in a brief, where no editor's text becomes markup, it is an error."""
    fence: str | None = None
    for i, line in enumerate(body.split("\n")):
        if fence is not None:  # inside a code block, a fence line is text
            stripped = line.strip()
            if stripped.startswith(fence) and not stripped.strip(fence[0]):
                fence = None
            continue
        opening = _FENCE.match(line)
        if not opening:
            continue
        fence = opening.group(1)
        if _DIAGRAM_FENCE.match(line):
            diags.error(Pos(path, first_line + i, line.index(fence) + 1),
                        "a mermaid diagram is not allowed in a brief: its labels could put HTML on the page; "
                        "describe it in the text, or mark the block ```text to show it as code")


def escape_raw_html(markdown: str) -> str:
    """The text with every raw HTML tag shown as text; code, escapes and <https://...> links kept."""
    if "<" not in markdown:
        return markdown
    lines = markdown.split("\n")
    for paragraph in paragraphs(lines):
        if "<" not in paragraph.text:
            continue
        masked = mask_code(paragraph.text)
        autolinks = {m.start() for m in _AUTOLINK.finditer(masked)}
        pieces, start = [], 0
        for match in re.finditer("<", masked):  # a "<" in code is masked out, so kept
            if match.start() not in autolinks:
                pieces.append(paragraph.text[start : match.start()])
                start = match.end()
        text = "&lt;".join([*pieces, paragraph.text[start:]])
        new_lines = text.split("\n")
        lines[paragraph.first_line : paragraph.first_line + len(new_lines)] = new_lines
    return "\n".join(lines)
