/* mkdocs-briefs: a preview of an annotation link's target (name, kind, one-line
   description) when the link is hovered with a mouse or focused from the keyboard.

   - The data is on the link: data-briefs-name, data-briefs-kind, and the description
     in its title (the native tooltip, kept for readers without JavaScript). While the
     preview is on, the title moves to data-briefs-title so two tooltips never show.
   - One shared element, role="tooltip", referenced by the link's aria-describedby while
     it shows. It holds nothing focusable, so it never traps focus; Escape hides it.
   - Touch is left alone: a tap follows the link, no preview is drawn in between.
   - Material's instant navigation swaps the page without reloading this script, so the
     set-up runs on every `document$` emission; the listeners of the previous page are
     removed first (AbortController). A page without annotation links gets none.
*/
(function () {
  "use strict";

  var LINKS = "a.briefs-link[data-briefs-name]";
  var KINDS = {
    actor: "js.kind.actor", mechanism: "js.kind.mechanism", rec: "js.kind.rec",
    brief: "js.kind.brief", author: "js.kind.author", series: "js.kind.series", update: "js.kind.update"
  };
  var SHOW_DELAY = 250;  /* ms of hovering before the preview appears */
  var HIDE_DELAY = 200;  /* ms to move the mouse from the link onto the preview */

  var tip = null;        /* the shared tooltip element, made on first use */
  var current = null;    /* the link whose preview is shown */
  var pending = null;    /* the link whose preview will show when the timer fires */
  var timer = 0;
  var controller = null; /* aborts the current page's listeners */

  function element() {
    if (tip && document.body.contains(tip)) return tip;
    tip = document.createElement("div");
    tip.id = "briefs-preview";
    tip.className = "briefs-preview";
    tip.setAttribute("role", "tooltip");
    tip.hidden = true;
    ["kind", "name", "description"].forEach(function (part) {
      var span = document.createElement("span");
      span.className = "briefs-preview__" + part;
      tip.appendChild(span);
    });
    /* inside the page's main landmark where there is one, so that no content lies outside landmarks */
    (document.querySelector("main") || document.body).appendChild(tip);
    return tip;
  }

  function part(name) {
    return element().querySelector(".briefs-preview__" + name);
  }

  function show(link) {
    cancel();
    if (current === link) return;
    hide();
    var el = element();
    if (link.hasAttribute("title")) {
      link.setAttribute("data-briefs-title", link.getAttribute("title"));
      link.removeAttribute("title");
    }
    var kind = link.getAttribute("data-briefs-kind") || "";
    var description = link.getAttribute("data-briefs-title") || "";
    part("kind").textContent = KINDS[kind] ? window.briefsLabels.t(KINDS[kind]) : kind;
    part("name").textContent = link.getAttribute("data-briefs-name");
    part("description").textContent = description;
    part("description").hidden = !description;
    el.hidden = false;
    link.setAttribute("aria-describedby", el.id);
    current = link;
    place(link, el);
  }

  function cancel() {
    clearTimeout(timer);
    pending = null;
  }

  function later(link) {
    cancel();
    pending = link;
    timer = setTimeout(function () { show(link); }, SHOW_DELAY);
  }

  function hide() {
    cancel();
    if (tip) tip.hidden = true;
    if (current) {
      current.removeAttribute("aria-describedby");
      if (current.hasAttribute("data-briefs-title")) {  /* the native tooltip comes back */
        current.setAttribute("title", current.getAttribute("data-briefs-title"));
        current.removeAttribute("data-briefs-title");
      }
    }
    current = null;
  }

  /* Below the link's first line box, or above it when there is no room below; never
     past the viewport's left or right edge. */
  function place(link, el) {
    var box = link.getClientRects()[0] || link.getBoundingClientRect();
    var gap = 6, margin = 8;
    el.style.left = "0px";
    el.style.top = "0px";
    var origin = el.getBoundingClientRect(); /* where (0, 0) of its containing block is, in the viewport */
    var width = el.offsetWidth, height = el.offsetHeight;
    var viewport = document.documentElement.clientWidth;
    var left = Math.max(margin, Math.min(box.left, viewport - width - margin));
    var top = box.bottom + gap;
    if (top + height > window.innerHeight - margin && box.top - gap - height > margin) {
      top = box.top - gap - height;
    }
    el.style.left = Math.round(left - origin.left) + "px";
    el.style.top = Math.round(top - origin.top) + "px";
  }

  function linkOf(target) {
    return target instanceof Element ? target.closest(LINKS) : null;
  }

  function onTip(target) {
    return tip !== null && target instanceof Node && tip.contains(target);
  }

  function setUp() {
    if (controller) controller.abort();
    controller = null;
    /* what belonged to the previous page goes; a link hovered while this one was
       swapped in (instant navigation) keeps its preview */
    if (current && !document.body.contains(current)) hide();
    if (pending && !document.body.contains(pending)) cancel();
    if (!document.querySelector(LINKS)) return;  /* nothing to preview on this page */
    controller = new AbortController();
    var options = { signal: controller.signal };

    document.addEventListener("pointerover", function (event) {
      if (event.pointerType === "touch") return;
      var link = linkOf(event.target);
      if (link) {
        if (link === current) cancel();  /* back on the link before the preview went */
        else if (link !== pending) later(link);
      } else if (onTip(event.target)) {
        cancel();  /* the reader moved onto the preview: keep it */
      }
    }, options);

    document.addEventListener("pointerout", function (event) {
      if (event.pointerType === "touch") return;
      var from = linkOf(event.target) || (onTip(event.target) ? current : null);
      if (!from) return;
      var to = event.relatedTarget;
      if (to instanceof Node && (from.contains(to) || onTip(to))) return;
      cancel();
      if (current && !(document.activeElement === current && current.matches(":focus-visible"))) {
        timer = setTimeout(hide, HIDE_DELAY);
      }
    }, options);

    document.addEventListener("focusin", function (event) {
      var link = linkOf(event.target);
      if (link && link.matches(":focus-visible")) show(link);
      else if (current) hide();
    }, options);

    document.addEventListener("focusout", function (event) {
      if (current && event.target === current) hide();
    }, options);

    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && current) hide();
    }, options);

    document.addEventListener("pointerdown", function (event) {
      if (current && !onTip(event.target)) hide();
    }, options);

    window.addEventListener("resize", hide, options);
  }

  if (typeof document$ !== "undefined" && document$.subscribe) {
    document$.subscribe(setUp);  /* Material: every page, instant navigation included */
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
