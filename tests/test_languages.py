"""The shipped site built in Korean and in Japanese (`theme.language`) shows no English label
on any kind of generated page: brief, recommendation (with and without updates), actor,
mechanism, author, series, update, the indexes, the tracker, the matrix, the map, the grids,
and the explorer and previews once their scripts have run. Editors' own text (names, titles, the briefs) stays as written, in English here: it
is taken out of the page before looking for English words."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
import yaml
from browser import serve_folder
from conftest import SOURCE_DATE_EPOCH, Build, built, copy_shipped, run_build

from mkdocs_briefs.pipeline import run

pytestmark = pytest.mark.slow  # two builds of the shipped site

ALLOWED = {"BibTeX", "CSV", "JSON", "OPCON", "JavaScript"}
"""Words a Korean or Japanese label may keep in Latin letters."""
TECHNICAL = re.compile(r"\bhttps?(?:\(s\))?|[\w.-]+(?:/[\w.-]+)+")
"""A file's path (data/recommendations.json) or a scheme (http(s)) in a label: names, not English words."""
ENGLISH_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]{2,}")
PAGES = {
    "brief": "briefs/trilateral-prism/",
    "recommendation": "recommendations/expand-strategic-aperture/",
    "tracked recommendation": "recommendations/upgrade-rok-unc-relationship/",
    "actor": "actors/rok/",
    "mechanism": "mechanisms/opcon-transition/",
    "author": "authors/clint-work/",
    "series": "series/future-of-trilateralism/",
    "update": "updates/2026-01-dmz-dispute-unresolved/",
    "briefs index": "briefs/",
    "recommendations index": "recommendations/",
    "actors index": "actors/",
    "mechanisms index": "mechanisms/",
    "authors index": "authors/",
    "series index": "series/",
    "matrix": "matrix/",
    "matrix by group": "matrix/groups/",
    "map": "map/",
    "updates index": "updates/",
    "tracker": "tracker/",
}
ENTITY_PAGES = {"brief", "recommendation", "tracked recommendation", "actor", "mechanism", "author", "series"}


