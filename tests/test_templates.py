"""A site overrides one template from its theme's custom_dir and sees it on the built site:
page kinds (the recommendation's and the actor's page) and repeated blocks (the citation, the
byline of a brief); editors' text stays escaped in an overridden template."""

from __future__ import annotations

from pathlib import Path

from conftest import built

from mkdocs_briefs import labels, markup
from mkdocs_briefs.kinds import Folders
from mkdocs_briefs.plugin.files import redirect_html, redirects
from mkdocs_briefs.templates import Markup, Templates, label, memo, memoising, recording, using

PAGE = """\
{{ front_matter }}
# {{ title }}

<p class="house-kicker">{{ t("rec.horizon") }}: {{ rec.horizon }} · {{ brief.title }}</p>

{{ statement }}

{{ facts }}"""

CITE = """\
<details class="briefs-cite house-cite" id="briefs-cite">
<summary>How to cite</summary>
<p id="briefs-cite-text">{{ text }}</p>
</details>
"""

ACTOR = """\
{{ front_matter }}
# {{ title }}

<p class="house-actor">{{ actor.name }} ({{ actor.kind }})</p>

{{ addressed }}
"""

BYLINE = """\
<p class="house-byline" markdown>{{ parts|join(" / ") }} ({{ brief.date.year }})</p>
"""


def _with_overrides(project):
    project.replace("mkdocs.yml", "  name: material\n", "  name: material\n  custom_dir: overrides\n")
    project.write("overrides/briefs/pages/recommendation.md", PAGE)
    project.write("overrides/briefs/cite.html", CITE)
    project.write("overrides/briefs/pages/actor.md", ACTOR)
    project.write("overrides/briefs/byline.md", BYLINE)
    project.replace("briefs/actors.yml", "name: Republic of Korea", 'name: "Republic of <i>Korea</i>"')
    project.replace("briefs/first-brief.md", "title: The First Brief", 'title: "The First <b>Brief</b>"')
    return built(project.build())


def test_a_site_overrides_a_page_template_and_a_block_from_its_custom_dir(project):
    site = _with_overrides(project)
    rec = site.html("recommendations/widen-aperture/")
    kicker = rec.select_one("p.house-kicker")
    assert kicker is not None and kicker.get_text() == "Horizon: near-term · The First <b>Brief</b>"
    assert kicker.find("b") is None  # the editor's title stays text
    assert rec.select_one(".briefs-facts") is not None and not rec.find(id="in-context")
    brief = site.html("briefs/first-brief/")
    cite = brief.select_one("details.house-cite")
    assert cite.summary.get_text() == "How to cite"
    assert "The First <b>Brief</b>" in cite.select_one("#briefs-cite-text").get_text()
    byline = brief.select_one("p.house-byline")
    assert byline.get_text() == ("Restatement of commentary by Ann Author / Original 1 August 2022, "
                                 "part of A Roundtable (2022)")
    assert [a["href"] for a in byline.select("a")] == ["../../authors/ann-author/", "../../series/roundtable/"]
    assert brief.select_one(".briefs-meta") is None
    actor = site.html("actors/rok/")
    line = actor.select_one("p.house-actor")
    assert line.get_text() == "Republic of <i>Korea</i> (state)" and line.find("i") is None
    assert actor.select_one(".briefs-facts") is None and actor.find(id="connections") is None
    assert [a.get_text() for a in actor.select("article li > a:first-child")] == ["Widen the aperture"]
    # the other templates are the package's
    mech = site.html("mechanisms/opcon-transition/")
    assert mech.select_one(".briefs-grid-caption") is not None and mech.select_one(".briefs-facts") is not None


def test_every_shipped_template_renders_with_autoescape():
    env = Templates().env
    names = env.list_templates()
    assert {"briefs/cite.html", "briefs/pager.html", "briefs/grid.html", "briefs/explorer.html",
            "briefs/error.md", "briefs/facts.md", "briefs/rec_list.md", "briefs/byline.md", "briefs/credit.md",
            "briefs/brief_recommendations.md", "briefs/mentions.md", "briefs/pages/recommendation.md",
            "briefs/pages/brief.md", "briefs/pages/actor.md", "briefs/pages/mechanism.md",
            "briefs/brief_list.md", "briefs/brief_entries.md", "briefs/table.md", "briefs/pages/author.md",
            "briefs/pages/series.md", "briefs/pages/index.md", "briefs/pages/matrix.md",
            "briefs/pages/map.md"} <= set(names)
    assert env.autoescape is True


