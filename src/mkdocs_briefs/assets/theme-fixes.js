/* mkdocs-briefs: each link in the article records its full address in data-briefs-href,
   which the print stylesheet (reader.css) prints after the link: a relative href on paper
   says nothing. Links within the page are left out. Run on every page (instant navigation
   included, through Material's `document$`); it only sets attributes. (The search dialog's
   name is material-search-name.js, an option.)
*/
(function () {
  "use strict";

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