def _site(root: Path, language: str) -> Build:
    copy_shipped(root)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("  name: material\n", f"  name: material\n  language: {language}\n"),
                      "utf-8")
    return built(run_build(root, env={"SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH}))


@pytest.fixture(scope="module", params=["ko", "ja"])
def translated(request, tmp_path_factory) -> tuple[str, Build]:
    return request.param, _site(tmp_path_factory.mktemp(request.param), request.param)


def _editors_text(root: Path) -> list[str]:
    """Every text an editor wrote in the sources that a page may show, longest first."""
    outcome = run(root / "briefs", root)
    corpus = outcome.corpus
    assert corpus is not None
    texts: set[str] = set()
    for kind in ("brief", "rec", "actor", "mechanism", "author", "series"):
        for entity in corpus.table(kind).values():
            for name in ("title", "name", "short", "statement", "summary", "description", "affiliation", "bio",
                         "publisher", "url"):
                value = getattr(entity, name, None)
                if isinstance(value, str) and value:
                    texts.add(" ".join(value.split()))
            texts.update(getattr(entity, "aliases", []) or [])
            source = getattr(entity, "source", None)
            if source is not None:
                texts.update({source.title, source.publisher})
    for update in corpus.updates.values():
        texts.update({" ".join(update.title.split()), *(" ".join(a.note.split()) for a in update.affects if a.note)})
        texts.update(text for s in update.sources for text in (s.title, s.publisher))
    return sorted(texts, key=len, reverse=True)


def _without(text: str, removed: list[str]) -> str:
    text = " ".join(text.split())
    for value in removed:
        text = text.replace(value, " ")
    return text


def _labels(page, kind: str) -> str:
    """The text of the parts of a generated page that the plugin writes, without the links
    (whose text is an editor's name or title) and without the text of the brief itself."""
    article = page.select_one("article")
    for link in article.select("a"):
        if "headerlink" in (link.get("class") or []):
            link.decompose()
        else:
            link.replace_with(" ")
    for code in article.select("pre"):
        code.decompose()
    if kind == "update":  # its text is the editor's: only the plugin's own headings and parts
        parts = [article.select(sel) for sel in (".briefs-meta", "h2", "dl dd", "article > ul li")]
        return " ".join(el.get_text(" ") for found in parts for el in found)
    if kind not in ENTITY_PAGES:
        return article.get_text(" ")
    parts = [article.select(sel) for sel in (
        ".briefs-meta", ".briefs-credit", ".briefs-facts dt", ".briefs-facts dd", "h2", "dl:not(.briefs-facts) dd",
        ".briefs-grid-caption", ".briefs-grid-legend", ".briefs-grid-note", ".briefs-grid-corner", "th[scope=colgroup]",
        ".briefs-sr-only", ".briefs-cite summary", ".briefs-cite button", ".briefs-cite__label", "article > ul li",
        "article > p", "h3", ".briefs-timeline li", ".briefs-timeline p", ".briefs-status-counts li")]
    if kind == "brief":  # the body is the editor's: only the plugin's own headings and blocks
        parts = [article.select(sel) for sel in (
            ".briefs-meta", ".briefs-credit", "h2#recommendations", "h2#connections", "#recommendations ~ dl dd",
            ".briefs-grid-caption", ".briefs-grid-legend", ".briefs-grid-note", ".briefs-grid-corner", "th[scope=colgroup]",
            ".briefs-sr-only", ".briefs-cite summary", ".briefs-cite button",
            ".briefs-cite__label")]
    return " ".join(el.get_text(" ") for found in parts for el in found)


def _grid_labels(page) -> list[str]:
    """The grids' accessible names (their captions, on the table for screen readers)."""
    return [table["aria-label"] for table in page.select(".briefs-grid table[aria-label]")]


def _english(text: str) -> list[str]:
    return [w for w in ENGLISH_WORD.findall(text) if w not in ALLOWED]


@pytest.mark.parametrize("kind", PAGES)
def test_no_english_label_on_a_generated_page(translated, kind):
    language, site = translated
    page = site.html(PAGES[kind])
    assert page.html["lang"] == language
    editors = _editors_text(site.site.parent)
    grids = _grid_labels(page)
    text = _without(html.unescape(_labels(page, kind)), editors)
    assert _english(text) == [], f"{language} {PAGES[kind]}: English words in the labels: {text}"
    for label in grids:
        assert _english(_without(label, editors)) == [], f"{language} {PAGES[kind]}: grid label {label!r}"
    title = page.title.get_text()
    assert _english(_without(title.rsplit(" - ", 1)[0], editors)) == [], title


def test_the_explorer_redirect_speaks_the_language(translated):
    language, site = translated
    page = site.html("explorer/")
    assert page.html["lang"] == language
    words = ENGLISH_WORD.findall(TECHNICAL.sub(" ", page.get_text(" ")))
    assert words == [] and page.title.get_text() and page.select_one("a[href='../recommendations/']")


def test_the_labels_of_the_scripts_are_in_the_page(translated):
    language, site = translated
    page = site.html("recommendations/")
    data = page.select_one("head script#briefs-labels[type='application/json']")
    assert data is not None
    labels = yaml.safe_load(data.get_text())  # JSON is YAML
    texts = " ".join(str(v) for v in labels.values())
    assert _english(TECHNICAL.sub(" ", re.sub(r"\{\w+\}", " ", texts))) == []


@pytest.mark.parametrize("width", [1280, 390])
def test_the_explorer_and_previews_speak_the_language_once_their_scripts_ran(translated, chromium, width):
    language, site = translated
    editors = _editors_text(site.site.parent)
    with serve_folder(site.site) as url:
        page = chromium.new_page(viewport={"width": width, "height": 900})
        try:
            page.goto(url + "recommendations/?horizon=near-term")
            page.wait_for_selector(".briefs-explorer__status")
            page.wait_for_function("document.querySelector('.briefs-explorer__status').textContent.length > 0")
            controls = page.eval_on_selector(".briefs-explorer__controls", """el => {
                const copy = el.cloneNode(true);
                copy.querySelectorAll('.briefs-facet li span:not(.briefs-facet__count)').forEach(s => s.remove());
                return [copy.innerText, el.getAttribute('aria-label'),
                        el.querySelector('input[type=search]').getAttribute('placeholder')].join(' ');
            }""")
            assert _english(controls) == [], controls
            more = page.eval_on_selector(".briefs-explorer__more", "el => el.textContent")
            cells = page.eval_on_selector_all("[data-briefs-explorer] td[data-label]",
                                              "els => [...new Set(els.map(e => e.getAttribute('data-label')))]")
            horizons = page.eval_on_selector_all("[data-briefs-explorer] tbody td:nth-child(5)",
                                                 "els => [...new Set(els.map(e => e.textContent))]")
            assert cells and horizons
            assert _english(" ".join([more, *cells, *horizons])) == [], (more, cells, horizons)

            page.goto(url + "briefs/trilateral-prism/")
            link = page.locator("article a.briefs-link[data-briefs-kind='actor']").first
            link.hover()
            page.wait_for_selector("#briefs-preview:not([hidden])")
            kind = page.eval_on_selector(".briefs-preview__kind", "el => el.textContent")
            assert kind and _english(_without(kind, editors)) == [], kind
        finally:
            page.close()
