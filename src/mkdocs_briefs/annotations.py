"""Finding the annotations in a brief's Markdown text.

An annotation is an ordinary inline link whose address names an entity:
`[Seoul](actor:rok)`, `[the UNC](mechanism:unc)`, `[a recommendation](rec:some-id)`,
`[another brief](brief:some-id)`. Links inside code spans and code blocks are text, as
Markdown itself treats them. Each annotation gets the anchor its link will carry on the
brief's page (`rec-<id>` for the first span of a recommendation, `actor-rok-2` for the
second mention of an actor), and the paragraph it stands in, quoted on other pages.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .diagnostics import Diagnostics, Pos, did_you_mean
from .model import ANNOTATION_KINDS, Annotation

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_LIST_ITEM = re.compile(r"^ {0,3}([-*+]|\d{1,9}[.)])(\s|$)")
_LINK = re.compile(
    r"(?<!!)\[(?P<text>(?:[^\[\]]|\[[^\[\]]*\])*)\]"
    r"\(\s*<?(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*):(?P<target>[^\s)>]*)>?(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)"
)
_REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?(actor|mechanism|rec|brief):", re.MULTILINE)
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.DOTALL)
_ESCAPED = re.compile(r"\\.")


def anchor_for(kind: str, target: str, n: int) -> str:
    """The id of the n-th (1-based) annotation of `kind:target` on a brief's page."""
    if kind == "rec":
        return f"rec-{target}" if n == 1 else f"rec-{target}-{n}"
    return f"{kind}-{target}-{n}"


@dataclass
class _Paragraph:
    text: str
    first_line: int  # 0-based index of its first line in the body


def _paragraphs(lines: list[str]) -> list[_Paragraph]:
    """Blocks of consecutive text lines, leaving out fenced and indented code blocks."""
    paragraphs: list[_Paragraph] = []
    current: list[str] = []
    start = 0
    fence: str | None = None
    in_list = False
    previous_blank = True

    def close() -> None:
        nonlocal current
        if current:
            paragraphs.append(_Paragraph("\n".join(current), start))
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
    return paragraphs


def _mask(text: str) -> str:
    """Blank out code spans and backslash escapes, keeping every offset in place."""
    text = _ESCAPED.sub(lambda m: "  ", text)
    return _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), text)


def find_annotations(body: str, path: str, first_line: int, diags: Diagnostics) -> list[Annotation]:
    """Every annotation in `body`, whose first line is line `first_line` (1-based) of `path`."""
    found: list[Annotation] = []
    counts: Counter[tuple[str, str]] = Counter()
    lines = body.split("\n")
    for match in _REFERENCE_DEFINITION.finditer(body):
        line = body.count("\n", 0, match.start())
        diags.error(
            Pos(path, first_line + line, 1),
            "annotations must be inline links like [Seoul](actor:rok), not reference definitions",
        )
    for paragraph in _paragraphs(lines):
        masked = _mask(paragraph.text)
        for match in _LINK.finditer(masked):
            before = masked[: match.start()]
            line = first_line + paragraph.first_line + before.count("\n")
            col = match.start() - (before.rfind("\n") + 1) + 1
            pos = Pos(path, line, col)
            scheme, target = match.group("scheme"), match.group("target")
            text = paragraph.text[match.start("text") : match.end("text")]
            if scheme not in ANNOTATION_KINDS:
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
            if not fragment:  # a link into part of a page is a cross-reference, not a mention
                counts[scheme, target] += 1
                anchor = anchor_for(scheme, target, counts[scheme, target])
            found.append(Annotation(scheme, target, text, pos, anchor, paragraph.text))
    return found
