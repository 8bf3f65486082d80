/* mkdocs-briefs: the recommendations explorer's steps back and forward, heard before Material hears them.
 *
 * Loaded in the <head> of a page with an explorer, so that its listener comes before the one Material's
 * bundle adds at the end of the page (a window's listeners run in the order they were added). The
 * explorer puts its filters and order in the address, one history entry each. Going back or forward
 * between two of them, Material's instant navigation would fetch the page again and swap it in (after
 * the first such step on a page opened directly), and the reader would lose the table, their place on
 * the page and their focus for a moment. A step between the explorer's own entries is handed to the
 * explorer instead ("briefs:history"); any other step is left to Material. */
(function () {
  "use strict";
  window.addEventListener("popstate", function (event) {
    var explorer = document.querySelector(".briefs-explorer--live[data-briefs-path]");
    if (!explorer || explorer.getAttribute("data-briefs-path") !== location.pathname) return;
    event.stopImmediatePropagation();
    window.dispatchEvent(new CustomEvent("briefs:history"));
  });
})();
