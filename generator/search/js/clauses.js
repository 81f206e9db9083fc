/* clauses.js: a query's text to its clauses, as parseQuery in query.go.
 *
 * White space separates clauses, "quotes" make a phrase one clause and
 * -clause excludes. The engine (query.js) and the search page's head
 * start (boot.js) cut a query the same way.
 */
var clauses = (function (analysis) {
  "use strict";

  function isSpace(c) {
    return c >= 9 && c <= 13 || c === 32 || c === 0x85 || c === 0xA0 || c === 0x1680 ||
      c >= 0x2000 && c <= 0x200A || c === 0x2028 || c === 0x2029 || c === 0x202F || c === 0x205F || c === 0x3000;
  }
  function isQuote(c) { return c === 34 || c === 0x201C || c === 0x201D || c === 0xFF02; }

  var MAX_QUERY = 128; // code points; maxQueryRunes in query.go

  // parse cuts q into at most maxClauses clauses {text, not}, each once.
  function parse(q, maxClauses) {
    var rs = Array.from(q, function (ch) { return ch.codePointAt(0); }).slice(0, MAX_QUERY);
    var out = [], seen = Object.create(null);
    for (var i = 0; i < rs.length && out.length < maxClauses;) {
      if (isSpace(rs[i])) { i++; continue; }
      var not = false;
      if ((rs[i] === 45 || rs[i] === 0xFF0D) && i + 1 < rs.length && !isSpace(rs[i + 1])) { not = true; i++; }
      var start = i, end = i;
      if (isQuote(rs[i])) {
        start = i + 1;
        for (end = start; end < rs.length && !isQuote(rs[end]); end++);
        i = end + 1;
      } else {
        for (end = start; end < rs.length && !isSpace(rs[end]); end++);
        i = end;
      }
      var text = String.fromCodePoint.apply(null, rs.slice(start, end));
      var k = analysis.key(text);
      if (k === "" || seen[not + k]) continue;
      seen[not + k] = true;
      out.push({ text: text, not: not });
    }
    return out;
  }

  return { MAX_QUERY: MAX_QUERY, parse: parse };
})(typeof module === "object" ? require("./analysis.js") : analysis);
if (typeof module === "object") module.exports = clauses;
