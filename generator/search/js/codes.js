/* codes.js: the two codes of the export (doc.go, "Export format") that
 * both the engine (store.js) and the search page's head start (boot.js)
 * read: which file holds a term, and strings of numbers.
 */
var codes = (function () {
  "use strict";

  var DIGIT = new Int8Array(128).fill(-1), MORE = new Int8Array(128).fill(-1);
  "0123456789abcdefghijklmnopqrstuv".split("").forEach(function (ch, i) { DIGIT[ch.charCodeAt(0)] = i; });
  "ABCDEFGHIJKLMNOPQRSTUVWXYZwxyz-_".split("").forEach(function (ch, i) { MORE[ch.charCodeAt(0)] = i; });

  // numbers reads a string of numbers (encode.go putNum).
  function numbers(s) {
    var nums = [], acc = 0;
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i), d = DIGIT[c];
      if (d >= 0) { nums.push(acc * 32 + d); acc = 0; } else acc = acc * 32 + MORE[c];
    }
    return nums;
  }

  var LATIN = /^[a-z]+$/; // export.go latin

  function termHash(term) {
    var h = 2166136261;
    for (var i = 0; i < term.length; i++) {
      var c = term.codePointAt(i);
      if (c > 0xFFFF) i++;
      h = Math.imul(h ^ c, 16777619) >>> 0;
    }
    return h;
  }

  // shardOf is the file under manifest m that holds term: y.js for a
  // term of Latin letters when m says so (y), else its term shard.
  function shardOf(m, term) {
    return m.y && LATIN.test(term) ? "y" : "t/" + (termHash(term) & (m.tb - 1)).toString(16);
  }

  // folded is the set of the code points manifest m has fold pairs for
  // (fc): a query holding one is analysed after its f/ file.
  function folded(m) {
    var out = new Set();
    for (var c = 0, k = 0, ds = numbers(m.fc); k < ds.length; k++) out.add(c += ds[k]);
    return out;
  }

  return { numbers: numbers, shardOf: shardOf, folded: folded, termHash: termHash };
})();
if (typeof module === "object") module.exports = codes;
