/* mkdocs-briefs: Mermaid from this site, never from a CDN, and only where a diagram is.

   Material for MkDocs draws every ```mermaid block with `window.mermaid` if it exists, and
   otherwise loads Mermaid from unpkg.com. This small stand-in takes its place on every
   page: Material calls `initialize` and then `render` for each diagram, and the first
   `render` loads the copy of Mermaid published with the site (vendor/mermaid.min.js,
   beside this script), hands it Material's settings and renders with it. Pages without a
   diagram never load it. The stand-in stays in place across Material's instant
   navigation, since this script runs once per visit.

   On another theme (MkDocs' own, Read the Docs), nothing draws ```mermaid blocks: once the
   page has loaded without Material, this script draws each <pre class="mermaid"> itself,
   with the same bundled Mermaid. */
(function () {
  "use strict";
  if (typeof window.mermaid !== "undefined" && !(window.mermaid instanceof Element)) {
    return; // the site loads a Mermaid of its own
  }
  var self = document.currentScript || document.querySelector('script[src*="assets/briefs/diagrams.js"]');
  var source = new URL("vendor/mermaid.min.js", self ? self.src : document.baseURI).href;
  var settings = { startOnLoad: false, securityLevel: "strict" };
  var loading = null;

  function load() {
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = source;
        script.onload = function () {
          var mermaid = window.mermaid;
          if (!mermaid || mermaid === standIn || typeof mermaid.render !== "function") {
            reject(new Error("mkdocs-briefs: " + source + " did not define Mermaid"));
            return;
          }
          mermaid.startOnLoad = false; // Material renders each diagram itself
          mermaid.initialize(settings);
          resolve(mermaid);
        };
        script.onerror = function () {
          reject(new Error("mkdocs-briefs: could not load " + source));
        };
        document.head.appendChild(script);
      });
    }
    return loading;
  }

  var standIn = {
    initialize: function (options) {
      // Material's settings, kept for the real Mermaid; labels are never trusted as HTML.
      // A diagram is drawn at its own size, never shrunk to the column (shrunk, its text fell to
      // 5 px on a phone): a wide one scrolls inside its box (graph.css).
      var flowchart = Object.assign({}, options && options.flowchart, { useMaxWidth: false });
      settings = Object.assign({}, options, { startOnLoad: false, securityLevel: "strict", flowchart: flowchart });
    },
    render: function (id, text, container) {
      return load().then(function (mermaid) {
        return mermaid.render(id, text, container);
      });
    },
    run: function (options) {
      return load().then(function (mermaid) {
        return mermaid.run(options);
      });
    },
  };
  window.mermaid = standIn;

  function drawWithoutMaterial() {
    if (typeof document$ !== "undefined") return; /* Material draws the diagrams */
    Array.prototype.forEach.call(document.querySelectorAll("pre.mermaid"), function (pre, i) {
      var text = pre.textContent;
      load()
        .then(function (mermaid) { return mermaid.render("briefs-mermaid-" + i, text); })
        .then(function (result) {
          var drawn = document.createElement("div");
          drawn.className = "mermaid";
          drawn.innerHTML = result.svg;  /* Mermaid's own output, its labels escaped (securityLevel strict) */
          pre.replaceWith(drawn);
          if (result.bindFunctions) result.bindFunctions(drawn);
        })
        .catch(function (error) { console.error(error); });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", drawWithoutMaterial);
  else drawWithoutMaterial();
})();
