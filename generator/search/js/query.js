/* query.js: a query's text to a plan, as query.go does.
 *
 * White space separates clauses, "quotes" make a phrase one clause and
 * -clause excludes; each clause becomes a word with its alternatives:
 * itself, and the other terms of a synonym group or the department a
 * clause names (the thesaurus). Each alternative is the terms of its
 * phrase at their offsets ("" where a position has no term).
 */
var query = (function (analysis) {
  "use strict";

  var key = analysis.key, queryTokens = analysis.queryTokens;

  function isSpace(c) {
    return c >= 9 && c <= 13 || c === 32 || c === 0x85 || c === 0xA0 || c === 0x1680 ||
      c >= 0x2000 && c <= 0x200A || c === 0x2028 || c === 0x2029 || c === 0x202F || c === 0x205F || c === 0x3000;
  }
  function isQuote(c) { return c === 34 || c === 0x201C || c === 0x201D || c === 0xFF02; }

  var MAX_QUERY = 128; // code points; maxQueryRunes in query.go

  // parseQuery cuts q into at most maxClauses clauses {text, not}, each
  // once.
  function parseQuery(q, maxClauses) {
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
      var k = key(text);
      if (k === "" || seen[not + k]) continue;
      seen[not + k] = true;
      out.push({ text: text, not: not });
    }
    return out;
  }

  // Thesaurus holds the synonym groups (official term first) and the
  // departments ({name, aliases}): a clause equal to a term of a group,
  // or to a department's alias, triggers it.
  function Thesaurus(synonyms, departments) {
    var entries = this.entries = [];
    synonyms.forEach(function (g) {
      entries.push({ triggers: new Set(g.map(key)), terms: g, official: g[0] });
    });
    departments.forEach(function (d) {
      entries.push({ triggers: new Set(d.aliases.map(key)), terms: [d.name], official: d.name });
    });
  }

  // expand returns the alternatives of text (itself first, at most
  // maxAlts) and the official term it stands for ("" if none or itself).
  Thesaurus.prototype.expand = function (text, maxAlts) {
    var k = key(text), seen = new Set([k]), alts = [text], official = "";
    this.entries.forEach(function (e) {
      if (!e.triggers.has(k)) return;
      if (official === "") official = e.official;
      e.terms.forEach(function (t) {
        var tk = key(t);
        if (!seen.has(tk) && alts.length < maxAlts) { seen.add(tk); alts.push(t); }
      });
    });
    if (official !== "" && key(official) === k) official = "";
    return { alts: alts, official: official };
  };

  // newAlt is the alternative s: {text, uni (one Han character: the u
  // fields), terms}.
  function newAlt(s) {
    var toks = queryTokens(s), a = { text: s, uni: false, terms: [] };
    if (!toks.length) return a;
    var cs = Array.from(toks[0].t);
    a.uni = toks.length === 1 && cs.length === 1 && analysis.isHan(cs[0].codePointAt(0));
    var first = toks[0].p;
    a.terms = new Array(toks[toks.length - 1].p - first + 1).fill("");
    toks.forEach(function (t) { a.terms[t.p - first] = t.t; });
    return a;
  }

  // plan reads q as {must: words, not: words}, each word {text, not,
  // official, alts}; lim is the manifest's limits {clauses, alts}.
  function plan(q, thes, lim) {
    var p = { must: [], not: [] };
    parseQuery(q, lim.clauses).forEach(function (c) {
      var x = thes.expand(c.text, lim.alts);
      var w = { text: c.text, not: c.not, official: x.official, alts: x.alts.map(newAlt) };
      (c.not ? p.not : p.must).push(w);
    });
    return p;
  }

  // said is the clauses of p that must match as one text: a space, then
  // their unigram terms, each followed by a space (spoken and eventsOf
  // in search.go), for finding the life events a query names.
  function said(p) {
    return " " + p.must.map(function (w) {
      return analysis.analyze(w.text, true).map(function (t) { return t.t + " "; }).join("");
    }).join("");
  }

  return { MAX_QUERY: MAX_QUERY, Thesaurus: Thesaurus, newAlt: newAlt, plan: plan, said: said };
})(typeof module === "object" ? require("./analysis.js") : analysis);
if (typeof module === "object") module.exports = query;
