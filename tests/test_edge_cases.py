"""Issue 11's smaller items: what a brief's text or a hand-written page can do to the
plugin's own ids, mentions and pages, read back from real builds."""

from __future__ import annotations

from collections import Counter

import pytest
from conftest import Project, built
from payloads import LINE_BREAK_KEY, NOT_A_CHARACTER, THEME_CLASS, yaml_text
from sitecheck import check_site

BODY_START = "## The argument\n"


def _add_to_body(project: Project, text: str) -> None:
    project.replace("briefs/first-brief.md", BODY_START, BODY_START + "\n" + text + "\n")


def test_an_annotation_in_an_image_alt_text_is_not_a_mention(project):
    project.write("docs/pic.png", "not really a png")
    _add_to_body(project, "![a map of [Seoul](actor:rok)](../pic.png)")
    build = built(project.build())
    brief = build.html("briefs/first-brief/").select_one("article")
    assert brief.find("img")["alt"] == "a map of Seoul"
    anchors = [a["id"] for a in brief.select("a[id^=actor-rok-]") if a.get_text() == "Seoul"]
    assert anchors == ["actor-rok-1", "actor-rok-2"]  # the two links written as links
    mentions = build.html("actors/rok/").select("article a[href*='first-brief/#actor-rok-']")
    assert [a["href"].rsplit("#", 1)[1] for a in mentions] == anchors[:1]  # the wording once, at its first
    assert "“Seoul” (2 times)" in mentions[0].find_parent("li").get_text()  # two: the alt text's is no mention
    assert check_site(build.site).problems == []


def test_no_heading_or_attribute_takes_an_id_the_page_needs(project):
    project.replace("mkdocs.yml", "validation:", "markdown_extensions:\n  - toc:\n      permalink: true\nvalidation:")
    _add_to_body(project, "## Briefs cite\n\n## Briefs cite text\n\n## __config\n\n## Actor rok 1 {: #actor-rok-2 }\n\n"
                          "A [link](https://example.org/){: #rec-hold-hearings } and [x](https://example.org/){: #x }"
                          " [y](https://example.org/){: #x }.")
    build = built(project.build())
    assert check_site(build.site).problems == []  # no page repeats an id; every link's anchor is there
    page = build.html("briefs/first-brief/")
    assert page.select_one("#briefs-cite").name == "details"  # the "Cite this brief" block
    assert page.select_one("#briefs-cite-text")["class"] == ["briefs-cite__text"]
    assert page.select_one("#__config").name == "script"  # the theme's settings
    assert page.select_one("#rec-hold-hearings").get_text() == "hold hearings"  # the annotation, linked from its page
    assert page.select_one("#actor-rok-2").get_text() == "Seoul"
    headings = {h.get_text(strip=True).rstrip("¶"): h["id"] for h in page.select("article h2")}
    assert headings["Briefs cite"] == "briefs-cite_1" and headings["__config"] == "__config_1"
    toc = [a["href"] for a in page.select("nav.md-nav--secondary a")]
    assert "#briefs-cite_1" in toc and "#briefs-cite-text_1" in toc  # the contents follow the headings
    ids = Counter(el["id"] for el in page.select("[id]"))
    assert ids.most_common(1)[0][1] == 1 and ids["x"] == ids["x_1"] == 1


@pytest.mark.parametrize("hand", ["docs/actors/rok.md", "docs/actors/rok/index.md", "docs/actors/rok/index.html"])
def test_a_file_of_docs_at_a_generated_address_stops_the_build_naming_both(project, hand):
    project.write(hand, "# The Republic of Korea, by hand\n")
    project.write("docs/data/corpus.json", "{}\n")
    build = project.build()
    assert build.returncode == 1
    assert (f"ERROR   -  briefs: {hand} and the generated page actors/rok.md (from briefs/actors.yml) would both be "
            f"published as actors/rok/index.html: remove or move {hand}") in build.output
    assert ("docs/data/corpus.json and the plugin's export data/corpus.json would both be published as "
            "data/corpus.json: remove or move docs/data/corpus.json") in build.output
    assert "2 files in the docs folder would replace a generated page or export" in build.output


