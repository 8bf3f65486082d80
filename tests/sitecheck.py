"""A checker for a built site: every internal link and fragment resolves, every page has
a title, no page repeats an element id. Used by the tests on every site they build.
`unsafe_markup` lists what in a page's content could run a script or call another site."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup


@dataclass
class SiteReport:
    pages: int = 0
    problems: list[str] = field(default_factory=list)


def parse(html: Path) -> BeautifulSoup:
    """The page parsed, shared: a page several tests read (the shipped site's) is parsed once. Read it, never
    change it (copy.copy a part first)."""
    stat = html.stat()
    return _parse(str(html), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=256)
def _parse(path: str, mtime_ns: int, size: int) -> BeautifulSoup:
    return BeautifulSoup(Path(path).read_text("utf-8"), "html.parser")


def _page_url(site: Path, html: Path) -> str:
    return "/" + html.relative_to(site).as_posix()


def check_site(site: Path) -> SiteReport:
    report = SiteReport()
    ids: dict[str, set[str]] = {}
    links: list[tuple[str, str]] = []
    for html in sorted(site.rglob("*.html")):
        url = _page_url(site, html)
        soup = parse(html)
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


EVENT_ATTRIBUTE = re.compile(r"^on", re.IGNORECASE)
SAFE_SCHEMES = ("http", "https", "mailto")


def unsafe_markup(soup, image_hosts: frozenset[str] = frozenset()) -> list[str]:
    """Everything in a page's <article> (outside the theme's own <head>) that could run or call out:
    event handlers, `style`, `srcset`, a scheme other than http(s) and mailto, a remote resource
    (but an image from one of `image_hosts`), a script-capable element, the class `mermaid` off a <pre>."""
    found = []
    for el in soup.select("article *, article"):
        for attr, value in el.attrs.items():
            value = " ".join(value) if isinstance(value, list) else value
            if EVENT_ATTRIBUTE.match(attr) or attr in ("style", "srcset", "formaction"):
                found.append(f"<{el.name} {attr}={value!r}>")
            if attr in ("href", "src", "action", "data", "poster", "xlink:href"):
                scheme = re.match(r"\s*([A-Za-z][A-Za-z0-9+.-]*):", re.sub(r"[\x00-\x20]", "", value))
                if scheme and scheme.group(1).lower() not in SAFE_SCHEMES:
                    found.append(f"<{el.name} {attr}={value!r}>")
                remote = re.match(r"\s*(https?:)?//([^/:?#]*)", value, re.IGNORECASE)
                allowed = el.name == "img" and attr == "src" and remote and remote.group(2).lower() in image_hosts
                if el.name in ("img", "source", "video", "audio", "iframe") and remote and not allowed:
                    found.append(f"remote <{el.name} {attr}={value!r}>")
        if el.name in ("script", "iframe", "object", "embed", "style", "form", "svg", "math", "noscript", "base"):
            found.append(f"<{el.name}>")
        if el.name != "pre" and "mermaid" in (el.get("class") or []):
            found.append(f"<{el.name} class=mermaid>")
    return found
