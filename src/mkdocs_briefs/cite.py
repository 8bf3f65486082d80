"""How to cite a brief: a plain-text citation and a BibTeX entry, shown on its page.

Names are kept as the registry writes them (never turned around into "Last, First",
which goes wrong for many names). Every text reaches BibTeX through `bibtex_escape`
and HTML through `html.escape`. The BibTeX key depends only on the sources, so it stays
the same from one build to the next. Nothing here knows about MkDocs.
"""

from __future__ import annotations

import datetime
import html
import re
import unicodedata

from .corpus import Corpus
from .labels import t
from .markup import date, join, relation_label
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
    """`work2022-trilateral-prism`: first author's last word, year, brief id (unique in the site).

    For a restated brief this is the key of the original (its authors, its year)."""
    names = _author_names(corpus, brief)
    surname = _ascii_word(names[0].split()[-1]) if names and names[0].split() else ""
    year = brief.source.date.year if brief.source else brief.date.year
    return f"{surname or 'anon'}{year}-{brief.id}"


def restatement_key(brief: Brief, site_name: str) -> str:
    """`policybriefs-trilateral-prism`: the site's restatement of a brief's source."""
    return f"{_ascii_word(site_name) or 'site'}-{brief.id}"


def _sentence(text: str) -> str:
    return text.rstrip(".")


def original_text(corpus: Corpus, brief: Brief) -> str:
    """`Clint Work, “Original,” Publisher, 1 August 2022, URL`: a restated brief's source."""
    src = brief.source
    assert src is not None
    authors = join(_author_names(corpus, brief), serial=True).rstrip(".")
    return f"{authors}, “{_sentence(src.title)},” {src.publisher}, {date(src.date)}, {src.url}"


def citation_text(corpus: Corpus, brief: Brief, site_name: str, url: str | None) -> str:
    """The citation of what the page holds.

    Original work: `Ann Author. “Title.” Site, 1 August 2022. URL.`
    Restatement: `Site. “Title.” Restatement, 25 November 2026. URL. Restates: Clint Work, “Original,”
    Publisher, 1 August 2022, URL.`: the site's wording is never credited to the original's authors.
    """
    src = brief.source
    if src is None:
        authors = join(_author_names(corpus, brief), serial=True).rstrip(".")
        parts = [f"{authors}. “{_sentence(brief.title)}.” {site_name}, {date(brief.date)}."]
        if url:
            parts.append(f"{url}.")
    else:
        when = f", {date(src.restated)}" if src.restated else ""
        noun = relation_label(src.relation, "noun")
        parts = [f"{_sentence(site_name)}. “{_sentence(brief.title)}.” {noun}{when}."]
        if url:
            parts.append(f"{url}.")
        parts.append(f"{relation_label(src.relation, 'verb')}: {original_text(corpus, brief)}.")
    return " ".join(" ".join(p.split()) for p in parts)


def _entry(key: str, fields: list[tuple[str, str]], day: datetime.date | None) -> list[str]:
    if day:
        fields = [*fields, ("year", str(day.year)), ("month", _MONTHS[day.month - 1]), ("date", day.isoformat())]
    lines = [f"@misc{{{key},"]
    for name, value in fields:
        shown = value if name == "month" else "{" + value + "}"  # month: a macro, not braced text
        lines.append(f"  {name:<12} = {shown},")
    lines[-1] = lines[-1].rstrip(",")
    lines.append("}")
    return lines


def bibtex(corpus: Corpus, brief: Brief, site_name: str, url: str | None) -> str:
    """One entry for an original brief; for a restatement, the restatement's entry (its author is the
    site) and the original's, which the first names in its `related` field."""
    src = brief.source
    authors = " and ".join(_bibtex_name(n) for n in _author_names(corpus, brief))
    title = "{" + bibtex_escape(brief.title) + "}"  # inner braces keep "U.S.-ROK" as written
    if src is None:
        fields = [("author", authors), ("title", title), ("howpublished", bibtex_escape(site_name))]
        if url:
            fields.append(("url", _bibtex_url(url)))
        return "\n".join(_entry(bibtex_key(corpus, brief), fields, brief.date))
    original = bibtex_key(corpus, brief)
    mine = [("author", "{" + bibtex_escape(site_name) + "}"), ("title", title),
            ("howpublished", bibtex_escape(site_name))]
    if url:
        mine.append(("url", _bibtex_url(url)))
    note = t("cite.bibtex_note", relation=relation_label(src.relation, "noun"), original=original_text(corpus, brief))
    mine += [("note", bibtex_escape(note)),
             ("related", original)]
    theirs = [("author", authors), ("title", "{" + bibtex_escape(src.title) + "}"),
              ("howpublished", bibtex_escape(src.publisher)), ("url", _bibtex_url(src.url))]
    return "\n".join([*_entry(restatement_key(brief, site_name), mine, src.restated), "",
                      *_entry(original, theirs, src.date)])


def original_citation(corpus: Corpus, brief: Brief) -> str:
    """`Clint Work. “Original.” Publisher, 1 August 2022. URL.`: the source of a restated brief."""
    src = brief.source
    assert src is not None
    authors = join(_author_names(corpus, brief), serial=True).rstrip(".")
    text = f"{authors}. “{_sentence(src.title)}.” {_sentence(src.publisher)}, {date(src.date)}. {src.url}."
    return " ".join(text.split())


def _copy(target: str, label: str) -> str:
    return (f'<p><button type="button" class="md-button briefs-copy" data-clipboard-target="#{target}">'
            f"{html.escape(label)}</button></p>\n")


def cite_block(corpus: Corpus, brief: Brief, site_name: str, url: str | None) -> str:
    """The "Cite this brief" block of a brief's page, as raw HTML (every text escaped).

    For a restated brief it cites the restatement as the site's, then the original as its authors'.
    The copy buttons use Material's clipboard support (any `data-clipboard-target`), or
    assets/copy.js on another theme.
    """
    original, original_label = "", ""
    if brief.source is not None:
        original = original_citation(corpus, brief)
        original_label = t("cite.original", authors=join(_author_names(corpus, brief), serial=True).rstrip("."))
    return render("briefs/cite.html", brief=brief, text=citation_text(corpus, brief, site_name, url),
                  bibtex=bibtex(corpus, brief, site_name, url),
                  relation=relation_label(brief.source.relation, "cite") if brief.source is not None else "",
                  original=original, original_label=original_label)
