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
        "datePublished": "2022-08-01",
        "author": [{"@type": "Person", "name": "Clint Work", "url": base + "authors/clint-work/"}],
        "publisher": {"@type": "Organization", "name": "Policy Briefs", "url": base},
        "isBasedOn": {
            "@type": "CreativeWork",
            "name": brief["source"]["title"],
            "url": brief["source"]["url"],
            "datePublished": "2022-08-01",
            "publisher": {"@type": "Organization", "name": brief["source"]["publisher"]},
        },
        "isPartOf": {"@type": "CreativeWorkSeries", "name": _registry("series")["future-of-trilateralism"]["name"]},
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
    assert text.startswith("Clint Work. “Transforming the U.S.-ROK Alliance through a Trilateral Prism.” "
                           f"Policy Briefs, 1 August 2022. {url}. Restates “Transforming")
    bibtex = block.select_one("#briefs-cite-bibtex pre code").get_text()
    assert bibtex.split("\n")[:4] == [
        "@misc{work2022-trilateral-prism,",
        "  author       = {Clint Work},",
        "  title        = {{Transforming the U.S.-ROK Alliance through a Trilateral Prism}},",
        "  howpublished = {Policy Briefs},",
    ]
    assert f"  url          = {{{url}}}," in bibtex and "  month        = aug," in bibtex and bibtex.endswith("\n}")
    targets = [b["data-clipboard-target"] for b in block.select("button.briefs-copy")]
    assert targets == ["#briefs-cite-text", "#briefs-cite-bibtex"]


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
    assert (data["headline"], data["description"], data["author"][0]["name"]) == (HOSTILE, SUMMARY, "Ann {Au}thor, Jr.")
    assert "url" not in data and "url" not in data["publisher"]  # no site_url in this project

    # citation and BibTeX: TeX's special characters made literal, names kept whole
    cite = page.select_one("details.briefs-cite")
    assert cite.select_one("#briefs-cite-text").get_text().startswith(f"Ann {{Au}}thor, Jr. “{HOSTILE}.” Test briefs")
    bibtex = cite.select_one("#briefs-cite-bibtex").get_text()
    assert bibtex.split("\n")[:3] == [
        "@misc{jr2022-first-brief,",
        r"  author       = {{Ann \{Au\}thor, Jr.}},",
        "  title        = {{" + HOSTILE.replace("&", r"\&") + "}},",
    ]
    assert "url " not in bibtex


def test_bibtex_escapes_every_special_character():
    from mkdocs_briefs.cite import bibtex_escape

    assert bibtex_escape(TEX) == (
        r"100\% of R\&D\_costs \{x\} \#1 \~{} \$5 \^{} \textbackslash{} end")
    assert bibtex_escape("plain  text\nacross lines") == "plain text across lines"
