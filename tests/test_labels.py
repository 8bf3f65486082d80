"""Labels in the site's language (labels.py, locales/*.yml): counted forms, dates and numbers
through Babel, site overrides from mkdocs.yml, and catalogues that match the code."""

from __future__ import annotations

import datetime
import json
import re

import pytest
from conftest import REPO, built

from mkdocs_briefs import labels
from mkdocs_briefs.labels import LANGUAGES, Labels, catalogue, check_overrides, fields, texts

FILE_NAME = re.compile(r"\.(yml|md|json|csv|js|css|html|py|xml)$")
SRC = REPO / "src" / "mkdocs_briefs"
KEY = re.compile(r"""["']([a-z_]+(?:\.[a-z0-9_-]+)+)["']""")


def test_counted_labels_take_the_form_of_the_language():
    en, ko, ja = Labels("en"), Labels("ko"), Labels("ja")
    assert en("count.brief", 1) == "1 brief"
    assert en("count.brief", 1200) == "1,200 briefs"
    assert ko("count.brief", 1) == "브리프 1건" and ja("count.rec", 1200) == "提言1,200件"


def test_dates_and_numbers_are_written_in_the_locale():
    day = datetime.date(2022, 8, 1)
    assert Labels("en").date(day) == "1 August 2022"
    assert Labels("ko").date(day) == "2022년 8월 1일"
    assert Labels("ja").date(day) == "2022年8月1日"
    assert Labels("de").number(12345) == "12.345"  # no catalogue: English labels, German numbers


def test_a_language_without_a_catalogue_falls_back_to_english_and_a_region_to_its_language():
    assert Labels("fr").shipped is None and Labels("fr")("rec.horizon") == "Horizon"
    assert Labels("en-GB").shipped == "en" and Labels("ko-KR").shipped == "ko"


def test_labels_are_used_only_inside_using():
    with labels.using(Labels("en", {"section.actor": "Players"})):
        assert labels.t("section.actor") == "Players"
    assert labels.t("section.actor") == "Actors"


def test_an_override_is_checked_against_the_catalogue():
    assert check_overrides({"section.mechanism": "Instruments"}) == []
    assert check_overrides({"section.instruments": "Instruments"}) == [
        "'section.instruments' is not a label: see the reference's list of labels"]
    assert check_overrides({"count.brief": {"one": "{n} paper", "other": "{count} papers"}}) == [
        "'count.brief': {count} is not a value of this label (it has {n})"]


# --- the catalogues against the code -----------------------------------------------------

def _keys_in_code() -> set[str]:
    english = catalogue("en")
    prefixes = {key.split(".")[0] for key in english}
    found = set()
    for path in [*SRC.rglob("*.py"), *SRC.rglob("*.js"), *SRC.rglob("*.html"), *(SRC / "templates").rglob("*.md")]:
        for key in KEY.findall(path.read_text("utf-8")):
            if key.split(".")[0] in prefixes and not FILE_NAME.search(key):
                found.add(key)
    return found


def _kinds_in_schemas() -> set[str]:
    """Actor and mechanism kinds, whose labels the code asks for by the value of a field."""
    keys = set()
    for prefix, schema in (("actor_kind", "actors"), ("mechanism_kind", "mechanisms")):
        data = json.loads((SRC / "schemas" / f"{schema}.schema.json").read_text("utf-8"))
        keys |= {f"{prefix}.{kind}" for kind in data["additionalProperties"]["properties"]["kind"]["enum"]}
    return keys


def test_every_label_the_code_asks_for_is_in_the_english_catalogue():
    missing = (_keys_in_code() | _kinds_in_schemas()) - set(catalogue("en"))
    assert not missing, f"labels the code uses that locales/en.yml lacks: {sorted(missing)}"


def test_every_label_of_the_english_catalogue_is_used():
    used = _keys_in_code() | _kinds_in_schemas()
    unused = set(catalogue("en")) - used
    assert not unused, f"labels of locales/en.yml no code uses: {sorted(unused)}"


def test_each_shipped_catalogue_has_every_label_and_no_other():
    english = catalogue("en")
    for language in LANGUAGES:
        other = catalogue(language)
        assert sorted(set(english) - set(other)) == [], f"missing from locales/{language}.yml"
        assert sorted(set(other) - set(english)) == [], f"in locales/{language}.yml but not in en.yml"


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_label_takes_the_values_english_gives_it(language):
    english = catalogue("en")
    for key, message in catalogue(language).items():
        wanted = set().union(*(fields(t) for t in texts(english[key])))
        for text in texts(message):
            assert fields(text) <= wanted | {"n"}, f"{language}: {key}: {text!r}"
            if wanted - {"n"}:
                assert fields(text) >= wanted - {"n"}, f"{language}: {key} drops a value: {text!r}"
        if isinstance(message, dict):
            assert "other" in message, f"{language}: {key} has no 'other' form"


def test_the_labels_of_the_scripts_cannot_end_their_element():
    element = Labels("en", {"js.explorer.clear": "</script><script>alert(1)</script>"}).script_element()
    assert element.count("</script>") == 1 and "\\u003c/script\\u003e" in element


# --- a site --------------------------------------------------------------------------------

def test_a_site_rewords_a_label_in_mkdocs_yml(project):
    project.replace("mkdocs.yml", "  - briefs\n",
                    "  - briefs:\n      labels:\n        section.mechanism: Instruments\n"
                    "        rec.through: By means of\n")
    site = built(project.build())
    assert site.html("mechanisms/").h1.get_text(strip=True).rstrip("¶") == "Instruments"
    terms = [dt.get_text(strip=True) for dt in site.html("recommendations/widen-aperture/").select(".briefs-facts dt")]
    assert "By means of" in terms and "Through" not in terms


def test_a_label_that_is_not_one_stops_the_build(project):
    project.replace("mkdocs.yml", "  - briefs\n", "  - briefs:\n      labels:\n        section.instruments: X\n")
    build = project.build()
    assert build.returncode != 0
    assert "'section.instruments' is not a label" in build.output
