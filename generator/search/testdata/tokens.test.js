// tokens.test.js checks the engine's analysis (../js/analysis.js) against
// tokens.txt, the analysis bleve gives at build time (written by
// TestTokens).   node --test testdata/
"use strict";
const test = require("node:test");
const assert = require("node:assert");
const fs = require("fs");
const path = require("path");
const analysis = require("../js/analysis.js");
require("./folds.js")(analysis);

test("analysis.js analyses like bleve (tokens.txt)", () => {
  const lines = fs.readFileSync(path.join(__dirname, "tokens.txt"), "utf8").split("\n");
  let n = 0;
  for (const line of lines) {
    if (line === "" || line.startsWith("#")) continue;
    const [name, input, want] = line.split("\t");
    const got = analysis.analyze(JSON.parse(input), name === "uni").map((t) => t.t + "@" + t.p + (t.e ? "*" : "")).join(" ");
    assert.strictEqual(got, want, `${name} ${input}`);
    n++;
  }
  assert.ok(n > 100, `only ${n} cases in tokens.txt`);
});
