"""A site in a language the plugin ships no labels for (French here) gives its own catalogue as a
file in its theme's custom_dir, `overrides/briefs/locales/fr.yml`, rather than hundreds of lines
of `labels:` in mkdocs.yml; keys it leaves out stay English, the build says how many, and a
mistake in the file is a located error. Two small builds on the minimal fixture."""

from __future__ import annotations

from conftest import built

FRENCH = """\
# Labels in French, for the generated pages
brief.recommendations: "Recommandations de cette note"
rec.addressed_to: "Destinataires"
count.rec: {one: "{n} recommandation", other: "{n} recommandations"}
"""


def _french(project, labels_file: str) -> None:
    project.replace("mkdocs.yml", "  name: material\n", "  name: material\n  language: fr\n  custom_dir: overrides\n")
    project.write("overrides/briefs/locales/fr.yml", labels_file)


def test_a_site_s_labels_file_words_the_pages_in_its_language_and_mkdocs_yml_still_wins(project):
    _french(project, FRENCH + 'section.mechanism: "Mécanismes"\n')
    project.replace("mkdocs.yml", "  - briefs\n", "  - briefs:\n      labels:\n        section.mechanism: Instruments\n")
    site = built(project.build())
    brief = site.html("briefs/first-brief/")
    assert brief.find("h2", id="recommendations-in-this-brief") is None
    assert brief.find("h2", string=lambda s: s and "Recommandations de cette note" in s) is not None
    rec = site.html("recommendations/widen-aperture/")
    assert [dt.get_text(strip=True) for dt in rec.select("article dl dt")][0] == "Destinataires"
    assert site.html("mechanisms/").find("h1").get_text(strip=True).rstrip("¶") == "Instruments"
    assert "overrides/briefs/locales/fr.yml" in site.output and "labels are not in it and stay in English" in site.output
    assert "no labels in 'fr'" not in site.output


def test_a_mistake_in_the_labels_file_is_located_and_stops_the_build(project):
    _french(project, FRENCH + "rec.adressed_to: Destinataires\ncount.brief: {other: \"{count} notes\"}\n"
                              "rec.addressed_to: Encore\n")
    build = project.build()
    assert build.returncode == 1 and "Traceback" not in build.output, build.output
    assert ("overrides/briefs/locales/fr.yml:5:1: error: 'rec.adressed_to' is not a label: "
            "see the reference's list of labels") in build.output, build.output
    assert "overrides/briefs/locales/fr.yml:6:1: error: 'count.brief': {count} is not a value" in build.output
    assert "overrides/briefs/locales/fr.yml:7:1: error:" in build.output  # the same key twice


def test_a_labels_file_that_is_not_a_mapping_or_not_utf8_is_refused_with_its_place(tmp_path):
    from mkdocs_briefs.plugin.label_file import LabelFileError, read_label_file

    path = tmp_path / "overrides" / "briefs" / "locales" / "fr.yml"
    path.parent.mkdir(parents=True)
    for content, expected in ((b"- section.mechanism\n", "the labels file should map each label's key to its text"),
                              ("section.mechanism: M\xe9canismes\n".encode("latin-1"), "is not UTF-8 text")):
        path.write_bytes(content)
        try:
            read_label_file(path, tmp_path)
        except LabelFileError as exc:
            assert exc.problems[0].startswith("overrides/briefs/locales/fr.yml:1:1: error: ")
            assert expected in exc.problems[0]
        else:
            raise AssertionError(f"{content!r} was read")
