"""`mkdocs-briefs export DIR`: the same pages from plain MkDocs, with no plugin, as from the plugin's build.

The export is built with a configuration that lists no `briefs` plugin (the one `export`
prints), and every page's article is compared with the plugin's build: elements,
attributes and text, all but the edit button (which points at the exported file). The
data exports and assets must be the same bytes.
"""

from __future__ import annotations

import json
import posixpath
import subprocess
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import FORKER, SOURCE_DATE_EPOCH, Build, built, copy_shipped, make_project, new_venv, run_build
from payloads import ATTRIBUTE_LIST

from mkdocs_briefs.plugin.export_docs import plain_config
from mkdocs_briefs.plugin.files import REDIRECTS

LISTINGS_HOME = """\
# Home

See [Seoul](actor:rok) and [the explorer](rec:index?actor=rok).

<!-- briefs:latest -->

<!-- briefs:count-by-actor -->

```text
[not a link](actor:rok) and click n1 href "briefs:actors/rok.md"
```
"""


def export(root: Path, folder: str = "plain") -> subprocess.CompletedProcess[str]:
    return FORKER.python_m("mkdocs_briefs.cli", "export", folder, cwd=root)


def write_plain_config(root: Path, folder: str = "plain") -> Path:
    """The site's mkdocs.yml without the plugin, with the settings `export` prints."""
    config = yaml.safe_load((root / "mkdocs.yml").read_text("utf-8"))
    config["plugins"] = [p for p in config["plugins"] if p != "briefs" and not (isinstance(p, dict) and "briefs" in p)]
    extra = yaml.unsafe_load(plain_config(folder))  # !!python/name: the Mermaid fence's format function
    config["markdown_extensions"] = config.get("markdown_extensions", []) + extra.pop("markdown_extensions")
    config.update(extra)
    path = root / "plain.yml"
    path.write_text(yaml.dump(config, Dumper=yaml.Dumper, sort_keys=False, allow_unicode=True), "utf-8")
    return path


def article(path: Path) -> list[tuple]:
    soup = BeautifulSoup(path.read_text("utf-8"), "html.parser")
    found = soup.select_one("article")
    assert found is not None, path
    for button in found.select("a.md-content__button"):
        button.decompose()
    return [(el.name, sorted((k, " ".join(v) if isinstance(v, list) else v) for k, v in el.attrs.items()), el.string)
            for el in found.find_all(True)]


def assert_same_site(plugin: Path, plain: Path) -> int:
    ours = sorted(p.relative_to(plugin) for p in plugin.rglob("*") if p.is_file())
    theirs = sorted(p.relative_to(plain) for p in plain.rglob("*") if p.is_file())
    labels = Path("assets/briefs/labels-data.js")  # the labels a build puts in each page's <head>
    assert labels in theirs and labels not in ours
    theirs.remove(labels)
    assert theirs == ours
    script = (plain / labels).read_text("utf-8")
    head = BeautifulSoup((plugin / "index.html").read_text("utf-8"), "html.parser").select_one("head script#briefs-labels")
    assert json.loads(script.split("JSON.stringify(", 1)[1].split(");\n", 1)[0]) == json.loads(head.get_text())
    moved = {Path(p) for p in REDIRECTS}  # static redirect pages: compared byte for byte below
    pages = [p for p in ours if p.suffix == ".html" and p.name != "404.html" and p not in moved]
    differ = [str(p) for p in pages if article(plugin / p) != article(plain / p)]
    assert differ == []
    data = [p for p in ours if p.parts[0] == "data" or p.parts[:2] == ("assets", "briefs") or p in moved]
    assert data and [str(p) for p in data if (plugin / p).read_bytes() != (plain / p).read_bytes()] == []
    return len(pages)


