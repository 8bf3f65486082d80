"""Small corrections to the HTML Material writes, so every page passes the Nu HTML Checker;
and the mark of the plugin's own pages.

Applied to each finished page by the plugin; each fix is a plain string change that
leaves the page's behaviour as it was.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input\b[^>]*\btype="checkbox"[^>]*?) autocomplete="off"')
_TOC_LABEL = re.compile(r'(<label class="md-nav__title") for="__toc"')
_EMPTY_TABINDEX = re.compile(r'(<label class="md-nav__link"[^>]*?) tabindex=""')
_CONTENT_ARTICLE = re.compile(r'(<article class="md-content__inner\b[^"]*")')


def fix_page(html: str) -> str:
    # (each regular expression runs only where the text it changes is found: a search for a
    # plain string costs a fraction of the expression's scan of the whole page)
    # HTML allows autocomplete on text-like inputs only; Material puts it on its toggles
    if ' autocomplete="off"' in html:
        html = _CHECKBOX_AUTOCOMPLETE.sub(r"\1", html)
    # a page outside the navigation has no table-of-contents toggle for this label to name
    if 'id="__toc"' not in html and ' for="__toc"' in html:
        html = _TOC_LABEL.sub(r"\1", html)
    # with navigation.sections, a section's label gets an empty tabindex, which is no integer
    if ' tabindex=""' in html:
        html = _EMPTY_TABINDEX.sub(r"\1", html)
    return html


def own_page_mark(html: str) -> tuple[int, str] | None:
    """A generated page's <article> marked as the plugin's (`data-briefs-page`): its print rules
    (reader.css) and theme-fixes.js apply there, not to the rest of a site's hand-written pages.
    The mark is on the article, which Material's instant navigation replaces with the page.
    Where it goes and what, for `insert`; None for a page without Material's article."""
    found = _CONTENT_ARTICLE.search(html)
    return None if found is None else (found.end(), " data-briefs-page")


def insert(html: str, insertions: Iterable[tuple[int, str] | None]) -> str:
    """`html` with each text put in at its position (of `html` as it is), in one copy of the page:
    texts at the same position in the order given; None is nothing to insert."""
    found = sorted((i for i in insertions if i is not None), key=lambda i: i[0])
    if not found:
        return html
    parts: list[str] = []
    last = 0
    for at, text in found:
        parts += (html[last:at], text)
        last = at
    parts.append(html[last:])
    return "".join(parts)
