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

import functools
import html
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from .blocks import BIDI, CONTROL, MAX_NESTING, LineIndex, fenced_lines, fences, mask_code, nesting_depth
from .diagnostics import Diagnostics, Pos, did_you_mean
from .kinds import ANNOTATION_KINDS, KINDS
from .model import Annotation

_LIST_ITEM = re.compile(r"^ {0,3}([-*+]|\d{1,9}[.)])(\s|$)")
_CONTAINER = re.compile(r"^ {0,3}(?:[-*+]|\d{1,9}[.)]|!!!|\?\?\?\+?|:)(?:[ \t]|$)")
"""A line that opens a list item, an admonition or collapsible block, or a definition: the
lines indented under it are its content, not an indented code block."""
_LINK = re.compile(
    r"(?<!!)\[(?P<text>(?:[^\[\]]|\[[^\[\]]*\])*+)\]"
    r"\(\s*<?(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*):(?P<target>[^\s)>\[]*+)>?(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)"
)
"""An inline link with a scheme. Its parts are never read twice (`*+`), and an address stops at a '[' (no id
has one): a paragraph of '[x](a:' never closed was read once for each of them, in hours."""
_REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?(actor|mechanism|rec|brief|author|series):", re.MULTILINE)
_UNSAFE_SCHEMES = ("javascript", "vbscript", "data", "file")
"""Refused with an error; any other scheme but http(s) and mailto is dropped from the page by sanitize.py."""
_ANY_LINK_OR_IMAGE = re.compile(r"(!?)\[(?:[^\[\]]|\[[^\[\]]*\])*\]\(\s*(<[^>]*>|[^)\s]*(?:\n[^)\s]*)?)")
_ANY_DEFINITION = re.compile(r"^ {0,3}\[([^\]]+)\]:[ \t]*\n?[ \t]*<?([^\s>]+)", re.MULTILINE)
_IMAGE_REFERENCE = re.compile(r"!\[([^\]]*)\](?:[ ]?\[([^\]]*)\])?(?!\()")
_AUTOLINK = re.compile(r"<(?:(?i:https?)://[^<>]*|[^<> !]+@[^@<> ]+)>")
"""What Python-Markdown takes for an automatic link (AUTOLINK_RE, AUTOMAIL_RE): `<mailto:x>`
without an '@' is raw HTML to it."""
_MAYBE_DEEP = re.compile(rf"^[ \t>*+\-0-9.)]{{{MAX_NESTING + 1},}}", re.MULTILINE)
"""A line that could nest more than MAX_NESTING deep: each level takes at least one of these characters."""


def anchor_for(kind: str, target: str, n: int) -> str:
    """The id of the n-th (1-based) annotation of `kind:target` on a brief's page."""
    if kind == "rec":
        return f"rec-{target}" if n == 1 else f"rec-{target}-{n}"
    return f"{kind}-{target}-{n}"


@dataclass
class Paragraph:
    text: str
    first_line: int  # 0-based index of its first line in the body


_NON_BLANK_LINES = re.compile(r"^.*\S.*(?:\n.*\S.*)*", re.MULTILINE)
"""A run of lines with something other than white space on each: a paragraph, when there is no code."""


def paragraphs(lines: list[str]) -> list[Paragraph]:
    """Blocks of consecutive text lines, leaving out fenced and indented code blocks."""
    return paragraphs_of("\n".join(lines), lines)


def paragraphs_of(text: str, lines: list[str] | None = None) -> list[Paragraph]:
    """The paragraphs of a text (its `lines`, if they are at hand)."""
    if _without_code_blocks(text):  # the usual case: the runs of lines between blank ones, found in C
        found, line, offset = [], 0, 0
        for match in _NON_BLANK_LINES.finditer(text):
            line += text.count("\n", offset, match.start())
            offset = match.start()
            found.append(Paragraph(match.group(), line))
        return found
    return _paragraphs(text.split("\n") if lines is None else lines)


def _without_code_blocks(text: str) -> bool:
    """No fence (three backticks or tildes) and no line indented by a tab or four spaces: no code block."""
    return ("```" not in text and "~~~" not in text and "\n    " not in text and "\n\t" not in text
            and not text.startswith(("    ", "\t")))


