"""`mkdocs-briefs init`: a new site that builds as it is written.

The site's files are in the package's `starter_site/` folder: `mkdocs.yml`,
`requirements.txt`, the home page with listings, a short editors' page, one invented
example brief with the four registries it uses, and the two GitHub workflows with
Dependabot. `init` copies them, fills in the plugin's version and today's date, and
refuses to overwrite any file.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from .scaffold import ScaffoldError, write_new

STARTER = Path(__file__).resolve().parent / "starter_site"
RENAMED = {"github": ".github", "gitignore": ".gitignore"}
"""Names that a package does not ship well (hidden files), and what they become in the site."""


def starter_files() -> dict[str, str]:
    """Each file of a new site, by its path in the site, with its template text."""
    found = {}
    for path in sorted(STARTER.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            parts = path.relative_to(STARTER).parts
            found["/".join((RENAMED.get(parts[0], parts[0]), *parts[1:]))] = path.read_text("utf-8")
    return found


def init_site(folder: Path, version: str, today: datetime.date) -> list[Path]:
    """Write a new site into `folder` (made if missing); the paths written, in order."""
    files = starter_files()
    taken = [name for name in files if (folder / name).exists()]
    if taken:
        shown = ", ".join(taken[:5]) + (f" and {len(taken) - 5} more" if len(taken) > 5 else "")
        raise ScaffoldError(f"{folder} already has {shown}: init writes a new site and overwrites nothing; "
                            "choose an empty folder, or move those files away")
    written = []
    for name, text in files.items():
        text = text.replace("@@VERSION@@", version).replace("@@TODAY@@", today.isoformat())
        written.append(write_new(folder / name, text))
    return written
