"""How big the text of every visual of a page is, as a reader sees it (in CSS pixels).

A visual is a drawn diagram (Mermaid's SVG, in the shadow root diagrams.js opens for tests)
or a grid (the matrix, a brief's connection grid). The size of a text in an SVG is its font
size times the scale at which the browser draws the SVG (its width on screen over its
viewBox width); in HTML it is the computed font size. `python tests/textsize.py SITE_DIR`
prints the figures for the shipped site's page types at phone and desktop widths.
"""

from __future__ import annotations

SMALLEST_TEXT = """() => {
  const found = [];
  const visit = (root, where) => {
    for (const svg of root.querySelectorAll('svg')) {
      const box = svg.getBoundingClientRect();
      const view = svg.viewBox && svg.viewBox.baseVal;
      const scale = view && view.width ? box.width / view.width : 1;
      for (const el of svg.querySelectorAll('text, tspan, foreignObject span, foreignObject div, foreignObject p')) {
        const text = (el.childNodes.length && [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()));
        if (!text) continue;
        const size = parseFloat(getComputedStyle(el).fontSize) * scale;
        found.push({where, text: el.textContent.trim().slice(0, 40), size});
      }
    }
  };
  for (const figure of document.querySelectorAll('.briefs-diagram div.mermaid')) {
    if (figure.shadowRoot) visit(figure.shadowRoot, 'diagram');
  }
  for (const grid of document.querySelectorAll('.briefs-grid, .briefs-matrix')) {
    for (const el of grid.querySelectorAll('*')) {
      const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
      if (!own || el.closest('.md-typeset .visually-hidden, .sr-only')) continue;
      const style = getComputedStyle(el);
      if (style.display === 'none' || style.visibility === 'hidden') continue;
      found.push({where: grid.className.split(' ')[0], text: el.textContent.trim().slice(0, 40),
                  size: parseFloat(style.fontSize)});
    }
  }
  return found;
}"""
"""Every text of every visual on the page: where (diagram, grid), its first words, its size in CSS px."""

DRAWN = """() => [...document.querySelectorAll('.briefs-diagram div.mermaid')]
    .every(d => d.shadowRoot && d.shadowRoot.querySelector('svg'))"""
"""True once Mermaid has drawn every diagram of the page."""

PAGES = ("briefs/trilateral-prism/", "actors/rok/", "actors/us-congress/", "mechanisms/unc-revitalization/",
         "map/", "matrix/", "matrix/groups/")
"""One page of every type that has a visual, in the shipped site."""

WIDTHS = (390, 1280)


def smallest(page) -> list[dict]:
    """Every text of the page's visuals, once drawn, smallest first."""
    page.wait_for_function(DRAWN, timeout=30_000)
    return sorted(page.evaluate(SMALLEST_TEXT), key=lambda t: t["size"])


if __name__ == "__main__":  # figures for the record
    import sys
    from pathlib import Path

    from browser import CHROMIUM_ARGS, OPEN_SHADOW, chromium_executable, serve_folder
    from playwright.sync_api import sync_playwright

    with serve_folder(Path(sys.argv[1])) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_executable(), args=CHROMIUM_ARGS)
        for width in WIDTHS:
            context = browser.new_context(viewport={"width": width, "height": 900})
            context.add_init_script(OPEN_SHADOW)
            page = context.new_page()
            for path in PAGES:
                page.goto(base + path)
                texts = smallest(page)
                low = texts[0] if texts else None
                shown = f"{low['size']:.1f} px ({low['where']}: {low['text']!r})" if low else "no visual"
                print(f"{width:>5} px  {path:<34} smallest text {shown}")
            context.close()
        browser.close()
