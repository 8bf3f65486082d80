"""Where a built site's bytes are: HTML and search-index size by page type, the largest pages.

    python benchmarks/breakdown.py SITE [--over KB]

SITE is a built site folder (run.py --workdir DIR --keep leaves DIR/n<N>/site-plugin).
A page's type is its first folder (`actors/…`), with each section's own index apart
(`actors index`). Also counts the pages over --over KB of HTML (default 200) and the
entries of the navigation rendered into the home page.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path


def page_type(rel: str) -> str:
    """'actors/rok/index.html' -> 'actors'; 'actors/index.html' -> 'actors index'."""
    parts = [p for p in rel.split("#")[0].split("/") if p and p != "index.html"]
    if not parts:
        return "home"
    if len(parts) == 1:
        return f"{parts[0]} index" if not parts[0].endswith(".html") else parts[0]
    return parts[0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--over", type=float, default=200, help="report pages over this many KB of HTML")
    parser.add_argument("--top", type=int, default=10, help="how many of the largest pages to list")
    args = parser.parse_args(argv)
    site: Path = args.site

    html: Counter[str] = Counter()
    count: Counter[str] = Counter()
    sizes = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        size = path.stat().st_size
        kind = page_type(rel)
        html[kind] += size
        count[kind] += 1
        sizes.append((size, rel))
    total_html = sum(html.values())
    total_site = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    print(f"site {total_site / 1e6:.1f} MB, of which HTML {total_html / 1e6:.1f} MB in {len(sizes)} pages")
    print("| page type | pages | HTML MB | share | average KB |")
    print("|---|--:|--:|--:|--:|")
    for kind, size in html.most_common():
        print(f"| {kind} | {count[kind]:,} | {size / 1e6:.1f} | {100 * size / total_html:.1f}% | "
              f"{size / count[kind] / 1e3:.0f} |")

    index = site / "search" / "search_index.json"
    if index.is_file():
        docs = json.loads(index.read_text("utf-8"))["docs"]
        entry_bytes: Counter[str] = Counter()
        entries: Counter[str] = Counter()
        for doc in docs:
            kind = page_type(doc["location"].split("#")[0] + "index.html")
            entry_bytes[kind] += len(json.dumps(doc, ensure_ascii=False).encode("utf-8"))
            entries[kind] += 1
        total = sum(entry_bytes.values())
        print()
        print(f"search index {index.stat().st_size / 1e6:.1f} MB in {len(docs):,} entries")
        print("| page type | entries | MB | share |")
        print("|---|--:|--:|--:|")
        for kind, size in entry_bytes.most_common():
            print(f"| {kind} | {entries[kind]:,} | {size / 1e6:.2f} | {100 * size / total:.1f}% |")

    sizes.sort(key=lambda s: (-s[0], s[1]))
    over = [s for s in sizes if s[0] > args.over * 1000]
    print()
    print(f"{len(over):,} pages over {args.over:.0f} KB; the largest:")
    for size, rel in sizes[: args.top]:
        print(f"  {size / 1e3:9,.0f} KB  {rel}")
    home = site / "index.html"
    if home.is_file():
        nav = re.findall(r'class="md-nav__link[^"]*"', home.read_text("utf-8"))
        print(f"\nnavigation links rendered into the home page: {len(nav)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
