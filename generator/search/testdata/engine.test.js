// engine.test.js checks the engine's API (../js/engine.js, the comment at
// its top) on the fixture's export: the fields of a result and of a hit,
// and filters, facets and k against what the unfiltered answer implies.
//
//   JZ_SITE=<export of testdata/catalog> node --test testdata/engine.test.js
//
// TestEngineAPI writes the export and runs this. Ranking and scores are
// TestParity's.
"use strict";
const test = require("node:test");
const assert = require("node:assert");
const fs = require("fs");
const path = require("path");
const vm = require("vm");
const engine = require("../js/engine.js");
const { Loader } = require("../js/load.js");

const index = path.join(process.env.JZ_SITE, "search/index") + "/";

// open opens the fixture's index with a loader that runs each file as a
// <script> element would.
function open() {
  const loader = new Loader((src, done) => {
    let code;
    try { code = fs.readFileSync(src, "utf8"); } catch (e) { done(e); return; }
    vm.runInThisContext("(function (window) {" + code + "\n})", { filename: src })({ JZSearch: loader });
    done(null);
  });
  return engine.open(index, loader);
}

const GROUPS = ["kind", "department", "status"];
const value = (h, g) => (g === "department" ? h.department.id : h[g]);
const keeps = (filter, h, except) => GROUPS.every((g) => g === except || !(filter[g] || []).length || filter[g].includes(value(h, g)));

test("a result and its hits have the documented fields, and only those", async () => {
  const ix = await open();
  const r = await ix.search("户口本", 10);
  assert.deepStrictEqual(Object.keys(r).sort(), ["departments", "events", "facets", "hits", "marks", "partial", "reading", "total", "words"]);
  assert.deepStrictEqual(r.events, []);
  assert.deepStrictEqual(r.departments, []);
  assert.deepStrictEqual(r.words, []);
  assert.strictEqual(r.total, 1);
  assert.strictEqual(r.partial, false);
  assert.strictEqual(r.reading, "");
  const h = r.hits[0];
  assert.deepStrictEqual(Object.keys(h).sort(), ["department", "excerpt", "id", "kind", "name", "now", "score", "status", "url", "via"]);
  assert.strictEqual(h.id, "hukou-zhengming");
  assert.strictEqual(h.url, "cancelled/hukou-zhengming/index.html");
  assert.strictEqual(h.kind, "cancelled");
  assert.strictEqual(h.name, "户口所在地证明");
  assert.strictEqual(h.status, "cancelled");
  assert.deepStrictEqual(h.department, { id: "gongan", name: "诸城市公安局" });
  assert.strictEqual(h.via, "居民户口簿");
  assert.ok(h.score > 0 && typeof h.now === "string" && typeof h.excerpt === "string");
  assert.ok(r.marks.includes("户口本") && r.marks.includes("居民户口簿"), r.marks.join());
  assert.deepStrictEqual(r.facets, {
    kind: [{ value: "cancelled", count: 1 }],
    department: [{ value: "gongan", name: "诸城市公安局", count: 1 }],
    status: [{ value: "cancelled", count: 1 }],
  });
});

test("a query that names a department lists it, with what a card shows, and ranks its records first", async () => {
  const ix = await open();
  for (const q of ["派出所开什么证明", "公安局", "诸城市公安局 户口"]) {
    const r = await ix.search(q, 3);
    assert.deepStrictEqual(r.departments.map((d) => [d.id, d.name, d.url]), [["gongan", "诸城市公安局", "department/gongan/index.html"]], q);
  }
  const r = await ix.search("派出所", 0);
  assert.ok(r.hits.length > 0 && r.hits.every((h, i) => i === 0 || h.score <= r.hits[i - 1].score));
  assert.strictEqual(r.hits[0].department.id, "gongan");
  assert.deepStrictEqual((await ix.search("户口本", 3)).departments, []);
});

test("a question is read as its needs: filler goes, known words are cut out, and the result says so", async () => {
  const ix = await open();
  const r = await ix.search("办户口本需要带啥", 10);
  assert.strictEqual(r.reading, "needs");
  assert.deepStrictEqual(r.words, ["户口本"]);
  assert.ok(r.total > 0, "records match");
  const all = await ix.search("需要什么", 10);
  assert.notStrictEqual(all.reading, "needs", "a query of filler alone is searched as typed");
});

