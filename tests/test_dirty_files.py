"""`mkdocs serve --dirty`: after a save, the generated pages get the File and the Page that MkDocs
made for them at the last build (DirtyBuild.kept), and they are what MkDocs would make anew.

The plugin's events run as a dirty build runs them up to the navigation (no page is converted):
the configuration is read again for every build and the plugin object is kept.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files, get_files
from mkdocs.structure.nav import get_navigation
from mkdocs.structure.pages import Page

from mkdocs_briefs.plugin.dirty import DirtyBuild, GeneratedFile

NOT_COMPARED = {"page", "file", "_content", "_modified", "unchanged"}
"""What a File or a Page holds that is not made from its address and mkdocs.yml."""


class Builds:
    def __init__(self, project) -> None:
        self.project = project
        self.first = True

    def build(self) -> tuple[MkDocsConfig, Files]:
        """A build's events up to the navigation, as `mkdocs serve --dirty` runs them."""
        config = load_config(str(self.project.root / "mkdocs.yml"), site_dir=str(self.project.root / "site"))
        if self.first:
            config.plugins.on_startup(command="serve", dirty=True)
            self.first = False
        config = config.plugins.on_config(config)
        files = config.plugins.on_files(get_files(config), config=config)
        nav = get_navigation(files, config)
        config.plugins.on_nav(nav, config=config, files=files)
        return config, files


@pytest.fixture
def builds(project) -> Iterator[Builds]:
    # an edit button, so that each page has an edit URL worked out from its source
    project.replace("mkdocs.yml", "site_name: Test briefs\n",
                    "site_name: Test briefs\nsite_url: https://example.org/briefs/\n"
                    "repo_url: https://example.org/repo/\nedit_uri: edit/main/docs/\n")
    yield Builds(project)
    plugin = load_config(str(project.root / "mkdocs.yml")).plugins["briefs"]
    plugin.on_startup(command="build", dirty=False)  # the plugin object outlives this test in MkDocs' cache
    plugin.dirty = DirtyBuild()


def _state(files: Files) -> dict[str, tuple[dict, dict]]:
    """Each generated page outside the navigation: its File's and its Page's attributes."""
    return {f.src_uri: ({k: v for k, v in vars(f).items() if k not in NOT_COMPARED},
                        {k: v for k, v in vars(f.page).items() if k not in NOT_COMPARED})
            for f in files.documentation_pages() if isinstance(f, GeneratedFile) and f.inclusion.is_not_in_nav()}


def test_after_a_save_each_generated_page_has_the_file_and_page_mkdocs_would_make(builds, monkeypatch):
    _, first_files = builds.build()
    made = _state(first_files)  # what MkDocs made: every File and Page is new in the first build
    assert "actors/rok.md" in made and "briefs/first-brief.md" in made
    assert made["briefs/first-brief.md"][1]["edit_url"].endswith("/briefs/first-brief.md")
    assert made["actors/rok.md"][1]["canonical_url"] == "https://example.org/briefs/actors/rok/"

    builds.project.replace("briefs/first-brief.md", "(rec:widen-aperture) beyond the Peninsula.",
                           "(rec:widen-aperture) beyond the Peninsula, edited.")
    made_anew: list[str] = []
    page_init = Page.__init__
    def counted(page, title, file, config):  # noqa: E306
        made_anew.append(file.src_uri)
        page_init(page, title, file, config)
    monkeypatch.setattr(Page, "__init__", counted)
    _, files = builds.build()
    assert _state(files) == made
    assert not set(made_anew) & made.keys()  # none was made by MkDocs again
    for file in files.documentation_pages():
        assert file.page is not None and file.page.file is file
        assert file is not first_files.get_file_from_path(file.src_uri)  # no File or Page of the last build
        assert file.page is not first_files.get_file_from_path(file.src_uri).page
    brief = files.get_file_from_path("briefs/first-brief.md")
    assert brief.is_modified() and "beyond the Peninsula, edited." in brief.content_string

    # the edit button's address changed in mkdocs.yml: the pages are made anew
    builds.project.replace("mkdocs.yml", "edit_uri: edit/main/docs/", "edit_uri: blob/main/docs/")
    _, files = builds.build()
    assert _state(files)["briefs/first-brief.md"][1]["edit_url"].startswith("https://example.org/repo/blob/main/")
