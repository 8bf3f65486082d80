/* mkdocs-briefs: the "Copy" buttons of a brief's citation block (a button with
   data-clipboard-target) on a theme without Material's clipboard support, such as MkDocs'
   own theme or Read the Docs. Material copies those buttons itself: there this does nothing. */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    if (typeof document$ !== "undefined") return; /* Material copies it */
    var button = event.target instanceof Element ? event.target.closest("button[data-clipboard-target]") : null;
    var source = button ? document.querySelector(button.getAttribute("data-clipboard-target")) : null;
    if (source && navigator.clipboard) navigator.clipboard.writeText(source.textContent.trim());
  });
})();