def test_bidi_and_control_characters_in_titles_names_and_registry_text_are_located_errors(project):
    project.replace("briefs/actors.yml", "name: Republic of Korea", 'name: "Republic of \\u202eaeroK"')
    project.replace("briefs/actors.yml", "aliases: [South Korea, ROK]", 'aliases: [South Korea, "R\\u2066OK"]')
    project.replace("briefs/first-brief.md", "title: The First Brief", 'title: "The First\\x07 Brief"')
    project.replace("briefs/first-brief.md", "  title: The Original Commentary", '  title: "\\u2069Original"')
    assert project.check() == [
        "briefs/actors.yml:3:9: error: 'name' has the bidirectional control U+202E (RIGHT-TO-LEFT OVERRIDE) after "
        "'Republic of ': it makes the text show in another order than it is written; delete it",
        "briefs/actors.yml:7:12: error: 'aliases' has the bidirectional control U+2066 (LEFT-TO-RIGHT ISOLATE) "
        "after 'R': it makes the text show in another order than it is written; delete it",
        "briefs/first-brief.md:2:8: error: 'title' has the control character U+0007 (a control character) after "
        "'The First': delete it",
        "briefs/first-brief.md:8:10: error: 'source.title' has the bidirectional control U+2069 (POP DIRECTIONAL "
        "ISOLATE) at its start: it makes the text show in another order than it is written; delete it",
    ]
    build = project.build()
    assert build.returncode == 1 and "RIGHT-TO-LEFT OVERRIDE" in build.output



def test_a_lone_surrogate_or_a_noncharacter_from_a_yaml_escape_and_a_bidi_control_in_a_tag_are_located_errors(project):
    # "\ud800" made a string no page could be written with: the build ended in a UnicodeEncodeError from the
    # sanitiser; U+FFFE reached the pages, and the feed only by being dropped; a tag's text was never checked
    project.replace("briefs/first-brief.md", "title: The First Brief", f'title: "The First {NOT_A_CHARACTER} Brief"\n'
                    'tags: [fine, "a\\u202etag"]')
    project.replace("briefs/first-brief.md", "summary: A small brief for tests.", 'summary: "A small \\ufffe brief."')
    project.replace("briefs/actors.yml", "description: South Korea.", 'description: "South \\uffff Korea."')
    assert project.check() == [
        "briefs/actors.yml:6:16: error: 'description' has U+FFFF after 'South ', which is not a character: no page or "
        "feed can hold it; delete it (or write the character itself, not its escape)",
        "briefs/first-brief.md:2:8: error: 'title' has U+D800 after 'The First ', which is not a character: no page "
        "or feed can hold it; delete it (or write the character itself, not its escape)",
        "briefs/first-brief.md:3:7: error: 'tags' has the bidirectional control U+202E (RIGHT-TO-LEFT OVERRIDE) "
        "after 'a': it makes the text show in another order than it is written; delete it",
        "briefs/first-brief.md:12:10: error: 'summary' has U+FFFE after 'A small ', which is not a character: no "
        "page or feed can hold it; delete it (or write the character itself, not its escape)",
    ]


def test_a_title_summary_or_name_that_shows_nothing_is_a_located_error(project):
    # a title of spaces, a summary of a zero-width space and a name of a tab passed check and built
    # pages and links with no visible text
    project.replace("briefs/first-brief.md", "title: The First Brief", 'title: "   "')
    project.replace("briefs/first-brief.md", "summary: A small brief for tests.", 'summary: "\\u200b"')
    project.replace("briefs/first-brief.md", "    title: Hold hearings", '    title: "\\u3000"')
    project.replace("briefs/actors.yml", "name: Australia", 'name: "\\t"')
    assert project.check() == [
        "briefs/actors.yml:18:9: error: 'name' shows nothing: it is '\\u0009', only spaces or invisible characters; "
        "write the text",
        "briefs/first-brief.md:2:8: error: 'title' shows nothing: it is '   ', only spaces or invisible characters; "
        "write the text",
        "briefs/first-brief.md:11:10: error: 'summary' shows nothing: it is '\\u200b', only spaces or invisible "
        "characters; write the text",
        "briefs/first-brief.md:20:12: error: 'title' shows nothing: it is '\\u3000', only spaces or invisible "
        "characters; write the text",
    ]


def test_a_web_address_ending_in_a_newline_is_refused(project):
    # the pattern's '$' matched before a final newline, so "https://...\n" passed into links, the feed and the CSV
    project.replace("briefs/first-brief.md", "  url: https://example.org/original", '  url: "https://example.org/original\\n"')
    assert project.check() == [
        "briefs/first-brief.md:10:8: error: source.url 'https://example.org/original\\u000a' is not valid (it contains "
        "the invisible character U+000A, a control character: delete it): write a web address starting with http:// "
        "or https:// (no spaces, quotes or angle brackets)"]


