/* mkdocs-briefs: two small fixes to Material's pages, run on every page (instant
   navigation included, through Material's `document$`). They only set attributes.

   - The search dialog (div.md-search, role="dialog") has no accessible name (axe:
     aria-dialog-name). It gets the search field's own label, so it follows the site's
     language. A script, not a template override, so no Material template is copied.
   - Each link in the article records its full address in data-briefs-href, which the
     print stylesheet (reader.css) prints after the link: a relative href on paper says
     nothing. Links within the page are left out.
*/
(function () {
  "use strict";

  function nameSearchDialog() {
    var dialog = document.querySelector(".md-search[role='dialog']");
    if (!dialog || dialog.hasAttribute("aria-label") || dialog.hasAttribute("aria-labelledby")) return;
    var input = dialog.querySelector("input[aria-label]");
    dialog.setAttribute("aria-label", input ? input.getAttribute("aria-label") : "Search");
  }

  function recordLinkAddresses() {
    var links = document.querySelectorAll(".md-content article a[href]");
    for (var i = 0; i < links.length; i++) {
      var link = links[i];
      var href = link.getAttribute("href");
      if (href.charAt(0) === "#" || /^javascript:/i.test(href) || link.classList.contains("headerlink")) continue;
      link.setAttribute("data-briefs-href", link.href);
    }
  }

  function fix() {
    nameSearchDialog();
    recordLinkAddresses();
  }

  if (typeof document$ !== "undefined" && document$.subscribe) {
    document$.subscribe(fix);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", fix);
  } else {
    fix();
  }
})();
