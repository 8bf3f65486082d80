"""A checker for a built site: every internal link and fragment resolves, every page has
a title, no page repeats an element id. Used by the tests on every site they build."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup


@dataclass
class SiteReport:
    pages: int = 0
    problems: list[str] = field(default_factory=list)


def _page_url(site: Path, html: Path) -> str:
    return "/" + html.relative_to(site).as_posix()


def check_site(site: Path) -> SiteReport:
    report = SiteReport()
    ids: dict[str, set[str]] = {}
    links: list[tuple[str, str]] = []
    for html in sorted(site.rglob("*.html")):
        url = _page_url(site, html)
        soup = BeautifulSoup(html.read_text("utf-8"), "html.parser")
        report.pages += 1
        title = soup.title.get_text(strip=True) if soup.title else ""
        if not title:
            report.problems.append(f"{url}: no <title>")
        seen: set[str] = set()
        for el in soup.find_all(id=True):
            if el["id"] in seen:
                report.problems.append(f"{url}: duplicate id '{el['id']}'")
            seen.add(el["id"])
        ids[url] = seen
        for a in soup.find_all("a", href=True):
            links.append((url, a["href"]))
    for page, href in links:
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:")):
            continue
        target = urlsplit(urljoin(page, href))
        path = unquote(target.path)
        if path.endswith("/"):
            path += "index.html"
        if page.endswith("404.html"):
            continue  # Material's 404 page is served at any depth; its links are site-absolute
        if not (site / path.lstrip("/")).is_file():
            if not (site / path.lstrip("/")).is_dir():
                report.problems.append(f"{page}: broken link '{href}'")
            continue
        if target.fragment and path.endswith(".html") and target.fragment not in ids.get(path, set()):
            report.problems.append(f"{page}: link '{href}' points at missing anchor '#{target.fragment}'")
    return report
