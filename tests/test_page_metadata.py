"""What a page says about itself: its <title>, meta description and (for a brief) schema.org
JSON-LD, and the "Cite this brief" block. Editors' text must reach each of them as text."""

from __future__ import annotations

import json

import yaml
from conftest import REPO, Project
from payloads import IN_HEAD as HOSTILE
from payloads import SCRIPT, TEX, yaml_text

SUMMARY = f'Sum">{SCRIPT} {TEX}'


def _front(path) -> dict:
    return yaml.safe_load(path.read_text("utf-8").split("---\n")[1])


def _registry(name: str) -> dict:
    return yaml.safe_load((REPO / "briefs" / f"{name}.yml").read_text("utf-8"))


def _title_and_description(soup) -> tuple[str, str]:
    meta = soup.find("meta", attrs={"name": "description"})
    return soup.title.get_text(), meta["content"] if meta else ""


def test_generated_pages_are_titled_and_described_from_their_data(shipped_site):
    site = " - Policy Briefs"
    brief = _front(REPO / "briefs" / "trilateral-prism.md")
    rec = brief["recommendations"][0]
    actor, mech = _registry("actors")["rok"], _registry("mechanisms")["unc"]
    author, series = _registry("authors")["clint-work"], _registry("series")["future-of-trilateralism"]
    expected = {
        "briefs/trilateral-prism/": (brief["title"], brief["summary"]),
        f"recommendations/{rec['id']}/": (rec["title"], rec["statement"]),
        "actors/rok/": (actor["name"], actor["description"]),
        "mechanisms/unc/": (mech["name"], mech["description"]),
        "authors/clint-work/": (author["name"], author["affiliation"]),
        "series/future-of-trilateralism/": (series["name"], series["description"]),
    }
    for path, (title, description) in expected.items():
        assert _title_and_description(shipped_site.html(path)) == (title + site, " ".join(description.split())), path

    n_actors, n_recs = len(_registry("actors")), len(brief["recommendations"])
    indexes = {
        "briefs/": ("Briefs", f"1 brief restating published policy commentary, newest first. The latest: {brief['title']}."),
        "recommendations/": ("Recommendations", f"{n_recs} recommendations from 1 brief, with who they are addressed to, "
                                                "the mechanisms they act through and their horizon."),
        "authors/": ("Authors", "1 author of the commentary the briefs restate: Clint Work."),
        "series/": ("Series", f"1 series of commentary the briefs belong to: {series['name']}."),
    }
    for path, (title, description) in indexes.items():
        assert _title_and_description(shipped_site.html(path)) == (title + site, description), path
    # the actors most often addressed or involved are named
    _, actors = _title_and_description(shipped_site.html("actors/"))
    named = {a for r in brief["recommendations"] for a in [*r["addressed_to"], *r.get("involves", [])]}
    assert actors.startswith(f"{n_actors} actors; recommendations address or involve {len(named)} of them, "
                             "among them Republic of Korea, ")
    _, mechanisms = _title_and_description(shipped_site.html("mechanisms/"))
    used = {m for r in brief["recommendations"] for m in r.get("mechanisms", [])}
    assert mechanisms.startswith(f"{len(_registry('mechanisms'))} mechanisms; recommendations act through "
                                 f"{len(used)} of them, among them ")


