"""A corpus big enough to pass every cap of the grids, with a hostile actor name, and
helpers that read the grids of a built page. Used by test_graph.py (through the
`graph_site` fixture of conftest.py)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup
from conftest import Build, Project, make_project
from payloads import MERMAID

HOSTILE = MERMAID
"""The name of the actor 'hostile'."""
SPREAD = 15
"""Recommendations addressed to 'rok' in the large brief, each through its own mechanism."""


def _large_brief() -> str:
    recs, body = [], []
    for i in range(1, SPREAD + 1):
        recs.append(
            f"  - id: rec-{i:02}\n    title: Recommendation number {i:02}\n"
            f"    statement: Seoul should take step {i:02}.\n"
            f"    addressed_to: [rok, actor-{i:02}]\n    mechanisms: [mech-{i:02}]\n    horizon: near-term\n")
        body.append(f"[Seoul](actor:rok) should take [step {i:02}](rec:rec-{i:02}) with "
                    f"[actor {i:02}](actor:actor-{i:02}) through [mechanism {i:02}](mechanism:mech-{i:02}).")
    recs.append(
        "  - id: rec-hostile\n    title: Ask the hostile actor\n    statement: It should act.\n"
        "    addressed_to: [hostile]\n    mechanisms: [mech-01]\n    horizon: long-term\n"
        "  - id: rec-australia\n    title: Ask Australia\n    statement: Australia should act.\n"
        "    addressed_to: [australia]\n    mechanisms: [mech-01]\n    horizon: long-term\n"
        "  - id: rec-both\n    title: Ask Australia and the sending states\n    statement: They should act.\n"
        "    addressed_to: [australia, unc-sending-states]\n    mechanisms: [mech-01]\n    horizon: long-term\n")
    body.append("[Them](actor:hostile) should [act](rec:rec-hostile). [Australia](actor:australia) should "
                "[act](rec:rec-australia), and [so should](rec:rec-both) the sending states.")
    return (
        "---\ntitle: A Large Brief\ndate: 2023-03-01\nauthors: [ann-author]\n"
        "source:\n  publisher: Example Publisher\n  title: The Large Commentary\n  date: 2023-03-01\n"
        "  url: https://example.org/large\nsummary: Many recommendations.\nrecommendations:\n"
        + "".join(recs) + "---\n\n" + "\n\n".join(body) + "\n"
    )


def make_graph_project(root: Path) -> Project:
    """The minimal fixture plus a brief of SPREAD + 3 recommendations, SPREAD more actors and
    mechanisms, and an actor whose name is HOSTILE."""
    project = make_project(root, fonts=False)
    project.write("docs/index.md", "# Home\n\nSee [Seoul](actor:rok) and the [map](map/index.md).\n")
    project.replace("mkdocs.yml", "  font: false\n", "  font: false\n  features: [navigation.instant]\n")
    actors = "".join(f"actor-{i:02}:\n  name: Actor number {i:02}\n  kind: state\n" for i in range(1, SPREAD + 1))
    actors += f"hostile:\n  name: '{HOSTILE}'\n  kind: organization\n"
    mechs = "".join(f"mech-{i:02}:\n  name: Mechanism number {i:02}\n  kind: process\n" for i in range(1, SPREAD + 1))
    with (project.briefs / "actors.yml").open("a", encoding="utf-8") as f:
        f.write(actors)
    with (project.briefs / "mechanisms.yml").open("a", encoding="utf-8") as f:
        f.write(mechs)
    project.write("briefs/large-brief.md", _large_brief())
    return project


# --- reading grids ---------------------------------------------------------------------


def grids(page: BeautifulSoup) -> list:
    """The table of each grid of a built page."""
    return page.select(".briefs-grid table")


def grid_cells(table) -> dict[str, dict[str, tuple[str, str]]]:
    """Row header -> column header -> (what the cell says, its link or ''), for the cells that say something.
    A mark says its name (the text screen readers read); a count says its number."""
    columns = [th.get_text(" ", strip=True) for th in table.select("thead tr:last-child th")][1:]
    rows = {}
    for tr in table.select("tbody tr"):
        header, cells = tr.th.get_text(" ", strip=True), tr.find_all("td")
        assert len(cells) == len(columns), tr
        rows[header] = {col: (td.get_text(" ", strip=True).replace("● ", "").replace("○ ", "").replace("■ ", ""),
                              td.a["href"] if td.a else "")
                        for col, td in zip(columns, cells, strict=True) if td.get_text(strip=True)}
    return rows


def grid_links(table) -> dict[str, str]:
    """Text -> target of every link in the headers of a grid."""
    return {a.get_text(" ", strip=True): a["href"] for a in table.select("th a")}


def broken_grid_links(build: Build) -> list[str]:
    """Links in grids, on any page of a built site, that lead to no file."""
    broken = []
    for html in sorted(build.site.rglob("*.html")):
        url = "/" + html.relative_to(build.site).as_posix()
        for table in grids(BeautifulSoup(html.read_text("utf-8"), "html.parser")):
            for a in table.select("a"):
                path = urlsplit(urljoin(url, a["href"])).path
                target = build.site / path.lstrip("/")
                if not (target.is_file() or (target / "index.html").is_file()):
                    broken.append(f"{url}: {a.get_text()!r} -> {a['href']}")
    return broken