test("a query that names a life event lists it, whatever matches and whatever the filter", async () => {
  const ix = await open();
  const want = [{ id: "kunnan", name: "生活困难", url: "events/kunnan/index.html", k: [" 生 活 困 难 ", " 吃 低 保 ", " 救 助 ", " sos "] }];
  for (const q of ["生活困难", "家里 吃低保 了", "生活 困难", "sos", "救助 -证明"]) {
    assert.deepStrictEqual((await ix.search(q, 3, { kind: ["training"] })).events, want, q);
  }
  assert.deepStrictEqual((await ix.search("养狗", 3)).events.map((e) => e.id), ["chuxing"]);
  assert.deepStrictEqual((await ix.search("-救助", 3)).events, []);
  assert.deepStrictEqual((await ix.search("困难", 3)).events, []);
});

test("k bounds the hits; 0 or less gives them all", async () => {
  const ix = await open();
  const all = await ix.search("民政", 0);
  assert.ok(all.total >= 4 && all.hits.length === all.total, `${all.total} ${all.hits.length}`);
  assert.deepStrictEqual((await ix.search("民政", -1)).hits, all.hits);
  assert.deepStrictEqual((await ix.search("民政", 2)).hits, all.hits.slice(0, 2));
  assert.strictEqual((await ix.search("民政", 2)).total, all.total);
});

test("filters keep values within a group and combine across groups; facets ignore their own group", async () => {
  const ix = await open();
  const all = (await ix.search("民政", 0)).hits;
  const filters = [
    {},
    { kind: ["inspection"] },
    { kind: ["inspection", "village"] },
    { kind: ["inspection", "village"], status: ["removed"] },
    { kind: ["cancelled"], status: ["removed"] },
    { department: [all[0].department.id] },
    { status: ["nonexistent"] },
  ];
  const order = { kind: ["cancelled", "village", "training", "inspection"], status: ["cancelled", "retained", "removed"] };
  for (const f of filters) {
    const r = await ix.search("民政", 0, f);
    const kept = all.filter((h) => keeps(f, h, null));
    assert.deepStrictEqual(r.hits, kept, JSON.stringify(f));
    assert.strictEqual(r.total, kept.length, JSON.stringify(f));
    for (const g of GROUPS) {
      const counts = new Map();
      all.filter((h) => keeps(f, h, g)).forEach((h) => counts.set(value(h, g), (counts.get(value(h, g)) || 0) + 1));
      const got = r.facets[g].map((x) => x.value);
      const want = new Set([...counts.keys(), ...(f[g] || []).filter((v) => g === "department" || order[g].includes(v))]);
      assert.deepStrictEqual(got.slice().sort(), [...want].sort(), `${JSON.stringify(f)} ${g}`);
      for (const x of r.facets[g]) assert.strictEqual(x.count, counts.get(x.value) || 0, `${JSON.stringify(f)} ${g} ${x.value}`);
      if (order[g]) assert.deepStrictEqual(got, order[g].filter((v) => want.has(v)), `${JSON.stringify(f)} ${g} order`);
      else assert.deepStrictEqual(got, got.slice().sort(), `${g} by id`);
    }
  }
  const none = await ix.search("民政", 10, { kind: ["cancelled"], status: ["removed"] });
  assert.ok(none.facets.kind.some((x) => x.value === "cancelled"), "a kept value is listed even at 0");
});

test("partial and pinyin answers say so", async () => {
  const ix = await open();
  const p = await ix.search("社会险保", 10);
  assert.strictEqual(p.partial, true);
  assert.ok(p.total > 0);
  const r = await ix.search("hukouben", 10);
  assert.strictEqual(r.reading, "pinyin");
  assert.strictEqual(r.hits[0].id, "hukou-zhengming");
  assert.strictEqual(r.hits[0].via, r.hits[0].name);
  const none = await ix.search("", 10);
  assert.deepStrictEqual([none.total, none.hits, none.marks], [0, [], []]);
});