def test_a_brief_page_carries_article_json_ld(shipped_site):
    brief = _front(REPO / "briefs" / "trilateral-prism.md")
    page = shipped_site.html("briefs/trilateral-prism/")
    scripts = page.head.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    data = json.loads(scripts[0].string)
    base = "https://mkdocs-briefs.github.io/mkdocs-briefs/"
    assert data == {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": brief["title"],
        "description": " ".join(brief["summary"].split()),
        "datePublished": brief["source"]["restated"].isoformat(),
        # the site wrote what the page holds; the original is Clint Work's
        "author": {"@type": "Organization", "name": "Policy Briefs", "url": base},
        "publisher": {"@type": "Organization", "name": "Policy Briefs", "url": base},
        "isBasedOn": {
            "@type": "CreativeWork",
            "name": brief["source"]["title"],
            "url": brief["source"]["url"],
            "author": [{"@type": "Person", "name": "Clint Work", "url": base + "authors/clint-work/"}],
            "datePublished": "2022-08-01",
            "publisher": {"@type": "Organization", "name": brief["source"]["publisher"]},
            "isPartOf": {"@type": "CreativeWorkSeries", "name": _registry("series")["future-of-trilateralism"]["name"]},
        },
        "url": base + "briefs/trilateral-prism/",
        "mainEntityOfPage": base + "briefs/trilateral-prism/",
    }
    # only brief pages are articles
    for path in ("", "actors/rok/", "recommendations/", f"recommendations/{brief['recommendations'][0]['id']}/"):
        assert shipped_site.html(path).find("script", type="application/ld+json") is None, path


def test_cite_this_brief(shipped_site):
    page = shipped_site.html("briefs/trilateral-prism/")
    block = page.select_one("article details.briefs-cite")
    assert block.summary.get_text(strip=True) == "Cite this brief"
    url = "https://mkdocs-briefs.github.io/mkdocs-briefs/briefs/trilateral-prism/"
    text = block.select_one("#briefs-cite-text").get_text()
    source = _front(REPO / "briefs" / "trilateral-prism.md")["source"]
    # what the page holds is the site's restatement: the site is its author, Clint Work the original's
    assert text == ("Policy Briefs. “Transforming the U.S.-ROK Alliance through a Trilateral Prism.” "
                    f"Restatement, 25 November 2026. {url}. Restates: Clint Work, “Transforming the U.S.-ROK "
                    f"Alliance through a Trilateral Prism,” The National Bureau of Asian Research, 1 August 2022, "
                    f"{source['url']}.")
    assert block.select_one("#briefs-cite-original").get_text() == (
        "Clint Work. “Transforming the U.S.-ROK Alliance through a Trilateral Prism.” The National Bureau of "
        f"Asian Research, 1 August 2022. {source['url']}.")
    labels = [p.get_text() for p in block.select(".briefs-cite__label")]
    assert labels == ["This page: our restatement, in our own words", "The original, to quote Clint Work", "BibTeX"]
    bibtex = block.select_one("#briefs-cite-bibtex pre code").get_text()
    mine, theirs = bibtex.split("\n\n")
    assert mine.split("\n")[:4] == [
        "@misc{policybriefs-trilateral-prism,",
        "  author       = {{Policy Briefs}},",
        "  title        = {{Transforming the U.S.-ROK Alliance through a Trilateral Prism}},",
        "  howpublished = {Policy Briefs},",
    ]
    assert f"  url          = {{{url}}}," in mine and "  related      = {work2022-trilateral-prism}," in mine
    assert "  month        = nov," in mine and "Clint Work" not in mine.split("\n")[1]
    assert theirs.split("\n")[:4] == [
        "@misc{work2022-trilateral-prism,",
        "  author       = {Clint Work},",
        "  title        = {{Transforming the U.S.-ROK Alliance through a Trilateral Prism}},",
        "  howpublished = {The National Bureau of Asian Research},",
    ]
    assert f"  url          = {{{source['url']}}}," in theirs and "  month        = aug," in theirs
    assert theirs.endswith("\n}")
    targets = [b["data-clipboard-target"] for b in block.select("button.briefs-copy")]
    assert targets == ["#briefs-cite-text", "#briefs-cite-original", "#briefs-cite-bibtex"]


