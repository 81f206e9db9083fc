// tokens.test.js checks search.js against tokens.txt, the analysis bleve
// gives at build time (written by TestTokens).   node --test testdata/
"use strict";
const test = require("node:test");
const assert = require("node:assert");
const fs = require("fs");
const path = require("path");
const vm = require("vm");

globalThis.window = globalThis;
vm.runInThisContext(fs.readFileSync(path.join(__dirname, "../search.js"), "utf8"), { filename: "search.js" });
require("./folds.js")(window.JZSearch);

test("search.js analyses like bleve (tokens.txt)", () => {
  const lines = fs.readFileSync(path.join(__dirname, "tokens.txt"), "utf8").split("\n");
  let n = 0;
  for (const line of lines) {
    if (line === "" || line.startsWith("#")) continue;
    const [name, input, want] = line.split("\t");
    const got = window.JZSearch.analyze(JSON.parse(input), name === "uni").map((t) => t.t + "@" + t.p + (t.e ? "*" : "")).join(" ");
    assert.strictEqual(got, want, `${name} ${input}`);
    n++;
  }
  assert.ok(n > 100, `only ${n} cases in tokens.txt`);
});
