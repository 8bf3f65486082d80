"""Korean and Japanese text renders and is found by the site's search; ids stay ASCII."""

from __future__ import annotations

import time

import pytest
from browser import serve_folder
from conftest import built, make_project

# Material segments Han characters with jieba when it is installed; the separator must
# then include the zero-width space it inserts (see docs/reference.md).
CJK_SEARCH = "  - search:\n      separator: '[\\s\\u200b\\-]'\n"


@pytest.fixture(scope="module")
def cjk_site(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("cjk"), fonts=False)
    project.replace("mkdocs.yml", "  - search\n", CJK_SEARCH)
    project.replace("briefs/actors.yml", "  name: Republic of Korea\n  short: Seoul", "  name: 대한민국\n  short: 서울")
    project.replace("briefs/actors.yml", "aliases: [South Korea, ROK]", "aliases: [South Korea, ROK, 韓国]")
    project.replace("briefs/first-brief.md", "title: The First Brief", "title: 한미동맹의 전환")
    project.replace("briefs/first-brief.md", "## The argument\n",
                    "## The argument\n\n日米韓の安全保障協力は地域の安定に欠かせない。한미동맹은 지역 안보의 핵심이다.\n")
    return built(project.build())


def test_korean_and_japanese_text_renders(cjk_site):
    brief = cjk_site.html("briefs/first-brief/")
    assert brief.h1.get_text(strip=True).rstrip("¶") == "한미동맹의 전환"
    assert "日米韓の安全保障協力は地域の安定に欠かせない。" in brief.get_text()
    assert brief.find("a", string="Seoul")["title"] == "South Korea."
    actor = cjk_site.html("actors/rok/")
    assert actor.h1.get_text(strip=True).rstrip("¶") == "대한민국"
    assert "韓国" in actor.select_one(".briefs-facts").get_text()
    assert actor.title.get_text().startswith("대한민국")


@pytest.fixture(scope="module")
def cjk_tab(cjk_site, chromium):
    """The site served, and one tab that each search loads the home page in (a new tab a search cost
    Chromium as much CPU as the page)."""
    with serve_folder(cjk_site.site, search_index=True) as url:
        page = chromium.new_page()
        yield url, page
        page.close()


@pytest.mark.parametrize("query, expected", [
    ("대한민국", "actors/rok/"),          # a Korean name
    ("韓国", "actors/rok/"),              # a Japanese alias
    ("한미동맹", "briefs/first-brief/"),   # a Korean word of a title
    ("地域", "briefs/first-brief/"),       # a Japanese word in the text
    ("安全", "briefs/first-brief/"),       # part of a Japanese compound (安全保障)
])
def test_search_finds_korean_and_japanese_words(cjk_tab, query, expected):
    url, page = cjk_tab
    page.goto(url)  # a new document each time: an empty search box
    page.locator("input.md-search__input").click()
    page.fill("input.md-search__input", query)
    results = page.locator(".md-search-result__item a")
    deadline = time.monotonic() + 10
    hrefs: list[str] = []
    while time.monotonic() < deadline and not any(expected in h for h in hrefs):
        # Hangul and kanji typed through an input method fire no key events of their own;
        # a key press, as a reader's next keystroke would, makes Material search again
        page.keyboard.press("End")
        time.sleep(0.3)
        hrefs = [a.get_attribute("href") or "" for a in results.all()]
    assert any(expected in h for h in hrefs), (query, hrefs)


def test_ids_stay_ascii_slugs(project):
    project.replace("briefs/actors.yml", "rok:\n", "대한민국:\n")
    printed = "\n".join(project.check())
    assert "briefs/actors.yml:2:1: error: '대한민국' is not a valid id: write an id: lowercase letters a-z" in printed
