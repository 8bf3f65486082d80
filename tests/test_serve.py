"""`mkdocs serve --livereload`, started for real: edits to briefs/ show up without a restart,
an error is shown on the page instead of a stale one, and fixing it recovers."""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator

import pytest

pytestmark = pytest.mark.slow  # starts `mkdocs serve`

TIMEOUT = 60.0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, timeout: float = 5.0) -> str:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.read().decode("utf-8")


def _wait_for(url: str, condition: Callable[[str], bool], server: subprocess.Popen) -> str:
    deadline = time.monotonic() + TIMEOUT
    last = ""
    while time.monotonic() < deadline:
        assert server.poll() is None, "the server stopped"
        try:
            last = _get(url)
            if condition(last):
                return last
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"{url} never showed the expected change; last page:\n{last[:2000]}")


@pytest.fixture
def served(project) -> Iterator[tuple[str, subprocess.Popen]]:
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--livereload", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project.root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
    )
    try:
        yield f"http://127.0.0.1:{port}", server
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()


def test_saving_a_brief_rebuilds_and_reloads_the_page(project, served):
    """One `mkdocs serve` through every case in turn (each of its own used to start a server and build
    the site): a save, the sources folder moved away and back, an error and its fix."""
    base, server = served
    page = _wait_for(f"{base}/briefs/first-brief/", lambda html: "The First Brief" in html, server)
    epoch, request_id = re.search(r"livereload\((\d+), (\d+)\)", page).groups()  # the reload script is there

    project.replace("briefs/first-brief.md", "beyond the Peninsula.", "beyond the Peninsula, freshly edited.")
    _wait_for(f"{base}/briefs/first-brief/", lambda html: "freshly edited" in html, server)
    # the browser's long poll answers with a newer epoch: that is what makes the open tab reload
    assert int(_get(f"{base}/livereload/{epoch}/{request_id}", timeout=TIMEOUT)) > int(epoch)
    # pages that show the brief's text (the recommendation's "in context") are rebuilt too
    _wait_for(f"{base}/recommendations/widen-aperture/", lambda html: "freshly edited" in html, server)

    _moving_the_sources_folder_away_shows_the_error_and_moving_it_back_recovers(project, base, server)
    _an_error_is_shown_on_the_page_and_fixing_it_recovers(project, base, server)


def _an_error_is_shown_on_the_page_and_fixing_it_recovers(project, base: str, server: subprocess.Popen) -> None:
    _wait_for(f"{base}/actors/rok/", lambda html: "Republic of Korea" in html, server)

    project.replace("briefs/first-brief.md", "addressed_to: [rok]", "addressed_to: [rokk]")
    broken = _wait_for(f"{base}/actors/rok/", lambda html: "The briefs sources have errors" in html, server)
    assert "briefs/first-brief.md:16:20: error: unknown actor &#x27;rokk&#x27; (did you mean &#x27;rok&#x27;?)" in broken \
        or "briefs/first-brief.md:16:20: error: unknown actor 'rokk' (did you mean 'rok'?)" in broken
    assert server.poll() is None

    project.replace("briefs/first-brief.md", "addressed_to: [rokk]", "addressed_to: [rok]")
    _wait_for(f"{base}/actors/rok/", lambda html: "Recommendations addressed to it" in html, server)
    server.terminate()
    output = server.communicate(timeout=10)[0]
    assert "Traceback" not in output
    assert "briefs/first-brief.md:16:20: error: unknown actor 'rokk'" in output


def _moving_the_sources_folder_away_shows_the_error_and_moving_it_back_recovers(
        project, base: str, server: subprocess.Popen) -> None:
    _wait_for(f"{base}/actors/rok/", lambda html: "Recommendations addressed to it" in html, server)

    project.briefs.rename(project.root / "briefs-elsewhere")
    missing = _wait_for(f"{base}/actors/rok/", lambda html: "The briefs sources have errors" in html, server)
    assert "the sources folder does not exist" in missing
    (project.root / "briefs-elsewhere").rename(project.briefs)
    _wait_for(f"{base}/actors/rok/", lambda html: "Recommendations addressed to it" in html, server)

    # a folder put back as a new copy (a checkout, a restore) is watched too: an edit shows
    project.briefs.rename(project.root / "briefs-elsewhere")
    _wait_for(f"{base}/actors/rok/", lambda html: "The briefs sources have errors" in html, server)
    shutil.copytree(project.root / "briefs-elsewhere", project.briefs)
    _wait_for(f"{base}/actors/rok/", lambda html: "Recommendations addressed to it" in html, server)
    project.replace("briefs/actors.yml", "description: South Korea.", "description: Freshly edited.")
    _wait_for(f"{base}/actors/rok/", lambda html: "Freshly edited." in html, server)
    assert server.poll() is None
