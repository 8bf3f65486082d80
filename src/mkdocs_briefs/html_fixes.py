"""Small corrections to the HTML Material writes, so every page passes the Nu HTML Checker;
and the mark of the plugin's own pages.

Applied to each finished page by the plugin; each fix is a plain string change that
leaves the page's behaviour as it was.
"""

from __future__ import annotations

import re

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


def mark_own_page(html: str) -> str:
    """A generated page's <article> marked as the plugin's (`data-briefs-page`): its print rules
    (reader.css) and theme-fixes.js apply there, not to the rest of a site's hand-written pages.
    The mark is on the article, which Material's instant navigation replaces with the page."""
    return _CONTENT_ARTICLE.sub(r"\1 data-briefs-page", html, count=1)
