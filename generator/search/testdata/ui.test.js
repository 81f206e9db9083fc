// ui.test.js runs the search page's script (../js/ui.js, started as
// ../js/start.js starts it) against a small fake DOM.
//
//   JZ_SITE=<export of testdata/catalog> JZ_SAMPLE=<export of ../../content> \
//     node --test testdata/ui.test.js
//
// TestUI writes the export and runs this. The fake DOM has what the page
// code may use and throws on what it must not (innerHTML, inline styles),
// so content can only arrive as text; it runs a <script> element added to
// the head as a browser would, so the index files load as on a page. The
// last test runs the published asset itself (assets/search.js).
"use strict";
const test = require("node:test");
const assert = require("node:assert");
const fs = require("fs");
const path = require("path");
const vm = require("vm");
const start = require("../js/start.js");

const site = process.env.JZ_SITE, sample = process.env.JZ_SAMPLE;

class Node {
  constructor() { this.childNodes = []; this.parentNode = null; }
  appendChild(c) { return this.insertBefore(c, null); }
  insertBefore(c, ref) {
    if (c.parentNode) c.parentNode.childNodes.splice(c.parentNode.childNodes.indexOf(c), 1);
    const i = ref ? this.childNodes.indexOf(ref) : this.childNodes.length;
    this.childNodes.splice(i, 0, c);
    c.parentNode = this;
    return c;
  }
  get nextSibling() {
    const s = this.parentNode && this.parentNode.childNodes;
    return s ? s[s.indexOf(this) + 1] || null : null;
  }
  get textContent() { return this.childNodes.map((c) => c.textContent).join(""); }
  set textContent(t) {
    this.childNodes.forEach((c) => { c.parentNode = null; });
    this.childNodes = [];
    if (t !== "") this.appendChild(new Text(String(t)));
  }
}

class Text extends Node {
  constructor(t) { super(); this.data = t; }
  get textContent() { return this.data; }
}

