"""Every generated page's edit button opens the source it came from."""

from __future__ import annotations

import pytest
from conftest import MKDOCS_YML, built, make_project

REPO_URL = "https://github.com/example/policy-site"


@pytest.fixture(scope="module", params=["relative", "absolute"])
def site(tmp_path_factory, request):
    # edit_uri relative to repo_url, or a full URL without repo_url (as the shipped mkdocs.yml has it)
    setting = {"relative": f"repo_url: {REPO_URL}\nedit_uri: edit/main/docs/\n",
               "absolute": f"edit_uri: {REPO_URL}/edit/main/docs/\n"}[request.param]
    project = make_project(tmp_path_factory.mktemp(request.param))
    project.write("mkdocs.yml", MKDOCS_YML.replace(
        "theme:\n  name: material\n", f"{setting}theme:\n  name: material\n  features: [content.action.edit]\n",
    ))
    return built(project.build())


@pytest.mark.parametrize("page, source", [
    ("briefs/first-brief/", "briefs/first-brief.md"),
    ("recommendations/widen-aperture/", "briefs/first-brief.md"),  # a recommendation lives in its brief
    ("actors/rok/", "briefs/actors.yml"),
    ("mechanisms/unc-rear/", "briefs/mechanisms.yml"),
    ("authors/ann-author/", "briefs/authors.yml"),
    ("series/roundtable/", "briefs/series.yml"),
    ("", "docs/index.md"),  # hand-written pages keep MkDocs' own edit link
])
def test_edit_button_opens_the_source(site, page, source):
    button = site.html(page).select_one("a.md-content__button[href]")
    assert button is not None
    assert button["href"] == f"{REPO_URL}/edit/main/{source}"


def test_section_indexes_have_no_edit_button(site):
    assert site.html("actors/").select_one("a.md-content__button") is None
