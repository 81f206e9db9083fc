/* ui.js: the search page (the DOM contract of search/index.html).
 *
 * #search-app carries data-root (to the site root), data-index (to the
 * index folder) and data-labels (every interface string, JSON). The page
 * shows the app, runs ?q= on load, searches as the visitor types, keeps
 * the address in step, and offers filters by kind, department and
 * status. The departments a query names (label dept: li.search-dept with
 * phone, address and hours) and the life events it names (label event:
 * li.search-event) come before the hits, as cards that link their pages. It knows the engine only through its API (engine.js): open,
 * then search(q, k, filter). Everything from the catalog goes in as text.
 *
 * Optional parts, shown and hidden here: #search-filter-box (<details>
 * around the filters, #search-filter-count in its summary), #search-suggest
 * (did you mean), #search-help (ways on, for a query that matches
 * nothing or only in part) and #search-start (example searches, for an
 * empty box). Departments in the filter go by their count, most first.
 */
var ui = (function () {
  "use strict";

  var PAGE = 5, DEBOUNCE = 150;
  var GROUPS = ["kind", "department", "status"];

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  function fill(template, key, value) {
    return String(template || "").split("{" + key + "}").join(value);
  }

  // norm maps each UTF-16 unit to a comparable one (full-width ASCII to
  // ASCII, upper to lower case) without changing lengths, for highlighting.
  function norm(s) {
    var out = "";
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i);
      if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0;
      if (c >= 65 && c <= 90) c += 32;
      out += String.fromCharCode(c);
    }
    return out;
  }

  // marked appends text to parent with every needle in <mark>.
  function marked(parent, text, needles) {
    var n = norm(text), hits = [];
    needles.forEach(function (x) {
      for (var at = n.indexOf(x); x && at >= 0; at = n.indexOf(x, at + 1)) hits.push([at, at + x.length]);
    });
    hits.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var pos = 0;
    hits.forEach(function (h) {
      if (h[1] <= pos) return;
      var from = Math.max(h[0], pos);
      if (from > pos) parent.appendChild(document.createTextNode(text.slice(pos, from)));
      parent.appendChild(el("mark", "", text.slice(from, h[1])));
      pos = h[1];
    });
    if (pos < text.length) parent.appendChild(document.createTextNode(text.slice(pos)));
    return parent;
  }

  // needlesOf cuts a result's marks into the words to highlight.
  function needlesOf(marks) {
    var out = [];
    marks.forEach(function (m) {
      norm(m).split(/[\s"\u201C\u201D\u3000]+/).forEach(function (x) { if (x) out.push(x); });
    });
    return out;
  }

  // UI runs the page in app with the engine that open(base) gives.
  function UI(app, open) {
    this.app = app;
    this.openEngine = open;
    this.root = app.getAttribute("data-root") || "";
    this.base = app.getAttribute("data-index") || "index/";
    this.engine = null;
    // the manifest is asked for first: the page's setup runs while it
    // loads
    var q = new URLSearchParams(location.search).get("q") || "";
    if (q.trim()) this.open();
    this.labels = JSON.parse(app.getAttribute("data-labels") || "{}");
    this.form = document.getElementById("search-form");
    this.input = document.getElementById("search-q");
    this.status = document.getElementById("search-status");
    this.filters = document.getElementById("search-filters");
    this.results = document.getElementById("search-results");
    this.filterBox = document.getElementById("search-filter-box");
    this.filterCount = document.getElementById("search-filter-count");
    this.suggest = document.getElementById("search-suggest");
    this.help = document.getElementById("search-help");
    this.start = document.getElementById("search-start");
    if (this.help) this.help.hidden = true; // until the first answer
    // open at first on a wide screen
    if (this.filterBox && typeof matchMedia === "function" && matchMedia("(min-width: 48rem)").matches) this.filterBox.open = true;
    this.more = el("button", "search-more", this.labels.more || "\u2026");
    this.more.type = "button";
    this.more.hidden = true;
    this.results.parentNode.insertBefore(this.more, this.results.nextSibling);
    this.seq = 0;
    this.timer = 0;
    this.q = "";
    this.sel = {};
    this.limit = PAGE;
    app.hidden = false;
    this.listen();
    this.input.value = q;
    this.search(q);
  }

  UI.prototype.listen = function () {
    var self = this;
    this.input.addEventListener("input", function () {
      clearTimeout(self.timer);
      self.timer = setTimeout(function () { self.search(self.input.value); }, DEBOUNCE);
    });
    if (this.form) {
      this.form.addEventListener("submit", function (e) {
        e.preventDefault();
        clearTimeout(self.timer);
        self.search(self.input.value);
      });
    }
    this.filters.addEventListener("change", function (e) { self.toggle(e.target); });
    // Arrow keys: down from the box to the first result, then between
    // results; up from the first result back to the box.
    var links = function () { return Array.prototype.slice.call(self.results.querySelectorAll("a.search-hit-name")); };
    this.input.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown" && links().length) { e.preventDefault(); links()[0].focus(); }
    });
    this.results.addEventListener("keydown", function (e) {
      if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
      var all = links(), i = all.indexOf(document.activeElement);
      if (i < 0) return;
      e.preventDefault();
      if (e.key === "ArrowDown" && i + 1 < all.length) all[i + 1].focus();
      else if (e.key === "ArrowUp") (i > 0 ? all[i - 1] : self.input).focus();
    });
    this.more.addEventListener("click", function () { self.limit += PAGE; self.show(); });
  };

  UI.prototype.open = function () {
    if (!this.engine) this.engine = this.openEngine(this.base);
    return this.engine;
  };

  UI.prototype.remember = function (q) {
    try {
      var u = new URL(location.href);
      if (q) u.searchParams.set("q", q); else u.searchParams.delete("q");
      history.replaceState(history.state, "", u.search ? u.pathname + u.search + u.hash : u.pathname + u.hash);
    } catch (e) { /* file:// in some browsers: the address just stays */ }
  };

  // search starts a new query q, with no filters and one page of hits.
  UI.prototype.search = function (q) {
    this.remember(q.trim() ? q : "");
    this.q = q;
    this.sel = { kind: new Set(), department: new Set(), status: new Set() };
    this.limit = PAGE;
    if (!q.trim()) {
      this.seq++;
      this.results.textContent = "";
      this.filters.textContent = "";
      this.status.textContent = "";
      this.more.hidden = true;
      this.extras(null);
      this.results.setAttribute("data-search-state", "done");
      return Promise.resolve();
    }
    this.status.textContent = this.labels.loading || "";
    return this.show();
  };

  UI.prototype.toggle = function (box) {
    var g = box.getAttribute("data-group"), v = box.getAttribute("data-value");
    if (!g) return;
    if (v === null) this.sel[g].clear();
    else if (box.checked) this.sel[g].add(v);
    else this.sel[g].delete(v);
    this.limit = PAGE;
    this.show(g + "\u0000" + (v === null ? "" : v));
  };

  // show asks the engine for the current query through the filters and
  // shows the answer: counts, the filter boxes (focus names the box to
  // keep focused), the first this.limit hits. An answer that arrives
  // after a newer question was asked is dropped.
  UI.prototype.show = function (focus) {
    var self = this, my = ++this.seq, q = this.q, filter = {};
    GROUPS.forEach(function (g) { filter[g] = Array.from(self.sel[g]); });
    this.results.setAttribute("data-search-state", "loading");
    return this.open().then(function (engine) {
      return engine.search(q, self.limit, filter);
    }).then(function (r) {
      if (my !== self.seq) return;
      var needles = needlesOf(r.marks), L = self.labels;
      self.renderFilters(r.facets, focus);
      self.results.textContent = "";
      // The life events the query names come first, each a card that
      // links its page (the label event says what the page holds).
      // A department the query names: a card of three lines, its name,
      // then what it is and its phone, then where and when.
      r.departments.forEach(function (d) {
        var li = self.results.appendChild(el("li", "search-hit search-event search-dept"));
        li.appendChild(el("a", "search-hit-name", d.name)).setAttribute("href", self.root + d.url);
        var meta = li.appendChild(el("p", "search-hit-meta", L.dept));
        if (d.phone) {
          meta.appendChild(document.createTextNode(" " + L.phone));
          meta.appendChild(el("a", "", d.phone)).setAttribute("href", "tel:" + d.phone.replace(/[^0-9+]/g, ""));
        }
        var where = [d.address && L.address + d.address, d.hours && L.hours + d.hours].filter(Boolean).join("；");
        if (where) li.appendChild(el("p", "", where));
      });
      r.events.forEach(function (e) {
        var li = self.results.appendChild(el("li", "search-hit search-event"));
        li.appendChild(el("a", "search-hit-name", e.name)).setAttribute("href", self.root + e.url);
        li.appendChild(el("p", "search-hit-meta", L.event));
      });
      r.hits.forEach(function (h) { self.results.appendChild(self.item(h, r.reading, needles)); });
      self.more.hidden = r.total <= r.hits.length;
      var text = r.total ? fill(L.count, "n", String(r.total)) : L.none || "";
      if (r.partial && r.total) text = (L.partial || "") + " " + text;
      // read as needs: what was searched comes first, then how well it matched
      if (r.reading === "needs" && r.total) text = fill(L.needs, "words", r.words.join(" ")) + " " + text;
      self.status.textContent = text;
      self.extras(r);
      self.results.setAttribute("data-search-state", "done");
    }).catch(function (err) {
      if (my !== self.seq) return;
      console.error(err);
      self.results.textContent = "";
      self.filters.textContent = "";
      self.more.hidden = true;
      self.status.textContent = self.labels.error || String(err.message || err);
      self.extras(undefined);
      self.results.setAttribute("data-search-state", "done");
    });
  };

  // item is the list item of hit h; read is the result's reading.
  UI.prototype.item = function (h, read, needles) {
    var L = this.labels;
    var li = el("li", "search-hit");
    li.setAttribute("data-record-id", h.id);
    var a = el("a", "search-hit-name");
    a.setAttribute("href", this.root + h.url);
    li.appendChild(marked(a, h.name, needles));
    var meta = el("p", "search-hit-meta");
    meta.appendChild(el("span", "search-hit-kind", (L.kind || {})[h.kind] || h.kind));
    meta.appendChild(document.createTextNode(" "));
    meta.appendChild(el("span", "badge badge-" + h.status, (L.status || {})[h.status] || h.status));
    meta.appendChild(document.createTextNode(" "));
    meta.appendChild(el("span", "search-hit-dept", h.department.name));
    li.appendChild(meta);
    var note = "";
    // Read as pinyin or as homophones: say so and name the record (the
    // labels pinyin and didyoumean; no line if the page lacks them).
    if (read === "pinyin" && L.pinyin) note = fill(fill(L.pinyin, "term", this.q.trim()), "name", h.name);
    else if (read === "homophone" && L.didyoumean) note = fill(L.didyoumean, "name", h.name);
    else if (!read && h.via) note = fill(L.synonym, "term", h.via);
    if (note) li.appendChild(el("p", "search-hit-via search-note", note));
    if (h.now) {
      var now = el("p", "search-hit-now");
      var nl = typeof L.now === "object" ? (L.now || {})[h.kind] : L.now;
      if (nl) { now.appendChild(el("span", "search-hit-now-label", nl)); now.appendChild(document.createTextNode(" ")); }
      li.appendChild(marked(now, h.now, needles));
    }
    if (h.excerpt) li.appendChild(marked(el("p", "search-hit-excerpt"), h.excerpt, needles));
    return li;
  };

  // renderFilters draws one fieldset of checkboxes per group: "all", then
  // each value with its count; focus names the box to keep focused.
  UI.prototype.renderFilters = function (facets, focus) {
    var self = this, L = this.labels, restore = null;
    this.filters.textContent = "";
    facets = { kind: facets.kind, status: facets.status, department: facets.department.slice().sort(function (a, b) {
      return b.count - a.count;
    }) };
    GROUPS.forEach(function (g) {
      if (!facets[g].length) return;
      var fs = el("fieldset", "search-filter search-filter-" + g);
      fs.appendChild(el("legend", "", (L.filter || {})[g] || g));
      var all = self.box(g, null, L.all || "", !self.sel[g].size);
      fs.appendChild(all[0]);
      if (focus === g + "\u0000") restore = all[1];
      facets[g].forEach(function (f) {
        var v = f.value, name = g === "kind" ? (L.kind || {})[v] : g === "status" ? (L.status || {})[v] : f.name;
        var b = self.box(g, v, (name || v) + " (" + f.count + ")", self.sel[g].has(v));
        fs.appendChild(b[0]);
        if (focus === g + "\u0000" + v) restore = b[1];
      });
      self.filters.appendChild(fs);
    });
    if (restore) restore.focus();
  };

  // extras shows the parts around the results of r: null for an empty
  // box, undefined after an error.
  UI.prototype.extras = function (r) {
    var L = this.labels, self = this, on = 0;
    GROUPS.forEach(function (g) { on += self.sel[g] ? self.sel[g].size : 0; });
    if (this.start) this.start.hidden = r !== null;
    if (this.filterBox) {
      var any = !!r && (on > 0 || GROUPS.some(function (g) { return r.facets[g].length; }));
      this.filterBox.hidden = !any;
      if (this.filterCount) this.filterCount.textContent = on && L.filtered ? fill(L.filtered, "n", String(on)) : "";
    }
    if (this.suggest) {
      this.suggest.textContent = "";
      var h = r && r.reading === "homophone" && r.hits[0];
      if (h && L.didyoumean) {
        var parts = L.didyoumean.split("{name}"), a = el("a", "", h.name);
        a.setAttribute("href", this.root + h.url);
        this.suggest.appendChild(document.createTextNode(parts[0]));
        this.suggest.appendChild(a);
        if (parts[1]) this.suggest.appendChild(document.createTextNode(parts[1]));
      }
      this.suggest.hidden = !h;
    }
    if (this.help) this.help.hidden = !(!r || r.total === 0 || r.partial);
  };

  UI.prototype.box = function (g, v, text, checked) {
    var label = el("label", "search-filter-option"), input = el("input");
    input.type = "checkbox";
    input.checked = checked;
    input.setAttribute("data-group", g);
    if (v !== null) input.setAttribute("data-value", v);
    label.appendChild(input);
    label.appendChild(document.createTextNode(" " + text));
    return [label, input];
  };

  return { UI: UI };
})();
if (typeof module === "object") module.exports = ui;
