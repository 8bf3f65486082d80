"""How big the text of every visual of a page is, as a reader sees it (in CSS pixels).

A visual is a grid (a brief's, an actor's or a mechanism's "Connections", the map's grids, the
matrix) with its caption, legend and note, or a chart drawn at build time (the tracker's SVG,
shown as an image). In HTML the size of a text is its computed font size; in an SVG image it is
its font size times the scale at which the browser draws the image (its width on screen over
its viewBox width). Text read only by screen readers (`.briefs-sr-only`) is not measured.
`python tests/textsize.py SITE_DIR` prints the figures for the shipped site's page types at
phone and desktop widths.
"""

from __future__ import annotations

SMALLEST_TEXT = """async () => {
  const found = [];
  const parts = '.briefs-grid, .briefs-matrix, .briefs-grid-caption, .briefs-grid-legend, .briefs-grid-note';
  for (const visual of document.querySelectorAll(parts)) {
    for (const el of [visual, ...visual.querySelectorAll('*')]) {
      const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
      if (!own || el.closest('.briefs-sr-only')) continue;
      const style = getComputedStyle(el);
      if (style.display === 'none' || style.visibility === 'hidden') continue;
      found.push({where: visual.className.split(' ')[0], text: el.textContent.trim().slice(0, 40),
                  size: parseFloat(style.fontSize)});
    }
  }
  for (const img of document.querySelectorAll('article img[src$=".svg"]')) {
    const svg = new DOMParser().parseFromString(await (await fetch(img.src)).text(), 'image/svg+xml').documentElement;
    const view = (svg.getAttribute('viewBox') || '').split(/[ ,]+/).map(Number);
    const scale = view[2] ? img.getBoundingClientRect().width / view[2] : 1;
    for (const el of [svg, ...svg.querySelectorAll('text, tspan')]) {
      const size = el.getAttribute('font-size');
      if (size) found.push({where: 'chart', text: el === svg ? 'its text' : (el.textContent || '').trim().slice(0, 40),
                            size: parseFloat(size) * scale});
    }
  }
  return found;
}"""
"""Every text of every visual on the page: where (grid, matrix, chart...), its first words, its size in CSS px."""

PAGES = ("briefs/trilateral-prism/", "actors/rok/", "actors/us-congress/", "mechanisms/unc-revitalization/",
         "map/", "matrix/", "matrix/groups/", "tracker/")
"""One page of every type that has a visual, in the shipped site."""

WIDTHS = (390, 1280)


def smallest(page) -> list[dict]:
    """Every text of the page's visuals, smallest first."""
    return sorted(page.evaluate(SMALLEST_TEXT), key=lambda t: t["size"])


if __name__ == "__main__":  # figures for the record
    import sys
    from pathlib import Path

    from browser import CHROMIUM_ARGS, chromium_executable, serve_folder
    from playwright.sync_api import sync_playwright

    with serve_folder(Path(sys.argv[1])) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_executable(), args=CHROMIUM_ARGS)
        for width in WIDTHS:
            context = browser.new_context(viewport={"width": width, "height": 900})
            page = context.new_page()
            for path in PAGES:
                page.goto(base + path)
                texts = smallest(page)
                low = texts[0] if texts else None
                shown = f"{low['size']:.1f} px ({low['where']}: {low['text']!r})" if low else "no visual"
                print(f"{width:>5} px  {path:<34} smallest text {shown}")
            context.close()
        browser.close()