def test_a_restated_brief_says_whose_the_original_is(shipped_site):
    page = shipped_site.html("briefs/trilateral-prism/")
    byline = page.select_one("article .briefs-meta").get_text(" ", strip=True)
    assert byline == ("Restatement of commentary by Clint Work · Original 1 August 2022, part of The Future of "
                      "Trilateralism under the Biden-Yoon-Kishida Administrations · Restated 25 November 2026")
    credit = page.select_one("article .briefs-credit")
    assert " ".join(credit.get_text().split()) == (
        "This page restates, in our own words, Transforming the U.S.-ROK Alliance through a Trilateral Prism "
        "by Clint Work (The National Bureau of Asian Research, 1 August 2022). The wording is ours, not the "
        "author's: to quote the author, quote the original.")
    assert credit.find("a", href=_front(REPO / "briefs" / "trilateral-prism.md")["source"]["url"]) is not None


def test_an_original_brief_is_credited_to_its_authors(project: Project):
    """A brief without a source is its authors' own work: no credit line, no isBasedOn, one BibTeX entry."""
    text = (project.root / "briefs" / "first-brief.md").read_text("utf-8")
    start = text.index("source:")
    end = text.index("summary:")
    project.write("briefs/first-brief.md", text[:start] + text[end:])
    build = project.build()
    assert build.returncode == 0, build.output
    page = build.html("briefs/first-brief/")
    assert page.select_one("article .briefs-credit") is None
    assert page.select_one("article .briefs-meta").get_text(" ", strip=True) == (
        "By Ann Author · 1 August 2022 · Part of A Roundtable")
    data = json.loads(page.head.find("script", type="application/ld+json").string)
    assert data["author"] == [{"@type": "Person", "name": "Ann Author"}] and "isBasedOn" not in data
    assert data["datePublished"] == "2022-08-01" and data["isPartOf"]["name"] == "A Roundtable"
    cite = page.select_one("details.briefs-cite")
    assert cite.select_one("#briefs-cite-text").get_text() == "Ann Author. “The First Brief.” Test briefs, 1 August 2022."
    assert cite.select_one("#briefs-cite-original") is None
    bibtex = cite.select_one("#briefs-cite-bibtex").get_text()
    assert bibtex.count("@misc") == 1 and bibtex.startswith("@misc{author2022-first-brief,\n  author       = {Ann Author},")
    corpus = json.loads((build.site / "data" / "corpus.json").read_text("utf-8"))
    assert corpus["briefs"][0]["source"] is None
    rows = (build.site / "data" / "recommendations.csv").read_text("utf-8").splitlines()
    header = rows[0].split(",")
    assert rows[1].split(",")[header.index("relation")] == "original"
    assert build.html("briefs/").find("meta", attrs={"name": "description"})["content"].startswith("1 brief, newest first.")