def test_export_builds_the_same_pages_with_plain_mkdocs(tmp_path: Path):
    project = make_project(tmp_path, fonts=False)
    project.write("docs/index.md", LISTINGS_HOME)
    with_plugin = built(project.build())
    result = export(tmp_path)
    assert result.returncode == 0, result.stderr
    assert "plugins" not in plain_config("plain") and "briefs\n" not in plain_config("plain")
    plain_yml = write_plain_config(tmp_path)
    assert "briefs" not in yaml.unsafe_load(plain_yml.read_text())["plugins"]
    plain = built(run_build(tmp_path, "--config-file", str(plain_yml), "--site-dir", str(tmp_path / "plain-site")))
    assert "briefs:" not in plain.output
    home = plain.html("")
    assert home.select_one("a.briefs-link.briefs-actor[href='actors/rok/'][data-briefs-kind='actor']")
    assert home.find("code").get_text().startswith("[not a link](actor:rok) and click n1 href \"briefs:")
    shown = assert_same_site(with_plugin.site, tmp_path / "plain-site")
    assert shown > 15


def test_export_refuses_a_folder_that_is_not_empty_and_writes_nothing(tmp_path: Path):
    project = make_project(tmp_path)
    result = export(tmp_path, "docs")
    assert result.returncode == 2 and "docs is not an empty folder" in result.stderr
    assert sorted(p.name for p in (tmp_path / "docs").iterdir()) == ["index.md"]
    project.replace("briefs/first-brief.md", "addressed_to: [rok]", "addressed_to: [rokk]")
    failed = export(tmp_path)
    assert failed.returncode == 1 and "unknown actor 'rokk'" in failed.stdout
    assert not (tmp_path / "plain").exists()


def test_export_refuses_an_attribute_list_only_a_builds_sanitiser_would_remove(tmp_path: Path):
    # a build drops `onclick` and a `javascript:` href from the page; the export wrote them into the Markdown,
    # and a plain build of it (attr_list on, as the export asks) published them
    project = make_project(tmp_path)
    project.replace("briefs/first-brief.md", "## The argument\n", '## The argument\n\nPara one.\n'
                    '{: .lead #top onclick="alert(1)" }\n\n[x](https://ok.example/){: title="t" href="javascript:alert(2)" }'
                    '\n\n`{: onmouseover="in code"}` and {a set}\n')
    (tmp_path / "briefs" / "updates").mkdir()
    (tmp_path / "briefs" / "updates" / "u.md").write_text(
        "---\ntitle: U\ndate: 2023-01-02\nsources:\n  - {title: S, publisher: P, url: 'https://e.org', date: 2023-01-02}"
        "\naffects:\n  - {rec: widen-aperture, status: done}\n---\n\nDone.\n" + ATTRIBUTE_LIST + "\n", "utf-8")
    failed = export(tmp_path)
    assert failed.returncode == 1, failed.stdout
    keep = "aria-hidden, aria-label, class, data-search-exclude, dir, hidden, id, lang, title, .class and #id"
    assert failed.stdout.splitlines()[:5] == [
        f"briefs/{path}:{n}:{c}: error: the attribute list sets '{key}', which a build without the plugin "
        f"would publish as it is (no sanitiser runs on an export): delete it, or keep to {keep}"
        for path, n, c, key in (("first-brief.md", 31, 15, "onclick"), ("first-brief.md", 33, 38, "href"),
                                ("updates/u.md", 11, 4, "onclick"), ("updates/u.md", 11, 23, "href"),
                                ("updates/u.md", 11, 50, "style"))]
    assert failed.stdout.splitlines()[5].startswith("briefs: 5 errors")  # not `{a set}`, nor the code span
    assert not (tmp_path / "plain").exists()


