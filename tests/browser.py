"""Real headless Chromium for the tests: Debian's `chromium` driven by Playwright.

Playwright's own browser download does not work everywhere (nor here), so the tests
install Debian's package when it is missing and point Playwright at its binary.
"""

from __future__ import annotations

import functools
import http.server
import json
import mimetypes
import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@functools.cache
def chromium_executable() -> str:
    """Path of Debian's chromium, installed with apt-get if it is missing."""
    found = shutil.which("chromium")
    if found:
        return found
    if os.geteuid() == 0 and shutil.which("apt-get"):
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env, capture_output=True)
        subprocess.run(["apt-get", "install", "-y", "-qq", "chromium"], check=True, env=env, capture_output=True)
        found = shutil.which("chromium")
    if not found:
        pytest.fail("the browser tests need Debian's chromium package: run 'apt-get install chromium' as root")
    return found


OPEN_SHADOW = """(() => {
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) { return attach.call(this, { ...init, mode: "open" }); };
})();"""
"""An init script that opens the shadow roots diagrams.js draws in (closed), so tests can read the drawing."""


COUNT_XHR = """(() => {
  window.__briefsXhr = 0;
  const send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.send = function (...args) {
    window.__briefsXhr += 1;
    this.addEventListener("loadend", () => setTimeout(() => { window.__briefsXhr -= 1; }, 50));
    return send.apply(this, args);
  };
})();"""
"""An init script that counts the page's XMLHttpRequests still on their way. Material's instant navigation
fetches the page it swaps in that way, after a click on a link and after a step back or forward (even between
entries of the same page, as the explorer's filters make): a test that waits for `NO_SWAP_PENDING` before it
reads never reads the page that is about to be replaced. Until then, a reading can match and the next one
find the new page half set up (the explorer's table without its rows, a preview without its listeners)."""

NO_SWAP_PENDING = "!(window.__briefsXhr > 0)"


def settled(page, predicate: str = "() => true", arg=None):
    """Wait until no page is on its way to be swapped in (COUNT_XHR) and `predicate`, a JavaScript function
    of `arg`, returns a truthy value; return that value: one reading of the final state."""
    return page.wait_for_function(f"arg => {NO_SWAP_PENDING} && ({predicate})(arg)", arg=arg).json_value()


@contextmanager
def serve_folder(folder: Path, *, search_index: bool = False) -> Iterator[str]:
    """Serve a built site on 127.0.0.1; yields its base URL (ending in '/').

    The site's search index is answered without its documents (`LIGHT_SEARCH_INDEX`) unless `search_index`:
    the tests that type into the search box ask for the index as built."""
    handler = functools.partial(_QuietHandler if search_index else _LightSearchHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def route_site(context, base_url: str, folder: Path) -> None:
    """Answer the browser context's requests for `base_url` (a site's own site_url, say
    https://example.org/docs/) with the files of a built site, as if it were published there."""

    def fulfill(route) -> None:
        path = folder / urlsplit(route.request.url).path.removeprefix(urlsplit(base_url).path)
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            route.fulfill(status=404, body="not found")
            return
        route.fulfill(body=path.read_bytes(), content_type=mimetypes.guess_type(path.name)[0] or "text/plain")

    context.route(base_url + "**", fulfill)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:  # noqa: A002 (the base class's name)
        pass


LIGHT_SEARCH_INDEX = "search/search_index.json"
"""Material's search worker fetches the site's search index on every page load and builds a lunr index of it:
for the shipped site (520 KB) that was 0.3 s of Chromium's CPU a load, a third of it, in tests that never search.
Served by serve_folder with its `config` as built and no documents, so that the worker starts, reads the
site's search settings and is ready as before, at no cost. An index that is missing or not JSON is served as it
is (a 404, or a worker that fails as a reader's would). test_browser_smoke and test_cjk search the index as built."""


class _LightSearchHandler(_QuietHandler):
    def do_GET(self) -> None:
        path = Path(self.directory, urlsplit(self.path).path.lstrip("/"))
        if path.name != "search_index.json" or path.parent.name != "search" or not path.is_file():
            return super().do_GET()
        try:
            index = json.loads(path.read_bytes())
            body = json.dumps({"config": index["config"], "docs": []}).encode()
        except (ValueError, KeyError, TypeError):
            return super().do_GET()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        return None


@dataclass
class PageWatch:
    """What a page did that a reader would not want: console errors, requests off the site."""

    console_errors: list[str] = field(default_factory=list)
    third_party_requests: list[str] = field(default_factory=list)

    def attach(self, page, base_url: str) -> None:
        host = urlsplit(base_url).netloc
        page.on("console", lambda msg: msg.type == "error" and self.console_errors.append(msg.text))
        page.on("pageerror", lambda exc: self.console_errors.append(str(exc)))

        def on_request(request) -> None:
            parts = urlsplit(request.url)
            if parts.scheme in ("http", "https", "ws", "wss") and parts.netloc != host:
                self.third_party_requests.append(request.url)

        page.on("request", on_request)
