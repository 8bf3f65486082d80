/* mkdocs-briefs: the recommendations explorer.

   The list of recommendations (recommendations/, and recommendations/page/N/ when it is long)
   is a plain table that works without JavaScript. On a page holding that table
   ([data-briefs-explorer]) this script loads data/recommendations.json and adds facets with
   live counts and a text filter. Unfiltered, a page shows its own rows; filtered, it shows
   every matching recommendation, whichever page of the table it is on. On any other page
   the script does nothing.

   The filters live in the URL's query, so that a view can be shared and linked to:
     actor  involves  mechanism  horizon  brief  series  author   (ids; repeat to OR them)
     status                                                         (a status's id, or not-tracked)
     text                                                           (words, all must match)
     sort=updated                                                   (latest update first; else the
                                                                     briefs' order)
   for example recommendations/?actor=rok&mechanism=unc. Facets are ANDed together.
     group                                                          (an actor's id: that actor or
                                                                     anyone in it, as `actor`s)
   (`q` is not used: Material opens its search dialog on any page loaded with ?q=.)

   What is chosen is named twice: in each facet's summary ("Addressed to · Japan +1") and as
   a row of chips, each a button that removes its choice. A facet lists only the options some
   recommendation would match (its count is not 0) and those chosen; a button under the list
   shows the others.

   With Material's instant navigation the page is swapped without reloading this script:
   it starts again on each new page through Material's document$, and stops the previous
   explorer (its listeners on window and document) first. Nothing here sets innerHTML:
   every editor's text reaches the page as text. */