def test_a_message_quoting_an_editors_key_stays_on_one_line(project):
    # a quoted key with a line break made a second line of the message, which GitHub Actions read as a workflow
    # command (here an error annotation) and which broke file:line:col, one a line
    project.replace("briefs/first-brief.md", "summary: A small brief for tests.",
                    f"summary: A small brief for tests.\n{yaml_text(LINE_BREAK_KEY)}: 1\n{yaml_text(LINE_BREAK_KEY)}: 2")
    found = project.check()
    assert found == [
        "briefs/first-brief.md:12:1: error: unknown field 'x\\u000a::error::spoofed'; allowed fields: title, "
        "short_title, date, authors, series, source, summary, recommendations, draft, tags, hide, template, search, status",
        "briefs/first-brief.md:13:1: error: duplicate key 'x\\u000a::error::spoofed' (first written at line 12); YAML "
        "would silently keep only the last one: merge or rename them"]
    project.replace("briefs/first-brief.md", "summary: A small brief for tests.", f'summary: A small brief for tests.'
                    f'\n"k{NOT_A_CHARACTER}": 1')  # a key no terminal can print: check ended in a UnicodeEncodeError
    assert "error: unknown field 'k\\ud800'" in project.check()[0]


def test_a_class_of_the_theme_or_the_plugin_in_an_attribute_list_is_a_located_error(project):
    # the paragraph became a notice fixed over the page; in code, or a class of the editor's own, it is fine
    _add_to_body(project, f"Your session has expired: call +1 555 0100.\n{THEME_CLASS}\n\n"
                          "`{: .md-header }` and\n{: .lead #intro }\n\nQuote.\n{ .briefs-passage }")
    line = (project.briefs / "first-brief.md").read_text("utf-8").split("\n").index("## The argument") + 4
    project.write("briefs/updates/u.md", "---\ntitle: U\ndate: 2023-01-02\nsources:\n  - {title: S, publisher: P, "
                  "url: 'https://e.org', date: 2023-01-02}\naffects:\n  - {rec: widen-aperture, status: done}\n---\n"
                  "\nDone.\n{: #top .md-banner }\n")
    reason = ("a name of the theme's or of the site's own page parts: text in {} could pass for the site's own (a "
              "notice, a header); use a class of your own")
    assert project.check() == [
        f"briefs/first-brief.md:{line}:5: error: the attribute list gives 'md-dialog', " + reason.format("a brief"),
        f"briefs/first-brief.md:{line + 6}:4: error: the attribute list gives 'briefs-passage', "
        + reason.format("a brief"),
        "briefs/updates/u.md:11:10: error: the attribute list gives 'md-banner', " + reason.format("an update")]


def test_a_bidirectional_control_in_a_briefs_text_is_a_located_error(project):
    _add_to_body(project, "Readers see \u2067[Seoul](actor:rok) trusted\u2069 here.")
    line = (project.briefs / "first-brief.md").read_text("utf-8").split("\n").index("## The argument") + 3
    assert project.check() == [
        f"briefs/first-brief.md:{line}:13: error: bidirectional control U+2067 is not allowed in a brief's text: it "
        "makes the text show in another order than it is written; delete it"]

@pytest.mark.slow
def test_a_brief_of_70000_annotations_builds_and_one_over_the_size_limit_says_so(project):
    """The build that "stopped with an error" in issue 11: 70,000 `[Seoul](actor:rok) ` make
    1,330,000 bytes of text, over the 1,000,000-byte limit of a source file, and the error says
    so where it is. 70,000 annotations that fit build, every one with its anchor."""
    import time

    text = (project.briefs / "first-brief.md").read_text("utf-8")
    front = text[: text.index(BODY_START)] + BODY_START + "\n[w](rec:widen-aperture) [h](rec:hold-hearings)\n\n"
    project.write("briefs/first-brief.md", front + " ".join(["[Seoul](actor:rok)"] * 70_000) + "\n")
    size = (project.briefs / "first-brief.md").stat().st_size
    assert project.check() == [f"briefs/first-brief.md:1:1: error: file is {size:,} bytes, over the limit of "
                               "1,000,000: split it"]

    project.write("briefs/first-brief.md", front + "[x](actor:rok)" * 70_000 + "\n")
    started = time.perf_counter()
    build = built(project.build())
    print(f"\n70,000 annotations, {(project.briefs / 'first-brief.md').stat().st_size:,} bytes: "
          f"built in {time.perf_counter() - started:.1f} s")
    page = (build.site / "briefs" / "first-brief" / "index.html").read_text("utf-8")
    # and twice more after the text: in "Recommendations in this brief" and the Connections grid's header
    assert page.count(' id="actor-rok-') == 70_000 + 2
    assert 'id="actor-rok-70000"' in page
