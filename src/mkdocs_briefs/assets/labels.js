/* mkdocs-briefs: the labels of the page's scripts (explorer, previews) in the site's language.

   The plugin puts them in every page's <head> as JSON (<script type="application/json"
   id="briefs-labels">, from the same catalogue as the generated pages: labels.py); no
   label is written in a script. A counted label ({one: ..., other: ...}) takes the form
   Intl.PluralRules gives for the page's language (<html lang>), numbers are written in it.

     briefsLabels.t("js.explorer.clear")                          "Clear filters"
     briefsLabels.t("js.explorer.summary", 12, {matches: "3"})    "3 of 12 recommendations"
*/
(function () {
  "use strict";

  var messages = null;

  function catalogue() {
    if (messages === null) {
      var node = document.getElementById("briefs-labels");
      try {
        messages = node ? JSON.parse(node.textContent) : {};
      } catch (e) {
        messages = {};
      }
    }
    return messages;
  }

  function language() {
    return document.documentElement.lang || "en";
  }

  function number(n) {
    return Number(n).toLocaleString(language());
  }

  function t(key, n, values) {
    var message = catalogue()[key];
    if (message === undefined) return key;
    if (typeof message === "object") {
      var form = n === undefined ? "other" : new Intl.PluralRules(language()).select(n);
      message = message[form] || message.other;
    }
    var given = Object.assign({}, values || {});
    if (n !== undefined && given.n === undefined) given.n = number(n);
    return String(message).replace(/\{(\w+)\}/g, function (all, name) {
      return Object.prototype.hasOwnProperty.call(given, name) ? String(given[name]) : all;
    });
  }

  window.briefsLabels = { t: t, number: number };
})();
