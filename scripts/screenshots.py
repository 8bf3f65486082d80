"""Screenshots of the site, one per kind of page, for the README and docs/.

    .venv/bin/python scripts/screenshots.py [--out docs/assets/screenshots]

Builds the repository's site with `mkdocs build --strict` into a temporary folder, serves it
on 127.0.0.1 and photographs each page in headless Chromium (Debian's, as the tests use:
see tests/browser.py) at 1280x900, plus one page in the dark palette, one on a 390-px
phone, and a recommendation and the explorer of the same site built in Korean
(`theme.language: ko`). Re-run it after changing the site; it overwrites the files it writes and no others.
Needs the test extras (`pip install -e '.[test]'`).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from browser import CHROMIUM_ARGS, chromium_executable, serve_folder  # noqa: E402

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@dataclass(frozen=True)
class Shot:
    name: str
    path: str
    viewport: dict
    dark: bool = False
    hover: str = ""
    """A link to hover before the shot, to show its preview."""
    scroll_to: str = ""
    """An element to bring to the top of the window (below the header) before the shot."""
    language: str = "en"
    """The site's `theme.language`."""


SHOTS = [
    Shot("home", "", DESKTOP, scroll_to="article > p:has(> a.briefs-brief)"),
    Shot("brief", "briefs/trilateral-prism/", DESKTOP, hover="article a.briefs-actor[href$='actors/dprk/']",
         scroll_to="#why-the-alliance-agenda-reaches-tokyo"),
    Shot("recommendation", "recommendations/convene-trilateral-lawmaker-consultations/", DESKTOP),
    Shot("actor", "actors/japan/", DESKTOP),
    Shot("mechanism", "mechanisms/unc/", DESKTOP),
    Shot("explorer", "recommendations/?actor=rok&mechanism=opcon-transition", DESKTOP),
    Shot("matrix", "matrix/", DESKTOP),
    Shot("map", "map/", DESKTOP),
    Shot("actor-dark", "actors/rok/", DESKTOP, dark=True),
    Shot("explorer-phone", "recommendations/?actor=us-congress", PHONE),
    Shot("connections-phone", "briefs/trilateral-prism/", PHONE, scroll_to="#connections"),
    Shot("map-phone", "map/", PHONE, scroll_to="#who-through-what"),
    Shot("recommendation-ko", "recommendations/expand-strategic-aperture/", DESKTOP, language="ko"),
    Shot("explorer-ko", "recommendations/?actor=rok&horizon=near-term", DESKTOP, language="ko"),
]


def build(site: Path, language: str = "en") -> None:
    """The repository's site, in `language` (a copy of it with `theme.language` set)."""
    root = REPO
    if language != "en":
        root = site.parent / f"sources-{language}"
        for name in ("docs", "briefs"):
            shutil.copytree(REPO / name, root / name)
        config = (REPO / "mkdocs.yml").read_text("utf-8")
        config = config.replace("  name: material\n", f"  name: material\n  language: {language}\n")
        (root / "mkdocs.yml").write_text(config, "utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                          cwd=root, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"the site does not build:\n{proc.stdout}{proc.stderr}")


def take(browser, base: str, shot: Shot, out: Path) -> Path | None:
    file = out / f"{shot.name}.png"
    context = browser.new_context(viewport=shot.viewport, color_scheme="dark" if shot.dark else "light",
                                  device_scale_factor=1, is_mobile=shot.viewport is PHONE,
                                  has_touch=shot.viewport is PHONE)
    try:
        page = context.new_page()
        response = page.goto(base + shot.path)
        if response is None or response.status != 200:
            print(f"skipped {shot.name}: {shot.path} is not in the site", file=sys.stderr)
            return None
        page.wait_for_load_state("networkidle")
        page.evaluate("document.fonts.ready")
        if shot.scroll_to:
            page.locator(shot.scroll_to).first.evaluate(  # just below Material's header (48 px)
                "el => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 62)")
        if shot.hover:
            page.locator(shot.hover).first.hover()
            page.locator("#briefs-preview").wait_for(state="visible")
        page.wait_for_timeout(300)  # let transitions end
        page.screenshot(path=file, animations="disabled", caret="hide")
        return file
    finally:
        context.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "assets" / "screenshots",
                        help="folder for the PNG files (default: docs/assets/screenshots)")
    parser.add_argument("--only", nargs="+", metavar="NAME", help="take only these shots (like explorer-ko)")
    args = parser.parse_args()
    shots = [shot for shot in SHOTS if not args.only or shot.name in args.only]
    args.out.mkdir(parents=True, exist_ok=True)

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_executable(), headless=True, args=CHROMIUM_ARGS)
        for language in dict.fromkeys(shot.language for shot in shots):
            site = Path(tmp) / f"site-{language}"
            build(site, language)
            with serve_folder(site) as base:
                for shot in (s for s in shots if s.language == language):
                    file = take(browser, base, shot, args.out)
                    if file:
                        print(file.relative_to(REPO) if file.is_relative_to(REPO) else file)
        browser.close()


if __name__ == "__main__":
    main()