(function () {
  "use strict";

  /* Labels come from the page (labels.js), in the site's language. */
  function t(key, n, values) { return window.briefsLabels.t(key, n, values); }
  function num(n) { return window.briefsLabels.number(n); }

  var FACETS = [
    { param: "actor", label: "js.filter.actor", list: "actors" },
    { param: "involves", label: "js.filter.involves", list: "actors" },
    { param: "mechanism", label: "js.filter.mechanism", list: "mechanisms" },
    { param: "horizon", label: "js.filter.horizon", list: "horizons" },
    { param: "status", label: "js.filter.status", list: "statuses" },
    { param: "brief", label: "js.filter.brief", list: "briefs" },
    { param: "series", label: "js.filter.series", list: "series" },
    { param: "author", label: "js.filter.author", list: "authors" }
  ];
  var HORIZONS = { "near-term": "horizon.near_term", "long-term": "horizon.long_term", "unspecified": "horizon.unspecified" };
  var TEXT = "text";
  var GROUP = "group";
  var SORT = "sort", UPDATED = "updated"; // ?sort=updated: the latest update first
  var COLUMNS = []; // the table's own column headings, read when the explorer starts
  var ANNOUNCE_DELAY = 400; // ms of quiet typing before the count is announced

  var current = null;

  function start() {
    if (current) {
      current.stop();
      current = null;
    }
    var root = document.querySelector("[data-briefs-explorer]");
    if (root) current = new Explorer(root);
  }

  /* --- helpers ---------------------------------------------------------------------- */

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === "text") node.textContent = attrs[key];
      else node.setAttribute(key, attrs[key]);
    });
    (children || []).forEach(function (child) {
      if (child) node.appendChild(child);
    });
    return node;
  }

  function fold(text) {
    return String(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  /* The filters of a URL's query: {facets: {param: [ids]}, text: "..."} */
  /* The filters in a URL's query. `within` maps a group's id to the ids of everyone in it:
     ?group=<id> is read as ?actor=<id>&actor=<member>... (the matrix's grouped view links so). */
  function readState(search, within) {
    var params = new URLSearchParams(search);
    var state = { facets: {}, text: (params.get(TEXT) || "").trim(), sort: params.get(SORT) === UPDATED ? UPDATED : "" };
    FACETS.forEach(function (f) {
      var values = params.getAll(f.param);
      if (f.param === "actor") {
        params.getAll(GROUP).forEach(function (id) { values = values.concat([id], (within && within.get(id)) || []); });
      }
      var seen = {};
      state.facets[f.param] = values.filter(function (v) {
        if (!v || seen[v]) return false;
        seen[v] = true;
        return true;
      });
    });
    return state;
  }

  function sameState(a, b) {
    return a.text === b.text && a.sort === b.sort && FACETS.every(function (f) {
      return a.facets[f.param].join("\n") === b.facets[f.param].join("\n");
    });
  }

  /* --- the explorer ------------------------------------------------------------------ */

  function Explorer(root) {
    this.root = root;
    this.path = location.pathname;
    this.pageSize = parseInt(root.getAttribute("data-page-size"), 10) || 100;
    this.aborter = new AbortController();
    this.timer = null;
    var link = root.querySelector('a[href$="data/recommendations.json"]');
    if (!link || typeof fetch !== "function") return;
    var self = this;
    fetch(link.href, { signal: this.aborter.signal })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(function (data) {
        if (!self.aborter.signal.aborted) self.setUp(data, new URL("..", link.href));
      })
      .catch(function () {
        /* the static table stays as it is; say so, rather than lose the filters silently */
        if (self.aborter.signal.aborted || root.querySelector(".briefs-explorer__offline")) return;
        var why = t(location.protocol === "file:" ? "js.explorer.offline_file" : "js.explorer.offline");
        root.insertBefore(el("p", { "class": "briefs-explorer__offline", role: "note", text: why }), root.firstChild);
      });
  }

  Explorer.prototype.stop = function () {
    this.aborter.abort();
    clearTimeout(this.timer);
  };

  Explorer.prototype.setUp = function (data, siteRoot) {
    var self = this;
    /* A page of the site itself, or null: the data is read from whatever the page's link names, and a
       hand-written page may host an explorer, so a `page` of "javascript:..." must not become a link. */
    function url(page) {
      try {
        var to = new URL(page, siteRoot);
        return to.origin === siteRoot.origin && /^https?:$/.test(to.protocol) ? to.href : null;
      } catch (error) {
        return null;
      }
    }
    function entries(list) {
      var map = new Map();
      (data[list] || []).forEach(function (e) {
        map.set(e.id, { id: e.id, name: e.name || e.title, short: e.short_title || null, url: e.page ? url(e.page) : null });
      });
      return map;
    }
    this.lists = {};
    FACETS.forEach(function (f) { self.lists[f.list] = self.lists[f.list] || entries(f.list); });
    self.lists.horizons.forEach(function (entry, id) { if (HORIZONS[id]) entry.name = t(HORIZONS[id]); });
    var briefs = new Map((data.briefs || []).map(function (b) { return [b.id, b]; }));

    this.statuses = new Map((data.statuses || []).map(function (s) { return [s.id, s]; }));
    this.recs = (data.recommendations || []).map(function (r, index) {
      var brief = briefs.get(r.brief) || {};
      var values = {
        actor: r.addressed_to || [], involves: r.involves || [], mechanism: r.mechanisms || [],
        horizon: [r.horizon], status: [r.status || "not-tracked"], brief: [r.brief], series: brief.series ? [brief.series] : [],
        author: brief.authors || []
      };
      var words = [r.title, r.statement];
      FACETS.forEach(function (f) {
        if (f.param === "horizon" || f.param === "series" || f.param === "author") return;
        values[f.param].forEach(function (id) { words.push((self.lists[f.list].get(id) || {}).name || id); });
      });
      return { rec: r, index: index, url: url(r.page), values: values, haystack: fold(words.join(" ")) };
    });

    this.table = this.root.querySelector("table");
    if (this.table && this.table.tHead) {
      COLUMNS = Array.from(this.table.tHead.rows[0].cells).map(function (cell) { return cell.textContent.trim(); });
    }
    if (!this.table) return;
    this.within = new Map((data.actors || []).filter(function (a) { return a.within; })
      .map(function (a) { return [a.id, a.within]; }));
    this.state = readState(location.search, this.within);
    this.limit = this.pageSize;
    this.build();
    this.root.classList.add("briefs-explorer--live");
    this.pager = this.root.querySelector(".briefs-pager");

    var signal = this.aborter.signal;
    // a step back or forward: history.js (in the page's <head>) keeps it from Material's instant
    // navigation when both entries are this page's, and hands it over as "briefs:history"
    this.root.setAttribute("data-briefs-path", this.path);
    ["popstate", "briefs:history"].forEach(function (type) {
      window.addEventListener(type, function () { self.follow(location); }, { signal: signal });
    });
    // A link to this same page with other filters (the navigation's "Recommendations", say) is
    // followed here: Material's instant navigation ignores a link to the page it is on.
    document.addEventListener("click", function (event) {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey ||
          event.altKey || !(event.target instanceof Element)) return;
      var link = event.target.closest("a[href]");
      if (!link || link.target || link.hasAttribute("download")) return;
      var to = new URL(link.href, location.href);
      if (to.origin !== location.origin || to.pathname !== self.path || to.hash) return;
      event.preventDefault();
      event.stopPropagation(); // before Material's listener on the body
      if (to.search !== location.search) history.pushState(null, "", to.href);
      self.follow(to);
    }, { capture: true, signal: signal });
    this.render(false);
  };

  /* Build the controls, placed between the download links and the table. */
  Explorer.prototype.build = function () {
    var self = this;
    var signal = this.aborter.signal;
    var textInput = el("input", {
      type: "search", id: "briefs-explorer-text", autocomplete: "off", spellcheck: "false",
      placeholder: t("js.explorer.placeholder")
    });
    textInput.value = this.state.text;
    textInput.addEventListener("input", function () {
      self.state.text = textInput.value.trim();
      self.changed(false);
    }, { signal: signal });
    this.textInput = textInput;

    this.facets = FACETS.map(function (f) {
      var options = Array.from(self.lists[f.list].values());
      if (!options.length) return null;
      var group = el("fieldset", {}, [el("legend", { "class": "briefs-sr-only", text: t(f.label) })]);
      var boxes = new Map();
      var list = el("ul", { role: "list" });
      options.forEach(function (option) {
        var box = el("input", { type: "checkbox", name: f.param, value: option.id });
        var count = el("span", { "class": "briefs-facet__count" });
        var item = el("li", {}, [el("label", {}, [box, el("span", { text: option.name }), document.createTextNode(" "), count])]);
        boxes.set(option.id, { box: box, count: count, item: item });
        list.appendChild(item);
      });
      group.appendChild(list);
      // options no recommendation matches are hidden (unless chosen) behind this button
      var all = el("button", { type: "button", "class": "briefs-facet__all", "aria-expanded": "false" });
      group.appendChild(all);
      var chosen = el("span", { "class": "briefs-facet__chosen" });
      var details = el("details", { "class": "briefs-facet", "data-facet": f.param }, [
        el("summary", {}, [el("span", { text: t(f.label) }), chosen]), group
      ]);
      group.addEventListener("change", function (event) {
        var box = event.target;
        var values = self.state.facets[f.param].filter(function (v) { return v !== box.value; });
        if (box.checked) values.push(box.value);
        self.state.facets[f.param] = self.inOrder(f, values);
        self.changed(true);
      }, { signal: signal });
      var facet = { facet: f, details: details, boxes: boxes, chosen: chosen, all: all, showAll: false };
      all.addEventListener("click", function () {
        facet.showAll = !facet.showAll;
        self.paintFacet(facet);
      }, { signal: signal });
      return facet;
    }).filter(Boolean);

    // what is chosen, named, each a button that removes it
    this.chips = el("ul", { "class": "briefs-explorer__chips", role: "list", "aria-label": t("js.explorer.chips") });
    this.chips.addEventListener("click", function (event) {
      var chip = event.target instanceof Element && event.target.closest("button[data-param]");
      if (!chip) return;
      var param = chip.getAttribute("data-param"), value = chip.getAttribute("data-value");
      var at = Array.from(self.chips.querySelectorAll("button")).indexOf(chip);
      self.state.facets[param] = self.state.facets[param].filter(function (v) { return v !== value; });
      self.changed(true);
      var left = self.chips.querySelectorAll("button");
      (left[Math.min(at, left.length - 1)] || textInput).focus();
    }, { signal: signal });

    this.status = el("p", { "class": "briefs-explorer__status", role: "status", "aria-live": "polite" });
    this.clear = el("button", { type: "button", "class": "md-button briefs-explorer__clear", text: t("js.explorer.clear") });
    this.clear.addEventListener("click", function () {
      self.state = readState(self.state.sort ? "?" + SORT + "=" + UPDATED : ""); // filters go, the order stays
      self.changed(true);
      textInput.focus();
    }, { signal: signal });
    this.more = el("button", { type: "button", "class": "md-button briefs-explorer__more" });
    this.more.addEventListener("click", function () {
      self.limit += self.pageSize;
      self.render(false);
    }, { signal: signal });

    this.sorter = el("select", { id: "briefs-explorer-sort" }, [
      el("option", { value: "", text: t("js.explorer.sort_briefs") }),
      el("option", { value: UPDATED, text: t("js.explorer.sort_updated") })
    ]);
    this.sorter.addEventListener("change", function () {
      self.state.sort = self.sorter.value;
      self.changed(true);
    }, { signal: signal });

    var controls = el("div", { "class": "briefs-explorer__controls", role: "search", "aria-label": t("js.explorer.region") }, [
      el("div", { "class": "briefs-explorer__text" }, [
        el("label", { "for": "briefs-explorer-text", text: t("js.explorer.words") }), textInput
      ]),
      el("div", { "class": "briefs-explorer__facets" }, this.facets.map(function (x) { return x.details; })),
      this.chips,
      el("div", { "class": "briefs-explorer__sort" }, [
        el("label", { "for": "briefs-explorer-sort", text: t("js.explorer.sort") }), this.sorter
      ]),
      el("div", { "class": "briefs-explorer__summary" }, [this.status, this.clear])
    ]);
    var downloads = this.root.querySelector(".briefs-downloads");
    this.root.insertBefore(controls, downloads ? downloads.nextSibling : this.root.firstChild);
    var wrapper = this.table.closest(".md-typeset__scrollwrap") || this.table;
    wrapper.parentNode.insertBefore(this.more, wrapper.nextSibling);
    this.body = this.table.tBodies[0] || this.table.appendChild(document.createElement("tbody"));
    // unfiltered, the page shows its own rows (and its links to the other pages of the table)
    this.pageRows = Array.from(this.body.rows);
    this.pageRows.forEach(function (row) {
      Array.from(row.cells).forEach(function (cell, i) { if (i) cell.setAttribute("data-label", COLUMNS[i]); });
    });
  };

  Explorer.prototype.inOrder = function (facet, values) {
    var order = Array.from(this.lists[facet.list].keys());
    return values.slice().sort(function (a, b) {
      var i = order.indexOf(a), j = order.indexOf(b);
      return (i < 0 ? Infinity : i) - (j < 0 ? Infinity : j);
    });
  };

  /* After the reader changed a filter: new URL (a history entry for a facet, none while typing). */
  Explorer.prototype.changed = function (newEntry) {
    this.limit = this.pageSize;
    var params = new URLSearchParams(location.search);
    FACETS.forEach(function (f) { params.delete(f.param); });
    params.delete(TEXT);
    params.delete(SORT);
    var self = this;
    FACETS.forEach(function (f) {
      self.state.facets[f.param].forEach(function (v) { params.append(f.param, v); });
    });
    if (this.state.text) params.set(TEXT, this.state.text);
    if (this.state.sort) params.set(SORT, this.state.sort);
    var query = params.toString();
    var target = location.pathname + (query ? "?" + query : "") + location.hash;
    if (newEntry) history.pushState(null, "", target);
    else history.replaceState(history.state, "", target);
    this.render(!newEntry);
  };

  /* The URL changed under us (back/forward, or a link to this page): show what it says. */
  Explorer.prototype.follow = function (where) {
    if (where.pathname !== this.path) return;
    var state = readState(where.search, this.within);
    if (sameState(state, this.state)) return;
    this.state = state;
    this.limit = this.pageSize;
    this.render(false);
  };

  Explorer.prototype.render = function (typing) {
    var state = this.state;
    if (!typing) this.textInput.value = state.text;
    var active = this.facets.filter(function (x) { return state.facets[x.facet.param].length; });
    var words = fold(state.text).split(/\s+/).filter(Boolean);
    var counts = {};
    this.facets.forEach(function (x) { counts[x.facet.param] = new Map(); });
    var matches = [];

    this.recs.forEach(function (item) {
      for (var w = 0; w < words.length; w++) if (item.haystack.indexOf(words[w]) < 0) return;
      var failing = null, failures = 0;
      for (var i = 0; i < active.length; i++) {
        var param = active[i].facet.param, wanted = state.facets[param];
        if (!item.values[param].some(function (v) { return wanted.indexOf(v) >= 0; })) {
          failures += 1;
          failing = param;
          if (failures > 1) return;
        }
      }
      // a facet's counts say how many would match if that facet's own choice changed
      Object.keys(counts).forEach(function (param) {
        if (failures === 0 || failing === param) {
          item.values[param].forEach(function (v) { counts[param].set(v, (counts[param].get(v) || 0) + 1); });
        }
      });
      if (failures === 0) matches.push(item);
    });

    var self = this;
    this.facets.forEach(function (x) {
      x.counts = counts[x.facet.param];
      self.paintFacet(x);
    });
    this.paintChips();

    var filtered = active.length > 0 || words.length > 0;
    // in the latest update's order, every matching row is listed, whichever page of the table it is on
    var live = filtered || state.sort === UPDATED;
    this.sorter.value = state.sort;
    if (state.sort === UPDATED) matches.sort(byUpdate);
    var rows = document.createDocumentFragment();
    if (live) matches.slice(0, this.limit).forEach(function (item) { rows.appendChild(self.row(item)); });
    else this.pageRows.forEach(function (row) { rows.appendChild(row); });
    this.body.replaceChildren(rows);
    if (this.pager) this.pager.hidden = live;
    var rest = live ? matches.length - Math.min(matches.length, this.limit) : 0;
    this.more.hidden = rest <= 0;
    this.more.textContent = t("js.explorer.more", rest, { shown: num(Math.min(rest, this.pageSize)) });
    this.clear.disabled = !filtered;

    var summary = t("js.explorer.summary", this.recs.length, { matches: num(matches.length) });
    if (!live && this.pager) summary += t("js.explorer.on_page", this.pageRows.length);
    else if (rest > 0) summary += t("js.explorer.first", this.limit);
    clearTimeout(this.timer);
    var status = this.status;
    if (typing) this.timer = setTimeout(function () { status.textContent = summary; }, ANNOUNCE_DELAY);
    else status.textContent = summary;
  };

  /* A facet's boxes, counts and summary. An option no recommendation would match is hidden,
     unless it is chosen or the reader asked to see all; the summary names what is chosen. */
  Explorer.prototype.paintFacet = function (x) {
    var chosen = this.state.facets[x.facet.param], list = this.lists[x.facet.list], hidden = 0;
    x.boxes.forEach(function (entry, id) {
      var n = x.counts.get(id) || 0;
      var none = n === 0 && chosen.indexOf(id) < 0;
      entry.box.checked = chosen.indexOf(id) >= 0;
      entry.count.textContent = "(" + num(n) + ")";
      entry.item.classList.toggle("briefs-facet__none", none);
      entry.item.hidden = none && !x.showAll;
      if (none) hidden += 1;
    });
    x.all.hidden = hidden === 0;
    x.all.setAttribute("aria-expanded", String(x.showAll));
    x.all.textContent = x.showAll ? t("js.explorer.fewer", hidden) : t("js.explorer.all", hidden);
    var first = chosen.length ? (list.get(chosen[0]) || { name: chosen[0] }).name : "";
    x.chosen.textContent = !chosen.length ? "" : chosen.length === 1 ? t("js.explorer.chosen", undefined, { first: first })
      : t("js.explorer.chosen_more", undefined, { first: first, rest: num(chosen.length - 1) });
  };

  /* One removable chip per chosen option, in the order of the facets. */
  Explorer.prototype.paintChips = function () {
    var self = this, chips = [];
    this.facets.forEach(function (x) {
      self.state.facets[x.facet.param].forEach(function (id) {
        var values = { facet: t(x.facet.label), name: (self.lists[x.facet.list].get(id) || { name: id }).name };
        chips.push(el("li", {}, [el("button", {
          type: "button", "class": "briefs-chip", "data-param": x.facet.param, "data-value": id,
          "aria-label": t("js.explorer.remove", undefined, values)
        }, [el("span", { text: t("js.explorer.chip", undefined, values) }), el("span", { "aria-hidden": "true", text: " ×" })])]));
      });
    });
    this.chips.replaceChildren.apply(this.chips, chips);
    this.chips.hidden = chips.length === 0;
  };

  Explorer.prototype.row = function (item) {
    var r = item.rec, lists = this.lists;
    function links(list, ids, short) {
      var cell = [];
      ids.forEach(function (id, i) {
        var entry = lists[list].get(id) || { name: id };
        var name = (short && entry.short) || entry.name;
        if (i) cell.push(document.createTextNode(", "));
        cell.push(entry.url ? el("a", { href: entry.url, text: name }) : document.createTextNode(name));
      });
      return cell.length ? cell : [document.createTextNode("–")];
    }
    var cells = [
      [item.url ? el("a", { href: item.url, title: r.statement, text: r.title })
        : el("span", { title: r.statement, text: r.title }), document.createTextNode(" "), this.badge(r)],
      links("actors", item.values.actor),
      links("actors", item.values.involves),
      links("mechanisms", item.values.mechanism),
      [document.createTextNode((lists.horizons.get(r.horizon) || { name: r.horizon }).name)],
      links("briefs", item.values.brief, true)
    ];
    return el("tr", {}, cells.map(function (content, i) {
      return el("td", i ? { "data-label": COLUMNS[i] } : {}, content);
    }));
  };

  /* The latest update first; a recommendation no update speaks of last; otherwise the briefs' order. */
  function byUpdate(a, b) {
    var x = a.rec.updated || "", y = b.rec.updated || "";
    return x === y ? a.index - b.index : (x < y ? 1 : -1);
  }

  /* A row's status badge, as the page writes it (markup.status_badge): a mark and a word, readable
     without colour; its date in the title. */
  Explorer.prototype.badge = function (r) {
    var id = r.status || "not-tracked", status = this.statuses.get(id) || { name: id, symbol: "?" };
    var kind = /^[a-z0-9]+(-[a-z0-9]+)*$/.test(id) ? (this.statuses.has(id) ? id : "not-tracked") : "other";
    var attrs = { "class": "briefs-status briefs-status--" + kind };
    if (r.status_title) attrs.title = r.status_title;
    return el("span", attrs, [el("span", { "aria-hidden": "true", text: status.symbol }), document.createTextNode(" " + status.name)]);
  };

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(start); // on the first page and after every instant navigation
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