def _paragraphs(lines: list[str]) -> list[Paragraph]:
    found: list[Paragraph] = []
    current: list[str] = []
    start = 0
    in_list = False
    previous_blank = True
    code = fenced_lines(lines)

    def close() -> None:
        nonlocal current
        if current:
            found.append(Paragraph("\n".join(current), start))
        current = []

    for i, line in enumerate(lines):
        stripped = line.strip()
        if i in code:
            close()
            previous_blank = False
            continue
        if not stripped:
            close()
            previous_blank = True
            continue
        indented = line.startswith(("    ", "\t"))
        if _CONTAINER.match(line):
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


def mask_image_alts(masked: str) -> str:
    """Blank out the alt text of images (`![see [x](actor:rok)](pic.png)`), keeping offsets: Markdown
    makes it plain text, so a link in it is no link and no mention. One pass over the brackets."""
    if "![" not in masked:
        return masked
    opened: list[int] = []
    spans: list[tuple[int, int]] = []
    for m in re.finditer(r"[\[\]]", masked):
        if m.group() == "[":
            opened.append(m.start())
        elif opened:
            start = opened.pop()
            if start and masked[start - 1] == "!" and masked[m.end() : m.end() + 1] in ("(", "["):
                spans.append((start + 1, m.start()))
    if not spans:
        return masked
    chars = list(masked)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def scheme_of(address: str) -> str | None:
    """The scheme a browser sees in a link address as Markdown writes it into HTML: character
    references decoded (`java&#115;cript:`, `&colon;`), tabs and newlines removed, leading
    control characters and spaces stripped."""
    address = html.unescape(address.strip("<>"))
    address = re.sub(r"[\t\n\r]", "", address).lstrip("".join(map(chr, range(0x21))))
    m = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):", address)
    return m.group(1).lower() if m else None


def _check_address(address: str, image: bool, pos: Pos, diags: Diagnostics, image_hosts: frozenset[str],
                   what: str) -> None:
    scheme = _scheme_of(address)
    if scheme in _UNSAFE_SCHEMES:
        diags.error(pos, f"a '{scheme}:' link is not allowed in {what}: "
                         "link to http, https or mailto addresses, or annotate an entity")
    elif image and (scheme is not None or html.unescape(address).lstrip("<").startswith("//")):
        host = urlsplit(html.unescape(address.strip("<>"))).hostname or ""
        if scheme not in ("http", "https", None) or host not in image_hosts:
            diags.error(pos, f"an image from another site ({host or scheme}) is not allowed in {what}: readers' "
                             "browsers would call that site; put the image in the repository and link it by path")


_scheme_of = functools.lru_cache(maxsize=4096)(scheme_of)
"""scheme_of, remembered: a brief links to the same few addresses again and again."""


def _pos(path: str, index: LineIndex, offset: int) -> Pos:
    return Pos(path, *index.line_col(offset))


def _check_links(masked: str, images: set[str], pos_of: Callable[[int], Pos], diags: Diagnostics,
                 image_hosts: frozenset[str], what: str) -> None:
    """Reference definitions of annotations, and the addresses of links and images (see _check_address)."""
    if "]:" in masked:  # both kinds of definition need it
        for match in _REFERENCE_DEFINITION.finditer(masked):
            diags.error(pos_of(match.start()),
                        "annotations must be inline links like [Seoul](actor:rok), not reference definitions")
        for match in _ANY_DEFINITION.finditer(masked):
            image = match.group(1).lower() in images
            _check_address(match.group(2), image, pos_of(match.start()), diags, image_hosts, what)
    if "](" in masked:
        for match in _ANY_LINK_OR_IMAGE.finditer(masked):
            _check_address(match.group(2), match.group(1) == "!", pos_of(match.start()), diags, image_hosts, what)


def find_annotations(body: str, path: str, first_line: int, diags: Diagnostics,
                     image_hosts: frozenset[str] = frozenset(), what: str = "a brief") -> list[Annotation]:
    """Every annotation in `body`, whose first line is line `first_line` (1-based) of `path`;
    messages call the text's source `what` ("a brief", "an update")."""
    found: list[Annotation] = []
    counts: Counter[tuple[str, str]] = Counter()
    read = [(paragraph, mask_code(paragraph.text)) for paragraph in paragraphs_of(body)]
    images = {(m.group(2) or m.group(1)).lower() for _, masked in read if "![" in masked
              for m in _IMAGE_REFERENCE.finditer(masked)}  # labels that images refer to, anywhere in the text
    for paragraph, masked in read:
        index = LineIndex(masked, first_line + paragraph.first_line)
        pos_of = functools.partial(_pos, path, index)

        _check_links(masked, images, pos_of, diags, image_hosts, what)
        if "](" not in masked:
            continue
        for match in _LINK.finditer(mask_image_alts(masked)):
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
            found.append(Annotation(scheme, target, text, pos, anchor, paragraph.text, (match.start(), match.end())))
    return found