def test_a_label_in_a_template_escapes_its_text_and_the_values_not_marked_safe():
    with labels.using(labels.Labels("en", {"rec_list.from": "from <{brief}> & {n}"})):
        said = label("rec_list.from", brief=Markup("[*A*](brief:a)"), n="<b>")
    assert said == "from &lt;[*A*](brief:a)&gt; &amp; &lt;b&gt;" and isinstance(said, Markup)


def test_every_shipped_template_is_in_the_reference():
    reference = (Path(__file__).parents[1] / "docs" / "reference.md").read_text("utf-8")
    missing = [name for name in Templates().env.list_templates() if f"| `{name}` |" not in reference]
    assert not missing, f"templates docs/reference.md does not list: {missing}"


def test_the_explorer_redirect_takes_its_words_from_the_labels_of_the_sites_language():
    with labels.using(labels.Labels("ja", {"redirect.title": "Moved <here>"})):
        page = redirects(True, Folders(), "ja")["explorer/index.html"]
    assert page.startswith('<!doctype html>\n<html lang="ja"><head><meta charset="utf-8"><title>Moved &lt;here&gt;</title>')
    assert '<p>このページは移動しました: <a href="../recommendations/">../recommendations/</a></p>' in page
    assert redirect_html('../x"<y>/').count('href="../x&#34;&lt;y&gt;/"') == 2  # the address escaped as an attribute


def test_memoised_fragments_belong_to_the_templates_and_labels_in_use(tmp_path):
    made: list[str] = []

    def make(word: str) -> str:
        made.append(word)
        return word

    site = Templates([tmp_path])
    with using(site):
        assert memo("k", lambda: make("a")) == "a" and memo("k", lambda: make("b")) == "a"
        with labels.using(labels.Labels("ja")):  # other labels: made again
            assert memo("k", lambda: make("c")) == "c"
        with recording():  # a page's templates are recorded: nothing is memoised
            assert memo("k", lambda: make("d")) == "d"
    with using(site):  # a new run: made again
        assert memo("k", lambda: make("e")) == "e"
    assert memo("k", lambda: make("f")) == "f"  # outside any run: every time
    assert made == ["a", "c", "d", "e", "f"]


def test_a_memoised_label_tells_markup_from_text():
    with using(Templates()):
        assert label("rec_list.from", brief="<b>") == "from &lt;b&gt;"
        assert label("rec_list.from", brief=Markup("<b>")) == "from <b>"
        assert label("rec_list.from", brief="<b>") == "from &lt;b&gt;"


def test_an_overridden_template_applies_to_a_run_that_memoises(tmp_path):
    (tmp_path / "briefs").mkdir()
    (tmp_path / "briefs" / "table.md").write_text("house {{ header|join(',') }}\n", "utf-8")
    with using(Templates([tmp_path])):
        first, again = markup.table(["A"], []), markup.table(["A"], [])
    with using(Templates()):
        package = markup.table(["A"], [])
    assert first == again == "house A\n" and package != first


def test_the_fast_escape_keeps_markup_and_escapes_everything_else():
    env = Templates().env
    page = env.from_string("{{ a }}|{{ b }}|{{ c }}|{{ d.link }}|{{ d.items()|list|length }}|{{ e.items }}")
    said = page.render(a="<i>x</i>", b=Markup("<b>y</b>"), c=3, d={"link": "<s>"}, e={"items": Markup("<u>")})
    # a dict's key is read like an attribute, but a dict method's name stays the method, as in Jinja
    assert said.startswith("&lt;i&gt;x&lt;/i&gt;|<b>y</b>|3|&lt;s&gt;|1|&lt;built-in method items")


def test_pages_written_outside_a_run_are_memoised_for_the_call():
    made: list[str] = []
    with memoising():
        memo("k", lambda: made.append("a")), memo("k", lambda: made.append("b"))
        with memoising():  # one open already: the same
            memo("k", lambda: made.append("c"))
    memo("k", lambda: made.append("d"))
    assert made == ["a", "d"]
