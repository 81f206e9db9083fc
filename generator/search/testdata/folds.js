// folds.js gives analysis.js every fold pair of ../fold_table.go, for the
// tests that compare its analysis with Go's over any text (an engine
// answering queries loads only the f/ shards of each query's characters).
"use strict";
const fs = require("fs");
const path = require("path");

module.exports = function addAllFolds(analysis) {
  const src = fs.readFileSync(path.join(__dirname, "../fold_table.go"), "utf8");
  const body = src.slice(src.indexOf("const foldPairs"));
  let n = 0;
  for (const m of body.matchAll(/"((?:[^"\\]|\\.)*)"/g)) {
    const pairs = JSON.parse('"' + m[1] + '"');
    analysis.addFold(pairs);
    n += Array.from(pairs).length / 2;
  }
  if (n < 1000) throw new Error("only " + n + " fold pairs read from fold_table.go");
};
