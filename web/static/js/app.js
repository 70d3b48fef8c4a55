// factdesk progressive enhancement. Every page works without this file; it
// only adds conveniences (text selection -> "Log claim", search as you type
// in the navigation, on the search page and when attaching evidence, the
// "checked before" list following the claim form). Served as a file so the Content-Security-Policy
// can forbid inline script.
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

  // The DOM position of a code point offset in the article text: the text
  // node and the UTF-16 offset in it. A start at a node boundary goes to the
  // next node, an end to the previous one, so the range stays inside marks.
  function pointAt(container, cp, isEnd) {
    var walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT, null);
    var count = 0, n;
    while ((n = walker.nextNode())) {
      var cps = Array.from(n.nodeValue);
      if (cp < count + cps.length || (isEnd && cp === count + cps.length)) {
        return { node: n, offset: cps.slice(0, cp - count).join("").length };
      }
      count += cps.length;
    }
    return null;
  }

  // Suggested claims: pointing at a suggestion, or moving to it with the
  // keyboard, highlights its place in the article text (with the CSS Custom
  // Highlight API, which leaves the text's DOM alone; else a temporary mark).
  function setupSuggestions() {
    var article = document.querySelector("[data-article-text]");
    var lists = document.querySelectorAll("[data-suggestions]");
    var panel = document.getElementById("suggestions");
    if (!article || lists.length === 0) return;
    var native = typeof Highlight === "function" && window.CSS && CSS.highlights;
    var shown = null, wrap = null, hovered = null, focused = null;

    function clear() {
      shown = null;
      article.removeAttribute("data-highlight");
      if (native) CSS.highlights.delete("suggestion");
      if (wrap) {
        var parent = wrap.parentNode;
        while (wrap.firstChild) parent.insertBefore(wrap.firstChild, wrap);
        parent.removeChild(wrap);
        parent.normalize();
        wrap = null;
      }
    }

    function show(item, reveal) {
      if (item === shown) return;
      clear();
      var s = pointAt(article, Number(item.getAttribute("data-suggest-start")), false);
      var e = pointAt(article, Number(item.getAttribute("data-suggest-end")), true);
      if (!s || !e) return;
      var r = document.createRange();
      r.setStart(s.node, s.offset);
      r.setEnd(e.node, e.offset);
      shown = item;
      article.setAttribute("data-highlight", item.id);
      if (native) {
        CSS.highlights.set("suggestion", new Highlight(r));
      } else {
        try {
          wrap = document.createElement("mark");
          wrap.className = "suggest-hl";
          r.surroundContents(wrap);
        } catch (err) {
          wrap = null; // the range crosses a claim's mark: no fallback highlight
        }
      }
      // For the keyboard, scroll the text to the place when it is off
      // screen; the panel is sticky beside it, so the focus stays in view.
      // Never for the pointer: the page would move under it.
      if (reveal && panel && getComputedStyle(panel).position === "sticky") {
        var rect = r.getBoundingClientRect();
        if (rect.bottom < 0 || rect.top > window.innerHeight) {
          window.scrollBy(0, rect.top - window.innerHeight / 3);
        }
      }
    }

    function update() {
      if (hovered) show(hovered, false);
      else if (focused) show(focused, true);
      else clear();
    }
    function itemOf(node) {
      return node && node.closest ? node.closest("[data-suggest-start]") : null;
    }
    lists.forEach(function (list) {
      list.addEventListener("mouseover", function (e) { hovered = itemOf(e.target); update(); });
      list.addEventListener("mouseout", function (e) { hovered = itemOf(e.relatedTarget); update(); });
      list.addEventListener("focusin", function (e) { focused = itemOf(e.target); update(); });
      list.addEventListener("focusout", function (e) { focused = itemOf(e.relatedTarget); update(); });
    });
  }

  // Confirm destructive actions marked with data-confirm.
  function setupConfirm() {
    document.addEventListener("submit", function (e) {
      var msg = e.target.getAttribute && e.target.getAttribute("data-confirm");
      if (msg && !window.confirm(msg)) e.preventDefault();
    });
  }

  // Search the library as you type on the claim page's attach form. Without
  // this, the search form reloads the page with the matches as choices; with
  // it, the choices are replaced in place and what was typed in the attach
  // form stays. Answers are JSON and are shown with textContent only.
  function setupSourceSearch() {
    var input = document.querySelector("[data-source-search]");
    var results = document.querySelector("[data-source-results]");
    var status = document.querySelector("[data-source-status]");
    if (!input || !results || !window.fetch) return;
    var form = input.form;
    var timer = null, seq = 0;

    function show(list) {
      var chosen = results.querySelector("input[name=source_id]:checked");
      var chosenID = chosen ? chosen.value : "";
      results.textContent = "";
      list.forEach(function (s) {
        var label = document.createElement("label");
        label.className = "check";
        var radio = document.createElement("input");
        radio.type = "radio";
        radio.name = "source_id";
        radio.value = String(s.id);
        radio.setAttribute("data-testid", "choice-" + s.id);
        radio.checked = radio.value === chosenID;
        var title = document.createElement("span");
        title.dir = "auto";
        if (s.lang) title.lang = s.lang;
        title.textContent = s.title;
        label.appendChild(radio);
        label.appendChild(document.createTextNode(" "));
        label.appendChild(title);
        if (s.publisher) {
          var pub = document.createElement("span");
          pub.className = "muted";
          pub.dir = "auto";
          pub.textContent = s.publisher;
          label.appendChild(document.createTextNode(" "));
          label.appendChild(pub);
        }
        results.appendChild(label);
      });
      if (status) {
        status.textContent = list.length === 0 ? status.getAttribute("data-msg-none")
          : status.getAttribute("data-msg-found").replace("%s", String(list.length));
      }
    }

    function search() {
      var q = input.value.trim();
      var mine = ++seq;
      if (q === "") { show([]); if (status) status.textContent = ""; return; }
      fetch(input.getAttribute("data-source-search") + "?q=" + encodeURIComponent(q), {
        credentials: "same-origin", headers: { "Accept": "application/json" }
      }).then(function (r) { return r.json(); }).then(function (data) {
        if (mine === seq) show(data.sources || []);
      }).catch(function () { /* the search button still works */ });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(search, 200);
    });
    if (form) {
      form.addEventListener("submit", function (e) { e.preventDefault(); clearTimeout(timer); search(); });
    }
  }

  // Replace the children of target with server-rendered HTML. The HTML is
  // our own templ output (every piece of user text escaped there); it is
  // parsed as an inert document and its nodes moved in, never run.
  function swapIn(target, html) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    var nodes = Array.prototype.slice.call(doc.body.childNodes);
    target.textContent = "";
    nodes.forEach(function (n) { target.appendChild(document.adoptNode(n)); });
  }

  // Search as you type: a box marked data-search-input fetches the results
  // fragment at that URL with the form's fields and swaps it into the
  // element named by data-search-target. Without this, the box is a plain
  // GET form. The navigation box shows its results in a panel under it
  // (Escape or a click elsewhere closes it); the search page replaces its
  // results and keeps the address bar in step.
  function setupSearch() {
    if (!window.fetch || !window.DOMParser) return;
    document.querySelectorAll("[data-search-input]").forEach(function (input) {
      var target = document.getElementById(input.getAttribute("data-search-target"));
      var form = input.form;
      if (!target || !form) return;
      var popup = target.hasAttribute("hidden") || target.classList.contains("search-pop");
      var base = input.getAttribute("data-search-input");
      var timer = null, seq = 0;

      function close() { if (popup) target.hidden = true; }

      function run() {
        var mine = ++seq;
        var params = new URLSearchParams(new FormData(form));
        params.delete("after");
        if (input.value.trim() === "" && popup) { target.textContent = ""; close(); return; }
        var url = base + (base.indexOf("?") >= 0 ? "&" : "?") + params.toString();
        fetch(url, { credentials: "same-origin", headers: { "Accept": "text/html" } })
          .then(function (r) { return r.text(); })
          .then(function (html) {
            if (mine !== seq) return;
            swapIn(target, html);
            if (popup) target.hidden = false;
            else if (window.history && history.replaceState) history.replaceState(null, "", "/search?" + params.toString());
          })
          .catch(function () { /* the form still submits */ });
      }

      input.addEventListener("input", function () {
        clearTimeout(timer);
        timer = setTimeout(run, 200);
      });
      if (!popup) {
        form.addEventListener("change", function (e) {
          if (e.target !== input) { clearTimeout(timer); run(); }
        });
      } else {
        input.addEventListener("keydown", function (e) { if (e.key === "Escape") close(); });
        target.addEventListener("keydown", function (e) { if (e.key === "Escape") { close(); input.focus(); } });
        document.addEventListener("click", function (e) { if (!form.contains(e.target)) close(); });
        input.addEventListener("focus", function () { if (target.childNodes.length > 0 && input.value.trim() !== "") target.hidden = false; });
      }
    });
  }

  // "Checked before" on the claim form: as the statement or the value
  // changes, the list of look-alikes is asked again. The form page already
  // shows it for what the form was opened with.
  function setupCheckedBefore() {
    var form = document.querySelector("form[data-checked-form]");
    var target = document.querySelector("[data-checked-results]");
    if (!form || !target || !window.fetch || !window.DOMParser) return;
    var timer = null, seq = 0;
    var fields = ["statement", "restatement", "type", "amount", "currency", "unit", "quote"];
    function run() {
      var mine = ++seq;
      var params = new URLSearchParams();
      fields.forEach(function (f) {
        var el = form.querySelector("[name=" + f + "]");
        if (el && el.value) params.set(f, el.value);
      });
      fetch("/checked-before?" + params.toString(), { credentials: "same-origin", headers: { "Accept": "text/html" } })
        .then(function (r) { return r.text(); })
        .then(function (html) { if (mine === seq) swapIn(target, html); })
        .catch(function () { /* the page keeps what it showed */ });
    }
    form.addEventListener("input", function (e) {
      if (e.target && fields.indexOf(e.target.name) >= 0) {
        clearTimeout(timer);
        timer = setTimeout(run, 400);
      }
    });
  }

  // A report's "Print" button: hidden without JavaScript (the browser's own
  // Print menu does the same).
  function setupPrint() {
    document.querySelectorAll("[data-print]").forEach(function (b) {
      b.hidden = false;
      b.addEventListener("click", function () { window.print(); });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    setupSelection();
    setupSuggestions();
    setupConfirm();
    setupSourceSearch();
    setupSearch();
    setupCheckedBefore();
    setupPrint();
  });
})();
