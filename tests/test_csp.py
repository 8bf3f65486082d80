"""The Content-Security-Policy: a payload that slipped past the sanitiser still does not run.

A hand-written page with the sanitiser switched off (`sanitize_pages: false`) carries
live payloads; with the policy (the default) Chromium runs none of them and loads no
remote image, without the policy the same page runs them (so the test can fail). The
theme's own inline scripts, Mermaid and the explorer keep working under the policy.
"""

from __future__ import annotations

import pytest

from mkdocs_briefs import csp, html_fixes

LIVE = ('# Home\n\n<img src="x" onerror="alert(\'img\')">\n\n<script>alert("inline")</script>\n\n'
        '<p><a id="js" href="javascript:alert(\'link\')">js</a></p>\n\n'
        '<img src="https://evil.example/pixel.png" alt="remote">\n')


def _run(chromium, site, path: str = "") -> tuple[list[str], list[str], list[str]]:
    from browser import serve_folder

    dialogs: list[str] = []
    remote: list[str] = []
    console: list[str] = []
    with serve_folder(site) as url:
        page = chromium.new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.on("console", lambda m: m.type == "error" and console.append(m.text))
        page.route("https://evil.example/**", lambda route: (remote.append(route.request.url), route.fulfill(status=404)))
        try:
            page.goto(url + path)
            page.wait_for_load_state("networkidle")
            if page.locator("#js").count():
                page.locator("#js").click()
                page.wait_for_timeout(200)
        finally:
            page.close()
    return dialogs, remote, console


@pytest.mark.parametrize("policy", [True, False])
def test_a_payload_past_the_sanitiser_does_not_run_under_the_policy(project, chromium, policy):
    project.write("docs/index.md", LIVE)
    project.replace("mkdocs.yml", "  - briefs\n", f"  - briefs:\n      sanitize_pages: false\n      csp: {str(policy).lower()}\n")
    project.replace("mkdocs.yml", "name: material\n", "name: material\n  font: false\n")
    build = project.build()
    assert build.returncode == 0, build.output
    meta = build.html("").find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert (meta is not None) == policy
    dialogs, remote, console = _run(chromium, build.site)
    if policy:
        assert dialogs == [] and remote == []
        assert any("Content Security Policy" in m for m in console)
        assert "'unsafe-inline'" not in meta["content"].split("script-src")[1].split(";")[0]
    else:  # the same page without the policy: the test can tell
        assert sorted(dialogs) == ["img", "inline", "link"] and remote


def test_the_theme_scripts_and_the_explorer_run_under_the_policy(shipped_site, chromium):
    from browser import serve_folder

    meta = shipped_site.html("briefs/trilateral-prism/").find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert "img-src 'self' data:" in meta["content"] and "'sha256-" in meta["content"]
    console: list[str] = []
    with serve_folder(shipped_site.site) as url:
        context = chromium.new_context()
        page = context.new_page()
        page.on("console", lambda m: m.type == "error" and console.append(m.text))
        try:
            page.goto(url + "briefs/trilateral-prism/")
            page.wait_for_load_state("networkidle")
            assert page.locator(".briefs-grid table").is_visible()  # the Connections grid, styled by the site's CSS
            assert page.evaluate("getComputedStyle(document.querySelector('.briefs-grid')).overflowX") == "auto"
            assert page.evaluate("typeof __md_get") == "function"  # the theme's inline script ran
            page.goto(url + "recommendations/?actor=rok")
            page.wait_for_load_state("networkidle")
            page.locator("details.briefs-facet").first.wait_for(timeout=10000)  # explorer.js built its filters
            page.goto(url + "actors/rok/")
            page.wait_for_load_state("networkidle")
            page.locator("article a.briefs-link:visible").first.click()  # Material's instant navigation
            page.wait_for_url(lambda address: "/actors/rok/" not in address)  # a timeout fails the test
            page.wait_for_load_state("networkidle")
        finally:
            context.close()
    assert [m for m in console if "Content Security Policy" in m] == []


def test_the_policy_hashes_exactly_the_inline_scripts():
    page = ('<html><head><meta charset="utf-8"><script>a()</script><script src="x.js"></script>'
            '<script type="application/ld+json">{}</script></head><body><script>b()</script></body></html>')
    out = csp.add_policy(page, ["img.example.org"])
    policy = out.split('content="', 1)[1].split('"', 1)[0]
    assert out.index("Content-Security-Policy") < out.index("<script>")
    assert policy.count("'sha256-") == 2
    assert "img-src 'self' data: https://img.example.org" in policy


def test_the_scripts_of_the_content_are_left_out_wherever_it_is_in_the_page():
    content = f'<p>{"text " * 60}</p><script>evil()</script>'  # longer than the start the page is searched for
    theme = '<script>theme()</script>'
    for page in (f"<html><head></head><body>{theme}{content}</body></html>",  # once: the usual page
                 f"<html><head></head><body>{content}{theme}{content}</body></html>",  # twice
                 f"<html><head></head><body>{content[:280]}{theme}{content}</body></html>"):  # its start before it
        policy = csp.add_policy(page, content=content).split('content="', 1)[1]
        assert policy.count("'sha256-") == 1 and csp.script_hashes(theme)[0] in policy, page


def test_the_additions_go_in_at_their_places_in_one_copy():
    assert html_fixes.insert("<head></head><article>", [None, (6, "B"), (0, "A"), (6, "C")]) == "A<head>BC</head><article>"
    assert html_fixes.insert("page", []) == "page"
    page = '<head></head><article class="md-content__inner md-typeset">'
    assert html_fixes.insert(page, [html_fixes.own_page_mark(page)]).endswith('md-typeset" data-briefs-page>')