def test_editors_text_stays_text_in_head_json_ld_and_bibtex(project: Project):
    project.replace("briefs/first-brief.md", "title: The First Brief", f"title: {yaml_text(HOSTILE)}")
    project.replace("briefs/first-brief.md", "summary: A small brief for tests.", f"summary: {yaml_text(SUMMARY)}")
    project.replace("briefs/authors.yml", "name: Ann Author", "name: \"Ann {Au}thor, Jr.\"")
    project.replace("briefs/actors.yml", "description: South Korea.", "description: 'Say \"<i>hi</i>\" & go'")
    build = project.build()
    assert build.returncode == 0, build.output
    raw = (build.site / "briefs" / "first-brief" / "index.html").read_text("utf-8")
    page = build.html("briefs/first-brief/")

    # <title>, meta description, header: the exact text, and no element made from it
    assert page.title.get_text() == HOSTILE + " - Test briefs"
    assert page.find("meta", attrs={"name": "description"})["content"] == SUMMARY
    assert page.find("b") is None and page.find("i") is None
    made = [s for s in page.find_all("script") if "alert" in s.get_text() and s.get("type") != "application/ld+json"]
    assert made == []
    assert HOSTILE in page.select_one("[data-md-component=header-topic]").get_text()
    assert build.html("actors/rok/").find("meta", attrs={"name": "description"})["content"] == 'Say "<i>hi</i>" & go'

    # JSON-LD: one element, closed where it should be, read back exactly
    assert raw.count('<script type="application/ld+json">') == 1
    start = raw.index('<script type="application/ld+json">') + len('<script type="application/ld+json">')
    body = raw[start: raw.index("</script>", start)]
    assert "<" not in body
    data = json.loads(body)
    assert (data["headline"], data["description"], data["isBasedOn"]["author"][0]["name"]) == (
        HOSTILE, SUMMARY, "Ann {Au}thor, Jr.")
    assert "url" not in data and "url" not in data["publisher"]  # no site_url in this project

    # citation and BibTeX: TeX's special characters made literal, names kept whole
    cite = page.select_one("details.briefs-cite")
    assert cite.select_one("#briefs-cite-text").get_text().startswith(f"Test briefs. “{HOSTILE}.” Restatement.")
    assert cite.select_one("#briefs-cite-original").get_text().startswith("Ann {Au}thor, Jr. “The Original Commentary.”")
    bibtex = cite.select_one("#briefs-cite-bibtex").get_text()
    assert bibtex.split("\n")[:3] == [
        "@misc{testbriefs-first-brief,",
        "  author       = {{Test briefs}},",
        "  title        = {{" + HOSTILE.replace("&", r"\&") + "}},",
    ]
    assert "@misc{jr2022-first-brief,\n" + r"  author       = {{Ann \{Au\}thor, Jr.}}," in bibtex
    assert "url " not in bibtex.split("\n\n")[0]  # no site_url: the restatement has no address


def test_bibtex_escapes_every_special_character():
    from mkdocs_briefs.cite import bibtex_escape

    assert bibtex_escape(TEX) == (
        r"100\% of R\&D\_costs \{x\} \#1 \~{} \$5 \^{} \textbackslash{} end")
    assert bibtex_escape("plain  text\nacross lines") == "plain text across lines"


def test_a_template_the_theme_does_not_have_is_an_error_at_the_brief_not_a_traceback(project: Project):
    # 'template: nonexistent.html' passed the check and ended the build in Jinja's TemplateNotFound traceback
    project.replace("briefs/first-brief.md", "summary:", "template: nonexistent.html\nsummary:")
    project.write("overrides/mine.html", "{% extends 'main.html' %}\n")
    build = project.build()
    assert build.returncode == 1 and "Traceback" not in build.output
    assert ("ERROR   -  briefs: briefs/first-brief.md:11:11: error: template 'nonexistent.html' is not a template "
            "of the theme or of its custom_dir: name one of theirs, like main.html, or leave template out") in build.output
    project.replace("briefs/first-brief.md", "template: nonexistent.html", "template: mine.html")
    project.replace("mkdocs.yml", "name: material\n", "name: material\n  custom_dir: overrides\n")
    assert project.build().returncode == 0  # one of the site's own, in custom_dir


def test_a_hand_written_pages_front_matter_the_theme_cannot_use_is_an_error_not_a_traceback(project: Project):
    # 'hide: 5' (Material: argument of type 'int' is not iterable) and a template the theme does not have ended
    # the build in a traceback
    project.write("docs/hand.md", "---\ntitle: Hand\nhide: 5\ntemplate: nope.html\n---\n# Hand\n\nText.\n")
    build = project.build()
    assert "Traceback" not in build.output and build.returncode == 1
    errors = [line.split("briefs: ", 1)[1] for line in build.output.splitlines() if line.startswith("ERROR")]
    assert errors == [
        "docs/hand.md:3:1: error: hide must be a list of what to hide, like [navigation, toc]: it is left out",
        "docs/hand.md:4:1: error: template 'nope.html' is not a template of the theme or of its custom_dir: name one "
        "of theirs, like main.html, or leave template out"]
    assert build.html("hand/").find("p", string="Text.") is not None
