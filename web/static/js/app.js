// factdesk progressive enhancement. Every page works without this file; it
// only adds conveniences (text selection -> "Log claim"). Served as a file so
// the Content-Security-Policy can forbid inline script.
(function () {
  "use strict";

  // Code point offset of a DOM position inside the article text container.
  function offsetIn(container, node, offset) {
    var walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT, null);
    var count = 0, n;
    while ((n = walker.nextNode())) {
      if (n === node) {
        return count + Array.from(n.nodeValue.slice(0, offset)).length;
      }
      count += Array.from(n.nodeValue).length;
    }
    return -1;
  }

  function setupSelection() {
    var article = document.querySelector("[data-article-text]");
    var bar = document.querySelector("[data-selection-bar]");
    if (!article || !bar) return;
    var form = bar.querySelector("form");
    var quoteOut = bar.querySelector("[data-selection-quote]");
    document.addEventListener("selectionchange", function () {
      var sel = document.getSelection();
      if (!sel || sel.rangeCount === 0 || sel.isCollapsed) { bar.hidden = true; return; }
      var r = sel.getRangeAt(0);
      if (!article.contains(r.startContainer) || !article.contains(r.endContainer)) { bar.hidden = true; return; }
      var start = offsetIn(article, r.startContainer, r.startOffset);
      var end = offsetIn(article, r.endContainer, r.endOffset);
      if (start < 0 || end <= start) { bar.hidden = true; return; }
      var text = sel.toString();
      form.querySelector("[name=start]").value = String(start);
      form.querySelector("[name=end]").value = String(end);
      form.querySelector("[name=quote]").value = text;
      if (quoteOut) quoteOut.textContent = text.length > 80 ? text.slice(0, 80) + "…" : text;
      bar.hidden = false;
    });
  }

  // Confirm destructive actions marked with data-confirm.
  function setupConfirm() {
    document.addEventListener("submit", function (e) {
      var msg = e.target.getAttribute && e.target.getAttribute("data-confirm");
      if (msg && !window.confirm(msg)) e.preventDefault();
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    setupSelection();
    setupConfirm();
  });
})();
