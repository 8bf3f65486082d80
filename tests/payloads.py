"""Hostile text an editor might write, for every test that checks it reaches the site as text.

Each constant would, if it were not escaped, make an element, run a script, end the element
it sits in, or be read as Markdown, Mermaid, TeX or a spreadsheet formula.
"""

from __future__ import annotations

import json

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
"""An element that runs a script as soon as it is made."""
BOLD = "<b>bold</b>"
JS_URL = "javascript:alert(1)"

PROBE = ('Probe" data-xss-probe="1" \' <xss-probe data-xss-probe="1">x</xss-probe>'
         f'<img src=x onerror="alert(1)"> </script> ]] %% {{{{ 7*7 }}}} [x]({JS_URL}) *not bold*')
"""Makes an element (`<xss-probe>`, `<img>`) or an attribute (`data-xss-probe`) wherever it is
not escaped, closes a script, and carries Mermaid, template and Markdown syntax."""

IN_HEAD = f'Bad </script>{SCRIPT} "q" & {BOLD} <!-- c'
"""Ends the <script> of the JSON-LD, opens a comment: for a page's <head>."""

TEX = r"100% of R&D_costs {x} #1 ~ $5 ^ \ end"
"""Every character special to TeX (BibTeX)."""

MERMAID = f'A"]; click X "{JS_URL}" %% {BOLD} #35; end'
"""Would end a Mermaid label, add a click, start a comment and inject HTML."""

AWKWARD = f'Quote " comma, semicolon; {BOLD} & *stars* | pipe `tick` — ünï 한국'
"""Awkward in Markdown, HTML, JSON and CSV at once."""

FORMULA = '=HYPERLINK("https://example.org")'
"""Starts a spreadsheet formula when a CSV is opened."""

IN_META = '"><script>alert(4)</script>'
"""Ends the `<meta content="...">` the theme writes from a page's front matter (description, author) and
adds a script to <head>, where the policy hashed it as one of the theme's own."""

ATTRIBUTE_LIST = '{: onclick="alert(1)" href="javascript:alert(2)" style="position:fixed" }'
"""Markdown's attr_list: an event handler, a script link and an overlay on the element before it (a build's
sanitiser removes them; a plain build of `mkdocs-briefs export` would not)."""

THEME_CLASS = "{: .md-dialog .md-dialog--active }"
"""Material's own classes on an editor's paragraph: a notice fixed over the reader's page ("your session has
expired: call..."), which no sanitiser removes, a class being harmless to it."""

LINE_BREAK_KEY = "x\n::error::spoofed"
"""A YAML key with a line break: a message quoting it as it is takes two lines, the second a GitHub Actions
workflow command."""

NOT_A_CHARACTER = "\\ud800"
"""A double-quoted YAML escape that makes half a UTF-16 pair, which no page or feed can hold."""

LONG_WORD = "Unbreakable" * 11
"""A word no line can break (121 characters): at a phone's width it must wrap, not widen the page."""


def yaml_text(text: str) -> str:
    """`text` as a double-quoted YAML scalar (JSON's string syntax is YAML's)."""
    return json.dumps(text, ensure_ascii=False)


def alias_bomb(levels: int = 9) -> str:
    """A 'billion laughs': each level lists the one before nine times through aliases, so the YAML stands for
    9**levels values (387 million at 9) in a few hundred bytes, and has 8 * 9 = 72 aliases."""
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for previous, name in zip("abcdefghijklmnopqrstuvwxyz", "bcdefghijklmnopqrstuvwxyz"[: levels - 1], strict=False):
        lines.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]")
    return "\n".join(lines) + "\n"