@pytest.fixture(scope="module")
def shipped_export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the repository's site with its export in plain/ and plain.yml, made once for the
    two builds below (MkDocs' and Zensical's), which write their sites to folders of their own."""
    root = tmp_path_factory.mktemp("shipped-export")
    copy_shipped(root)
    result = export(root)
    assert result.returncode == 0, result.stdout + result.stderr
    write_plain_config(root)
    return root


@pytest.mark.slow
def test_export_of_the_shipped_site_builds_the_same_pages_without_the_plugin(shipped_site: Build, shipped_export: Path):
    plain = run_build(shipped_export, "--config-file", str(shipped_export / "plain.yml"), env={
        "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, "PYTHONHASHSEED": "1"})
    assert plain.returncode == 0, plain.output
    assert assert_same_site(shipped_site.site, plain.site) > 60


ZENSICAL = "zensical==0.0.73"
"""The release the export was tried with (0.1.x needs zensical-ui, which the package index here lacks);
a newer one is a change to try, not a surprise in CI."""


def _href(href: str | None, page: Path) -> str | None:
    """A link as the path it leads to from `page`, so that './' and '../same/' compare equal."""
    if href is None or "://" in href or href.startswith(("#", "mailto:")):
        return href
    path, _, fragment = href.partition("#")
    here = "/" + page.parent.as_posix() + "/"
    full = posixpath.normpath(posixpath.join(here, path)) if path else here
    return full.rstrip("/") + (f"#{fragment}" if fragment else "")


def reading(path: Path, page: Path) -> tuple[list[tuple], str]:
    """What a reader gets from a page's article: its links (target, classes, anchor, preview) and its text."""
    found = BeautifulSoup(path.read_text("utf-8"), "html.parser").select_one("article")
    assert found is not None, path
    for skipped in found.select("a.md-content__button, a.headerlink, a#__skip"):  # theme furniture
        skipped.decompose()
    links = [(_href(a.get("href"), page), " ".join(a.get("class", [])), a.get("id"), a.get("data-briefs-name"))
             for a in found.find_all("a")]
    return links, " ".join(found.get_text(" ", strip=True).split())


@pytest.mark.slow
def test_zensical_builds_the_export_of_the_shipped_site_with_the_same_links_and_text(shipped_site: Build,
                                                                                      shipped_export: Path,
                                                                                      tmp_path: Path):
    """Zensical runs no third-party plugin; given the export, its pages link and read as the plugin's do."""
    venv = new_venv(tmp_path / "venv", ZENSICAL)
    project = shipped_export
    zensical_yml = project / "zensical.yml"
    zensical_yml.write_text((project / "plain.yml").read_text("utf-8") + "site_dir: zensical-site\n",
                            "utf-8")  # inside the project
    proc = subprocess.run([str(venv / "bin/zensical"), "build", "--strict", "-f", str(zensical_yml)], cwd=project,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    pages = sorted(p.relative_to(shipped_site.site) for p in shipped_site.site.rglob("index.html")
                   if p.relative_to(shipped_site.site).as_posix() not in REDIRECTS)
    assert len(pages) > 60
    differ = [str(p) for p in pages
              if reading(shipped_site.site / p, p) != reading(project / "zensical-site" / p, p)]
    assert differ == []
    for path in REDIRECTS:  # static pages that send the reader on: the same bytes in both
        assert (project / "zensical-site" / path).read_bytes() == (shipped_site.site / path).read_bytes()


def test_export_writes_the_pages_in_the_sites_language_with_its_own_templates(tmp_path: Path):
    """Like a build, `export` reads theme.language (the labels, the redirects' words) and the theme's
    custom_dir (the site's templates: a page's and the citation, which the export adds itself).
    In-process and without a build: the exported Markdown is what changes."""
    from mkdocs_briefs.plugin.export_docs import export_docs

    project = make_project(tmp_path, fonts=False)
    project.replace("mkdocs.yml", "  name: material\n", "  name: material\n  language: ko\n  custom_dir: overrides\n")
    project.write("overrides/briefs/pages/actor.md", '{{ front_matter }}# {{ title }}\n\n<p class="house-actor">'
                  '{{ t("rec.addressed_to") }}</p>\n')
    project.write("overrides/briefs/cite.html", '<p class="house-cite">{{ t("cite.title") }}</p>\n')
    result = export_docs(tmp_path / "mkdocs.yml", tmp_path / "plain")
    assert not result.diagnostics.errors and result.written
    plain = tmp_path / "plain"
    assert '<p class="house-actor">대상</p>' in (plain / "actors/rok.md").read_text("utf-8")
    brief = (plain / "briefs/first-brief.md").read_text("utf-8")
    assert '<p class="house-cite">이 브리프 인용하기</p>' in brief and "briefs-cite" not in brief
    assert "## 이 브리프의 제언 {#recommendations}" in brief
    assert '"js.explorer.clear": "필터 지우기"' in (plain / "assets/briefs/labels-data.js").read_text("utf-8")
    moved = (plain / "explorer/index.html").read_text("utf-8")
    assert '<html lang="ko">' in moved and "페이지 이동" in moved
