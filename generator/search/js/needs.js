/* needs.js: a query read as what a resident needs, as needs.go does.
 *
 * Each clause that must match is cut into the words the thesaurus knows
 * and the stretches between them, the longest word first; filler (要,
 * 什么, 啥 …) is dropped: 换驾照需要带啥 reads as 换 驾照. Each piece
 * becomes a word with its alternatives.
 */
var needs = (function (analysis, query) {
  "use strict";

  // plan is needsPlan: p read as needs, or null if that reads it as typed
  // or leaves nothing.
  function plan(p, thes, lim) {
    var np = { must: [], not: p.not }, seen = new Set(), changed = false;
    p.must.forEach(function (w) {
      var pieces = cut(thes, w.text);
      if (pieces.length !== 1 || analysis.key(pieces[0].text) !== analysis.key(w.text)) changed = true;
      pieces.forEach(function (t) {
        var k = analysis.key(t.text);
        if (k === "" || seen.has(k) || np.must.length === lim.clauses) return;
        seen.add(k);
        var x = thes.expand(t.text, lim.alts, true);
        if (pieces.length === 1 && x.alts.length > w.alts.length) changed = true; // widened by a built-in group
        np.must.push({ text: t.text, not: false, official: x.official, alts: x.alts, stretch: t.stretch });
      });
    });
    return changed && np.must.length ? np : null;
  }

  // cut is thesaurus.cut in needs.go: pieces {text, stretch: the
  // characters of a stretch no known word covers, 0 for a known word}.
  function cut(thes, text) {
    var toks = analysis.analyze(text, true), out = [], run = [];
    function flush() { if (run.length) { out.push({ text: join(run), stretch: run.length }); run = []; } }
    for (var i = 0; i < toks.length;) {
      var n = wordAt(thes, toks, i);
      if (!n) {
        if (run.length && toks[i].p !== run[run.length - 1].p + 1) flush();
        run.push(toks[i++]);
        continue;
      }
      flush();
      var w = toks.slice(i, i + n);
      if (!thes.filler.has(said(w))) out.push({ text: join(w), stretch: 0 });
      i += n;
    }
    flush();
    return out;
  }

  function wordAt(thes, toks, i) {
    for (var n = Math.min(thes.longest, toks.length - i); n > 0; n--) {
      if (toks[i + n - 1].p - toks[i].p !== n - 1) continue;
      var s = said(toks.slice(i, i + n));
      if (thes.words.has(s) || thes.filler.has(s)) return n;
    }
    return 0;
  }

  function said(toks) { return toks.map(function (t) { return t.t + " "; }).join(""); }

  function han(t) { return analysis.isHan(t.codePointAt(0)); }

  function join(toks) {
    return toks.map(function (t, i) {
      return (i > 0 && !han(toks[i - 1].t) && !han(t.t) ? " " : "") + t.t;
    }).join("");
  }

  return { plan: plan };
})(typeof module === "object" ? require("./analysis.js") : analysis,
  typeof module === "object" ? require("./query.js") : query);
if (typeof module === "object") module.exports = needs;
