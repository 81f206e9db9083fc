// harness.js runs the engine's scripts (../js) under node for the Go tests.
//
//   node harness.js <site root>   < request.json   > response.json
//
// The site root holds an export (search/index/…) written by a Go test.
// The harness requires the engine's modules directly; its loader runs
// each index file as a <script> element would, with window.JZSearch the
// loader itself.
// Requests:
//   {"mode":"tokens","inputs":[[text, unigram], …]}  → [[[term, pos, edge], …], …]
//   {"mode":"fold","inputs":[text, …]}               → [folded, …]
//   {"mode":"open"}                                   → {ok: true} or {error: message}
//   {"mode":"search","n":k,"queries":[q, …]}          → [{total, partial, reading, hits:[[id, score, via], …], events:[id, …], departments:[id, …], words:[…]}, …]
//   {"mode":"loads","n":k,"queries":[q, …]}           → [{files, waves}, …] loaded by a cold first search
//   {"mode":"boot","queries":[q, …]}                  → [[file, …], …] the search page's head start asks for (boot.js)
//   {"mode":"bench","n":k,"queries":[q, …],"reps":r}  → {median_ms, p90_ms, max_ms, runs}
// With a third argument "serve" it reads [text, unigram] lines instead and
// answers each with a line of tokens.
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");
const analysis = require("../js/analysis.js");
const engine = require("../js/engine.js");
const boot = require("../js/boot.js");
const { Loader } = require("../js/load.js");
const addAllFolds = require("./folds.js");

const root = process.argv[2];
const index = path.join(root, "search/index") + "/";
let loads = [];
let arrived = 0; // the last wave of which a file has arrived
let inflight = 0; // files asked for that have not arrived

// open opens the export with a new loader: a cold start. With a delay,
// each file arrives that many milliseconds after it is asked for, as over
// a network. loads records each file and its wave.
function open(delay) {
  const loader = new Loader((src, done) => {
    const run = () => {
      inflight--;
      let code;
      try {
        code = fs.readFileSync(src, "utf8");
      } catch (e) {
        done(e);
        return;
      }
      arrived = Math.max(arrived, wave);
      vm.runInThisContext("(function (window) {" + code + "\n})", { filename: src })({ JZSearch: loader });
      done(null);
    };
    const wave = arrived + 1;
    loads.push({ file: path.relative(root, src), wave: wave });
    inflight++;
    if (delay) setTimeout(run, delay);
    else run();
  });
  return engine.open(index, loader);
}

const tokens = (text, uni) => analysis.analyze(text, uni).map((t) => [t.t, t.p, t.e]);

// serve answers one [text, unigram] per line with one line of tokens, for
// FuzzAnalyzerParity, which asks many small questions.
function serve() {
  addAllFolds(analysis);
  const rl = require("readline").createInterface({ input: process.stdin });
  rl.on("line", (line) => {
    const [text, uni] = JSON.parse(line);
    process.stdout.write(JSON.stringify(tokens(text, uni)) + "\n");
  });
}

async function main() {
  if (process.argv[3] === "serve") return serve();
  const req = JSON.parse(fs.readFileSync(0, "utf8"));
  let out;
  switch (req.mode) {
    case "tokens":
      addAllFolds(analysis);
      out = req.inputs.map(([text, uni]) => tokens(text, uni));
      break;
    case "fold":
      addAllFolds(analysis);
      out = req.inputs.map((s) => String.fromCodePoint.apply(null, analysis.fold(s)));
      break;
    case "open":
      try {
        await open();
        out = { ok: true };
      } catch (e) {
        out = { error: e.message };
      }
      break;
    case "search": {
      const ix = await open();
      out = [];
      for (const q of req.queries) {
        const r = await ix.search(q, req.n);
        out.push({ total: r.total, partial: r.partial, reading: r.reading, hits: r.hits.map((h) => [h.id, h.score, h.via]), events: r.events.map((e) => e.id), departments: r.departments.map((d) => d.id), words: r.words });
      }
      break;
    }
    case "loads": {
      // the files the first search of each query needs, from a cold
      // start, and in how many waves: each file takes 20 ms to arrive,
      // and one asked for after a file of wave w arrived is of wave w + 1
      // (the manifest is wave 1)
      out = [];
      for (const q of req.queries) {
        loads = [];
        arrived = 0;
        const ix = await open(20);
        await ix.search(q, req.n);
        // what the search asked for and did not wait for is its load too,
        // and must not arrive during the next query's
        while (inflight) await new Promise((resolve) => setTimeout(resolve, 5));
        out.push({ files: loads.map((l) => l.file), wave: loads.map((l) => l.wave), waves: Math.max(...loads.map((l) => l.wave)) });
      }
      break;
    }
    case "boot": {
      const ix = await open();
      out = req.queries.map((q) => boot.files(ix.store.m, q));
      break;
    }
    case "bench": {
      const ix = await open();
      for (const q of req.queries) await ix.search(q, req.n); // load every shard first
      const times = [];
      for (let r = 0; r < req.reps; r++) {
        for (const q of req.queries) {
          const t0 = process.hrtime.bigint();
          await ix.search(q, req.n);
          times.push(Number(process.hrtime.bigint() - t0) / 1e6);
        }
      }
      times.sort((a, b) => a - b);
      const at = (p) => times[Math.min(times.length - 1, Math.floor(p * times.length))];
      out = { median_ms: at(0.5), p90_ms: at(0.9), max_ms: times[times.length - 1], runs: times.length };
      break;
    }
    case "adversarial": {
      // count generated queries no input method would type; every one must
      // settle without throwing. Generated here, because JSON from Go
      // cannot carry unpaired surrogates.
      const ix = await open();
      let seed = req.seed >>> 0;
      const rnd = (n) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n);
      const pools = [
        ".*+?^${}()|[]\\/\"'-", "户口本市民政局证明死亡〔〕号", "\uD800\uDBFF\uDC00\uDFFF", "\u200F\u202E\u200B\u2028\uFEFF\u0000\t\n",
        "😀👨‍👩‍👧🇨🇳", "２０１８ＩＣＰ（）！？", "é\u0301ﬁÅ", "\"\"-- -\"", "abcXYZ019",
      ];
      const gen = (i) => {
        if (i % 1000 === 0) return "户口本".repeat(30000);
        if (i % 997 === 0) return "\"".repeat(5000) + "-".repeat(5000);
        let q = "";
        for (let k = rnd(40); k > 0; k--) { const p = pools[rnd(pools.length)]; q += p[rnd(p.length)]; }
        return q;
      };
      const errors = [];
      let max = 0;
      for (let i = 0; i < req.count; i++) {
        const q = gen(i);
        const t0 = process.hrtime.bigint();
        try {
          const r = await ix.search(q, 10);
          if (!r || !Array.isArray(r.hits)) errors.push({ q: q.slice(0, 80), error: "no hits list" });
        } catch (e) {
          errors.push({ q: q.slice(0, 80), error: String(e && e.message || e) });
        }
        max = Math.max(max, Number(process.hrtime.bigint() - t0) / 1e6);
      }
      out = { errors: errors.slice(0, 10), failed: errors.length, max_ms: max };
      break;
    }
    default:
      throw new Error("unknown mode " + req.mode);
  }
  process.stdout.write(JSON.stringify(out));
}

main().catch((e) => {
  process.stderr.write(String(e && e.stack || e) + "\n");
  process.exit(1);
});