def refuse_diagrams(body: str, path: str, first_line: int, diags: Diagnostics, what: str = "a brief") -> None:
    """Blocks a brief's text may not have: a ```mermaid block (drawn with its labels as HTML:
    Mermaid's sanitiser keeps tags like <img>), a fence never closed (the page's own Markdown
    after the text would be taken into it), control and bidirectional characters, lists nested too deep."""
    fenced = "```" in body or "~~~" in body
    lines = body.split("\n") if fenced else []
    for fence in fences(lines) if fenced else ():
        pos = Pos(path, first_line + fence.start, fence.col)
        if fence.end is None:
            diags.error(pos, "this code block is never closed: add a line with the same fence "
                             f"({lines[fence.start].strip()[:1] * 3}) after its last line")
        elif fence.is_mermaid:
            diags.error(pos, f"a mermaid diagram is not allowed in {what}: its labels could put HTML on the page; "
                             "describe it in the text, or mark the block ```text to show it as code")
    if not CONTROL.search(body) and not BIDI.search(body) and not _MAYBE_DEEP.search(body):
        return  # the usual case, found without looking at each line
    for i, line in enumerate(lines or body.split("\n")):
        bad = CONTROL.search(line)
        if bad:
            diags.error(Pos(path, first_line + i, bad.start() + 1),
                        f"control character U+{ord(bad.group()):04X} is not allowed in {what}'s text: delete it")
        bidi = BIDI.search(line)
        if bidi:
            diags.error(Pos(path, first_line + i, bidi.start() + 1),
                        f"bidirectional control U+{ord(bidi.group()):04X} is not allowed in {what}'s text: it makes "
                        "the text show in another order than it is written; delete it")
        if nesting_depth(line) > MAX_NESTING:
            diags.error(Pos(path, first_line + i, 1), f"lists or quotes are nested more than {MAX_NESTING} deep here: "
                                                      "flatten them")
            break


_ATTRIBUTE_LIST = re.compile(r"\{:?[ \t]*([^{}\n]+?)[ \t]*\}")
_ADMONITION = re.compile(r"^[ \t]*(?:!!!|\?\?\?\+?)[ \t]+([^\"\n]+)", re.MULTILINE)
"""An admonition's or a collapsible block's first line (`!!! note extra-class "Title"`): its words are classes."""
_SITE_NAME = re.compile(r"(?<![\w-])(?:md|briefs)-[\w-]*")
"""A class or id of the theme (Material's `md-dialog`, `md-header`...) or of the plugin (`briefs-...`)."""


def refuse_site_classes(body: str, path: str, first_line: int, diags: Diagnostics, what: str = "a brief") -> None:
    """An error where an attribute list in the text gives a class or id of the theme's or the plugin's:
    `{: .md-dialog .md-dialog--active }` made a paragraph a notice fixed over every reader's page ("your
    session has expired: call..."), which the sanitiser keeps (a class is harmless to it)."""
    if "md-" not in body and "briefs-" not in body:
        return
    for paragraph in paragraphs_of(body):
        masked = mask_code(paragraph.text)
        groups = [("attribute list", g) for g in _ATTRIBUTE_LIST.finditer(masked)]
        for giver, group in groups + [("admonition", g) for g in _ADMONITION.finditer(masked)]:
            name = _SITE_NAME.search(group.group(1))
            if name is None:
                continue
            offset = group.start(1) + name.start()
            line = masked.count("\n", 0, offset)
            col = offset - (masked.rfind("\n", 0, offset) + 1) + 1
            diags.error(Pos(path, first_line + paragraph.first_line + line, col),
                        f"the {giver} gives '{name.group()}', a name of the theme's or of the site's own page "
                        f"parts: text in {what} could pass for the site's own (a notice, a header); use a class of "
                        "your own")


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
