/* mkdocs-briefs, option `material: {search_dialog_name: true}`: Material's search dialog
   (div.md-search, role="dialog") has no accessible name (axe: aria-dialog-name). It gets
   the search field's own label, so it follows the site's language. Run on every page
   (instant navigation included, through Material's `document$`); it only sets an attribute.
   A script, not a template override, so no Material template is copied. */
(function () {
  "use strict";

  function nameSearchDialog() {
    var dialog = document.querySelector(".md-search[role='dialog']");
    if (!dialog || dialog.hasAttribute("aria-label") || dialog.hasAttribute("aria-labelledby")) return;
    var input = dialog.querySelector("input[aria-label]");
    if (input) dialog.setAttribute("aria-label", input.getAttribute("aria-label"));
  }

  if (typeof document$ !== "undefined" && document$.subscribe) {
    document$.subscribe(nameSearchDialog);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", nameSearchDialog);
  } else {
    nameSearchDialog();
  }
})();
