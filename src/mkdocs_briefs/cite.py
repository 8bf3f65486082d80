"""How to cite a brief: a plain-text citation and a BibTeX entry, shown on its page.

Names are kept as the registry writes them (never turned around into "Last, First",
which goes wrong for many names). Every text reaches BibTeX through `bibtex_escape`
and HTML through `html.escape`. The BibTeX key depends only on the sources, so it stays
the same from one build to the next. Nothing here knows about MkDocs.
"""

from __future__ import annotations

import re
import unicodedata

from .corpus import Corpus
from .labels import t
from .markup import date, join
from .model import Brief
from .templates import render

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")

_BIBTEX_SPECIAL = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&", "$": r"\$",
    "#": r"\#", "_": r"\_", "^": r"\^{}", "~": r"\~{}",
}
_BIBTEX_RE = re.compile("|".join(re.escape(ch) for ch in _BIBTEX_SPECIAL))


def bibtex_escape(text: str) -> str:
    """Text as the value of a braced BibTeX field: TeX's special characters made literal."""
    return _BIBTEX_RE.sub(lambda m: _BIBTEX_SPECIAL[m.group(0)], " ".join(text.split()))


def _bibtex_url(url: str) -> str:
    """A URL for the `url` field: braces, backslashes and spaces percent-encoded, the rest as is."""
    return re.sub(r"[{}\\\s]", lambda m: f"%{ord(m.group(0)):02X}", url)


def _bibtex_name(name: str) -> str:
    """One author for a BibTeX `author` list; a name BibTeX would split is kept whole in braces."""
    escaped = bibtex_escape(name)
    if "," in name or re.search(r"\band\b", name, re.IGNORECASE):
        return "{" + escaped + "}"
    return escaped


def _ascii_word(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]", "", folded.lower())


def _author_names(corpus: Corpus, brief: Brief) -> list[str]:
    return [corpus.name_of("author", ref.id) for ref in brief.authors]


def bibtex_key(corpus: Corpus, brief: Brief) -> str:
    """`work2022-trilateral-prism`: first author's last word, year, brief id (unique in the site)."""
    names = _author_names(corpus, brief)
    surname = _ascii_word(names[0].split()[-1]) if names and names[0].split() else ""
    return f"{surname or 'anon'}{brief.date.year}-{brief.id}"


def citation_text(corpus: Corpus, brief: Brief, site_name: str, url: str | None) -> str:
    """`Clint Work. “Title.” Site, 1 August 2022. URL. Restates “Original” (Publisher, date).`"""
    src = brief.source
    authors = join(_author_names(corpus, brief), serial=True).rstrip(".")
    parts = [f"{authors}. “{brief.title.rstrip('.')}.” {site_name}, {date(brief.date)}."]
    if url:
        parts.append(f"{url}.")
    parts.append(t("cite.restates_url", title=src.title.rstrip("."), publisher=src.publisher, date=date(src.date),
                   url=src.url))
    return " ".join(" ".join(p.split()) for p in parts)


def bibtex(corpus: Corpus, brief: Brief, site_name: str, url: str | None) -> str:
    src = brief.source
    fields = [
        ("author", " and ".join(_bibtex_name(n) for n in _author_names(corpus, brief))),
        ("title", "{" + bibtex_escape(brief.title) + "}"),  # inner braces keep "U.S.-ROK" as written
        ("howpublished", bibtex_escape(site_name)),
        ("year", str(brief.date.year)),
        ("month", ""),  # a macro, not braced text
        ("date", brief.date.isoformat()),
    ]
    if url:
        fields.append(("url", _bibtex_url(url)))
    fields.append(("note", bibtex_escape(t("cite.restates", title=src.title, publisher=src.publisher,
                                           date=date(src.date)))))
    lines = [f"@misc{{{bibtex_key(corpus, brief)},"]
    for name, value in fields:
        shown = _MONTHS[brief.date.month - 1] if name == "month" else "{" + value + "}"
        lines.append(f"  {name:<12} = {shown},")
    lines[-1] = lines[-1].rstrip(",")
    lines.append("}")
    return "\n".join(lines)


def cite_block(corpus: Corpus, brief: Brief, site_name: str, url: str | None) -> str:
    """The "Cite this brief" block of a brief's page, as raw HTML (every text escaped).

    The copy buttons use Material's clipboard support (any `data-clipboard-target`).
    """
    return render("briefs/cite.html", brief=brief, text=citation_text(corpus, brief, site_name, url),
                  bibtex=bibtex(corpus, brief, site_name, url))