class Element extends Node {
  constructor(tag) {
    super();
    this.tagName = tag.toUpperCase();
    this.attrs = new Map();
    this.listeners = {};
    this.className = "";
    this.value = "";
    this.checked = false;
    this.type = "";
  }
  setAttribute(k, v) {
    if (k === "style" || k.startsWith("on")) throw new Error("page code set attribute " + k);
    this.attrs.set(k, String(v));
  }
  getAttribute(k) { return this.attrs.has(k) ? this.attrs.get(k) : null; }
  removeAttribute(k) { this.attrs.delete(k); }
  get hidden() { return this.attrs.has("hidden"); }
  set hidden(v) { if (v) this.attrs.set("hidden", ""); else this.attrs.delete("hidden"); }
  set innerHTML(v) { throw new Error("page code used innerHTML"); }
  get style() { throw new Error("page code used inline styles"); }
  addEventListener(type, fn) { (this.listeners[type] = this.listeners[type] || []).push(fn); }
  dispatch(type, target) {
    const ev = { type, target: target || this, defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
    for (let n = this; n; n = n.parentNode) (n.listeners && n.listeners[type] || []).forEach((fn) => fn(ev));
    return ev;
  }
  focus() { document.activeElement = this; }
  remove() { if (this.parentNode) this.parentNode.childNodes.splice(this.parentNode.childNodes.indexOf(this), 1); }
  get children() { return this.childNodes.filter((c) => c instanceof Element); }
  all(pred, out = []) {
    for (const c of this.children) { if (pred(c)) out.push(c); c.all(pred, out); }
    return out;
  }
}

// Head runs the scripts added to it, later, as a browser would.
class Head extends Element {
  constructor() { super("head"); }
  insertBefore(c, ref) {
    super.insertBefore(c, ref);
    if (c.tagName === "SCRIPT") {
      setTimeout(() => {
        let code;
        try { code = fs.readFileSync(c.src, "utf8"); } catch (e) { c.onerror(); return; }
        vm.runInThisContext(code, { filename: c.src });
        c.onload();
      }, 0);
    }
    return c;
  }
}

// setup makes the search page at ?q=query with labels and the index
// folder index (the fixture's by default), and starts the page code:
// from the modules, or with asset the published script. With parts, the
// page has the optional parts too (filter box, suggestion, ways on with
// two departments, examples), as the site's search page has.
function setup(query, labels, index, asset, parts) {
  const body = new Element("body");
  const byId = {};
  const mk = (tag, id, parent) => { const e = new Element(tag); if (id) { e.attrs.set("id", id); byId[id] = e; } parent.appendChild(e); return e; };
  const form = mk("form", "search-form", body);
  mk("input", "search-q", form);
  const app = mk("div", "search-app", body);
  app.attrs.set("data-root", "../");
  app.attrs.set("data-index", index || path.join(site, "search/index") + "/");
  app.attrs.set("data-labels", JSON.stringify(labels));
  app.hidden = true;
  mk("p", "search-status", app);
  if (parts) {
    mk("p", "search-suggest", app);
    const box = mk("details", "search-filter-box", app);
    mk("span", "search-filter-count", mk("summary", "", box));
    mk("div", "search-filters", box);
  } else mk("div", "search-filters", app);
  mk("ol", "search-results", app);
  if (parts) {
    mk("section", "search-start", app);
    const help = mk("section", "search-help", body), depts = mk("ul", "search-depts", help);
    for (const name of ["诸城市民政局", "诸城市公安局"]) mk("strong", "", mk("li", "", depts)).textContent = name;
  }
  globalThis.window = globalThis;
  globalThis.document = {
    readyState: "complete",
    head: new Head(),
    activeElement: null,
    getElementById: (id) => byId[id] || null,
    createElement: (t) => new Element(t),
    createTextNode: (t) => new Text(t),
    addEventListener() {},
  };
  globalThis.location = { href: "file:///site/search/index.html" + (query ? "?q=" + encodeURIComponent(query) : "") };
  location.search = new URL(location.href).search;
  globalThis.history = { state: null, urls: [], replaceState(s, t, u) { this.urls.push(u); } };
  globalThis.console.error = () => {};
  delete globalThis.JZSearch;
  if (asset) vm.runInThisContext(fs.readFileSync(asset, "utf8"), { filename: asset });
  else start.install(globalThis);
  return byId;
}

const labels = {
  kind: { cancelled: "K-cancelled", village: "K-village", training: "K-training", inspection: "K-inspection" },
  status: { cancelled: "S-cancelled", retained: "S-retained", removed: "S-removed" },
  filter: { kind: "F-kind", department: "F-department", status: "F-status" },
  count: "found {n}", none: "nothing", partial: "partly", now: "now:", all: "all", loading: "wait", error: "broken",
  synonym: "as {term}", more: "more",
};

async function settle(ol) {
  for (let i = 0; i < 200 && ol.getAttribute("data-search-state") !== "done"; i++) await new Promise((r) => setTimeout(r, 5));
  await new Promise((r) => setTimeout(r, 5));
}

const hits = (ol) => ol.children.map((li) => li.getAttribute("data-record-id"));

test("a ?q= query runs on load, with links, badges, notes and marks", async () => {
  const $ = setup("户口本", labels);
  await settle($["search-results"]);
  assert.strictEqual($["search-app"].hidden, false);
  assert.strictEqual($["search-q"].value, "户口本");
  assert.deepStrictEqual(hits($["search-results"]), ["hukou-zhengming"]);
  assert.strictEqual($["search-status"].textContent, "found 1");
  const li = $["search-results"].children[0];
  const a = li.all((e) => e.tagName === "A")[0];
  assert.strictEqual(a.getAttribute("href"), "../cancelled/hukou-zhengming/index.html");
  assert.strictEqual(a.textContent, "户口所在地证明");
  assert.ok(li.textContent.includes("as 居民户口簿"), li.textContent);
  assert.ok(li.textContent.includes("S-cancelled") && li.textContent.includes("K-cancelled"));
  const marks = li.all((e) => e.tagName === "MARK").map((m) => m.textContent);
  assert.ok(marks.includes("居民户口簿"), "marks: " + marks);
});

test("a query that names a life event shows it first, as a card that links its page", async () => {
  const $ = setup("吃低保", { ...labels, event: "E-event" });
  await settle($["search-results"]);
  const ol = $["search-results"], li = ol.children[0];
  assert.strictEqual(li.className, "search-hit search-event");
  const a = li.all((e) => e.tagName === "A")[0];
  assert.strictEqual(a.getAttribute("href"), "../events/kunnan/index.html");
  assert.strictEqual(a.textContent, "生活困难");
  assert.ok(li.textContent.includes("E-event"), li.textContent);
  assert.deepStrictEqual(hits(ol).slice(1).sort(), ["jiating-jingji", "shouru-dibao"]);
  assert.strictEqual($["search-status"].textContent, "found 2");
});

test("typing searches, keeps the address in step, and filters combine", async () => {
  const $ = setup("", labels);
  await settle($["search-results"]);
  assert.strictEqual($["search-results"].children.length, 0);
  $["search-q"].value = "民政";
  $["search-q"].dispatch("input");
  await new Promise((r) => setTimeout(r, 200));
  await settle($["search-results"]);
  assert.ok(history.urls.pop().endsWith("?q=%E6%B0%91%E6%94%BF"));
  const all = hits($["search-results"]);
  assert.ok(all.length >= 4, all.join());
  const boxes = $["search-filters"].all((e) => e.tagName === "INPUT");
  const box = (g, v) => $["search-filters"].all((e) => e.tagName === "INPUT")
    .find((b) => b.getAttribute("data-group") === g && b.getAttribute("data-value") === v);
  assert.ok(box("kind", "village").parentNode.textContent.includes("K-village (2)"));
  const insp = box("kind", "inspection");
  assert.ok(insp.parentNode.textContent.includes("K-inspection (1)"), insp.parentNode.textContent);
  insp.checked = true;
  $["search-filters"].dispatch("change", insp);
  await settle($["search-results"]);
  assert.deepStrictEqual(hits($["search-results"]), ["shetuan-nianjian"]);
  assert.strictEqual($["search-status"].textContent, "found 1");
  assert.strictEqual(document.activeElement.getAttribute("data-value"), "inspection");
  // OR within a group, AND across groups; counts of a group ignore its own choice
  const village = box("kind", "village");
  village.checked = true;
  $["search-filters"].dispatch("change", village);
  await settle($["search-results"]);
  assert.deepStrictEqual(hits($["search-results"]).sort(), ["jiating-jingji", "shetuan-nianjian", "yichu-hunyu"]);
  const removed = box("status", "removed");
  assert.ok(removed.parentNode.textContent.includes("S-removed (1)"), removed.parentNode.textContent);
  removed.checked = true;
  $["search-filters"].dispatch("change", removed);
  await settle($["search-results"]);
  assert.deepStrictEqual(hits($["search-results"]), ["yichu-hunyu"]);
  assert.strictEqual(box("kind", "cancelled"), undefined); // no removed proof: the value is not offered
  $["search-q"].value = "";
  $["search-form"].dispatch("submit");
  await settle($["search-results"]);
  assert.strictEqual($["search-results"].children.length, 0);
  assert.strictEqual($["search-status"].textContent, "");
});

test("a query read as pinyin or homophones says so, with or without the labels", async () => {
  const more = Object.assign({}, labels, { pinyin: "pinyin {term}", didyoumean: "mean {name}" });
  let $ = setup("hukouben", more);
  await settle($["search-results"]);
  assert.strictEqual(hits($["search-results"])[0], "hukou-zhengming");
  assert.ok($["search-results"].children[0].textContent.includes("pinyin hukouben"), $["search-results"].textContent);
  $ = setup("户口所在地证名", more);
  await settle($["search-results"]);
  assert.strictEqual(hits($["search-results"])[0], "hukou-zhengming");
  assert.ok($["search-results"].children[0].textContent.includes("mean 户口所在地证明"), $["search-results"].textContent);
  $ = setup("户口所在地证名", labels);
  await settle($["search-results"]);
  assert.strictEqual(hits($["search-results"])[0], "hukou-zhengming");
  const li = $["search-results"].children[0];
  assert.ok(!/undefined|\{name\}|mean/.test(li.textContent), li.textContent);
  assert.strictEqual(li.all((e) => e.className.includes("search-hit-via")).length, 0);
});

test("hostile content stays text", async () => {
  const $ = setup("消防培训", labels);
  await settle($["search-results"]);
  const li = $["search-results"].children[0];
  assert.strictEqual(li.getAttribute("data-record-id"), "hostile");
  assert.strictEqual(li.all((e) => !["A", "P", "SPAN", "MARK"].includes(e.tagName)).length, 0);
  assert.ok(li.textContent.includes("<img src=x onerror=alert(1)>"));
});

test("no match falls back to a labelled partial match; a broken index says so", async () => {
  let $ = setup("社会险保", labels);
  await settle($["search-results"]);
  assert.ok($["search-status"].textContent.startsWith("partly found"), $["search-status"].textContent);
  $ = setup("证明", labels, "/nonexistent/");
  await settle($["search-results"]);
  assert.strictEqual($["search-status"].textContent, "broken");
  assert.strictEqual($["search-results"].getAttribute("data-search-state"), "done");
});

test("more shows the next page of hits; a filter starts again at one page", async () => {
  const $ = setup("证明", labels, path.join(sample, "search/index") + "/");
  await settle($["search-results"]);
  const more = $["search-results"].nextSibling;
  assert.strictEqual(more.className, "search-more");
  assert.strictEqual(more.textContent, "more");
  const n = Number($["search-status"].textContent.replace("found ", ""));
  assert.ok(n > 5, $["search-status"].textContent);
  const first = hits($["search-results"]);
  assert.strictEqual(first.length, 5);
  assert.strictEqual(more.hidden, false);
  more.dispatch("click");
  await settle($["search-results"]);
  const all = hits($["search-results"]);
  assert.strictEqual(all.length, Math.min(n, 10));
  assert.deepStrictEqual(all.slice(0, 5), first);
  assert.strictEqual(more.hidden, n <= 10);
  const box = $["search-filters"].all((e) => e.tagName === "INPUT" && e.getAttribute("data-group") === "status" && e.getAttribute("data-value"))[0];
  box.checked = true;
  $["search-filters"].dispatch("change", box);
  await settle($["search-results"]);
  assert.ok(hits($["search-results"]).length <= 5);
});

test("the published script defines window.JZSearch alone, and runs the page as the modules do", async () => {
  const $m = setup("户口本", labels);
  await settle($m["search-results"]);
  const want = $m["search-results"].textContent + "|" + $m["search-filters"].textContent + "|" + $m["search-status"].textContent;
  delete globalThis.JZSearch;
  const before = new Set(Object.keys(globalThis));
  const $ = setup("户口本", labels, null, path.join(site, "assets/search.js"));
  assert.deepStrictEqual(Object.keys(globalThis).filter((k) => !before.has(k)), ["JZSearch"]);
  assert.deepStrictEqual(Object.keys(JZSearch).sort(), ["open", "register"]);
  await settle($["search-results"]);
  assert.strictEqual($["search-results"].textContent + "|" + $["search-filters"].textContent + "|" + $["search-status"].textContent, want);
  assert.deepStrictEqual(hits($["search-results"]), ["hukou-zhengming"]);
});

test("the page's optional parts: filter count, ways on with a named department's contact, examples", async () => {
  const more = Object.assign({}, labels, { filtered: "({n} on)", didyoumean: "mean {name}" });
  let $ = setup("", more, undefined, undefined, true);
  await settle($["search-results"]);
  assert.strictEqual($["search-start"].hidden, false);
  assert.strictEqual($["search-help"].hidden, false);
  assert.strictEqual($["search-filter-box"].hidden, true);
  // the department cards, before the hits: each a link to its page first
  const depts = () => $["search-results"].children.filter((li) => li.className.includes("search-dept")).map((li) => li.children[0].textContent);
  assert.deepStrictEqual(depts(), []);

  $ = setup("民政", more, undefined, undefined, true);
  await settle($["search-results"]);
  assert.strictEqual($["search-start"].hidden, true);
  assert.strictEqual($["search-help"].hidden, true); // everything matched: no need
  assert.strictEqual($["search-filter-box"].hidden, false);
  // the department filter lists the departments with most hits first
  const names = $["search-filters"].all((e) => e.tagName === "LABEL" && e.parentNode.className.includes("department"))
    .map((l) => l.textContent.trim()).filter((t) => t !== "all");
  assert.ok(names[0].startsWith("诸城市民政局"), names.join());
  const box = $["search-filters"].all((e) => e.tagName === "INPUT").find((b) => b.getAttribute("data-value") === "village");
  box.checked = true;
  $["search-filters"].dispatch("change", box);
  await settle($["search-results"]);
  assert.strictEqual($["search-filter-count"].textContent, "(1 on)");

  $ = setup("派出所 qqxyzzy", more, undefined, undefined, true); // partial, naming 公安局 by an alias
  await settle($["search-results"]);
  assert.strictEqual($["search-help"].hidden, false);
  assert.deepStrictEqual(depts(), ["诸城市公安局"]);

  $ = setup("户口所在地证名", more, undefined, undefined, true);
  await settle($["search-results"]);
  assert.strictEqual($["search-suggest"].hidden, false);
  assert.strictEqual($["search-suggest"].textContent, "mean 户口所在地证明");
  assert.strictEqual($["search-suggest"].children[0].getAttribute("href"), "../cancelled/hukou-zhengming/index.html");
});
