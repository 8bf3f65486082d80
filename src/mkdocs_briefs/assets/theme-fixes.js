/* mkdocs-briefs: each link in the article of one of the plugin's pages (data-briefs-page on
   the <article>), and each annotation link (a.briefs-link) on any other page, records its
   full address in data-briefs-href, which the print stylesheet (reader.css) prints after the
   link: a relative href on paper says nothing. The other links of a hand-written page are
   left as they are. Links within the page are left out. Runs on every page (instant
   navigation included, through Material's `document$`); it only sets attributes. (The search
   dialog's name is material-search-name.js, an option.)
*/
(function () {
  "use strict";

  function recordLinkAddresses() {
    var article = document.querySelector(".md-content article");
    if (!article) return;
    var ours = article.hasAttribute("data-briefs-page");
    var links = article.querySelectorAll(ours ? "a[href]" : "a.briefs-link[href]");
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
