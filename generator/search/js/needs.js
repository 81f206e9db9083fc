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
  // held is the set of bigrams (two Han characters, as bigrams()
  // lists them) that some record holds.
  function plan(p, thes, lim, held) {
    var np = { must: [], not: p.not }, seen = new Set(), changed = false;
    p.must.forEach(function (w) {
      var pieces = cut(thes, w.text, held);
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
  // characters of a stretch no known word covers, 0 for a known word}; a
  // filler of one character binds to a lone neighbour when the two are a
  // bigram of held.
  function cut(thes, text, held) {
    thes.vocab();
    var toks = analysis.analyze(text, true), out = [], run = [];
    function flush() { if (run.length) { out.push({ text: join(run), stretch: run.length }); run = []; } }
    function adjacent(i) { return i + 1 < toks.length && toks[i + 1].p === toks[i].p + 1; }
    function lone(i) { return !wordAt(thes, toks, i) && (!adjacent(i) || wordAt(thes, toks, i + 1) > 0); }
    for (var i = 0; i < toks.length;) {
      var n = wordAt(thes, toks, i);
      if (n === 1 && thes.filler.has(said([toks[i]]))) {
        var after = run.length === 1 && run[0].p + 1 === toks[i].p && han(run[0].t) && held.has(run[0].t + toks[i].t);
        var before = !run.length && adjacent(i) && lone(i + 1) && han(toks[i + 1].t) && held.has(toks[i].t + toks[i + 1].t);
        if (after || before) n = 0; // bound to a lone neighbour
      }
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

  // bigrams lists the pairs of adjacent Han characters of p's clauses
  // that must match, those cut may ask held about, each [bigram, the file
  // the clause as typed read its terms from: an entry's, or "" for the
  // term shards], so that reading them costs no request.
  function bigrams(p) {
    var out = [];
    p.must.forEach(function (w) {
      var toks = analysis.analyze(w.text, true), file = w.alts[0].file || "";
      for (var i = 0; i + 1 < toks.length; i++) {
        if (toks[i + 1].p === toks[i].p + 1 && han(toks[i].t) && han(toks[i + 1].t)) out.push([toks[i].t + toks[i + 1].t, file]);
      }
    });
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

  // pieces lists the texts of the pieces of p's clauses read as needs.
  function pieces(p, thes, held) {
    var out = [];
    p.must.forEach(function (w) { cut(thes, w.text, held).forEach(function (t) { out.push(t.text); }); });
    return out;
  }

  return { plan: plan, bigrams: bigrams, pieces: pieces };
})(typeof module === "object" ? require("./analysis.js") : analysis,
  typeof module === "object" ? require("./query.js") : query);
if (typeof module === "object") module.exports = needs;
