/* reading.js: a query read as pinyin, as reading.go does.
 *
 * When a query as typed matches nothing, a word of Latin letters is cut
 * into syllables and initials (hukouben → hu kou ben, swzm → s w z m),
 * several such words are read as one, and a word of two or more Han
 * characters becomes each one's first reading (homophone typos). Each
 * reading is one more alternative of its word, matched in p1.
 */
var reading = (function (analysis, query) {
  "use strict";

  var INITIALS = "abcdefghjklmnopqrstwxyz", MAX_SYLLABLE = 6;

  // segment cuts a word of letters a-z into syllables (of the set syl),
  // the longest first, and initials; null if a letter can be neither.
  function segment(w, syl) {
    var out = [];
    for (var i = 0; i < w.length;) {
      var j = Math.min(w.length, i + MAX_SYLLABLE);
      for (; j > i + 1 && !syl.has(w.slice(i, j)); j--);
      if (syl.has(w.slice(i, j))) out.push(w.slice(i, j));
      else if (INITIALS.indexOf(w[i]) >= 0 && w.charCodeAt(i) < 128) out.push(w[i]);
      else return null;
      i = j;
    }
    return out;
  }

  // pinyinTerms are the syllables and initials of a word typed in Latin
  // letters (apostrophes and tone numbers cut it), or null.
  function pinyinTerms(text, syl) {
    var out = [], toks = analysis.queryTokens(text);
    for (var i = 0; i < toks.length; i++) {
      var parts = toks[i].t.split(/['0-5]+/);
      for (var k = 0; k < parts.length; k++) {
        if (!parts[k]) continue;
        var seg = segment(parts[k], syl);
        if (!seg) return null;
        out.push.apply(out, seg);
      }
    }
    return out.length ? out : null;
  }

  // isLatin reports whether the word could be pinyin: tokens of ASCII only.
  function isLatin(text) {
    var toks = analysis.queryTokens(text);
    return toks.length > 0 && toks.every(function (t) { return /^[\x00-\x7f]+$/.test(t.t); });
  }

  // hanOf lists the code points of a word's characters (unigram tokens),
  // or null if it is not two or more Han characters.
  function hanOf(text) {
    var toks = analysis.analyze(text, true), out = [];
    if (toks.length < 2) return null;
    for (var i = 0; i < toks.length; i++) {
      var cs = Array.from(toks[i].t), c = cs[0].codePointAt(0);
      if (cs.length !== 1 || !analysis.isHan(c)) return null;
      out.push(c);
    }
    return out;
  }

  // readsAs: segs read the characters whose readings are chars.
  function readsAs(segs, chars) {
    if (segs.length !== chars.length) return false;
    return segs.every(function (s, i) {
      return chars[i].some(function (r) { return s === r || s.length === 1 && s === r[0]; });
    });
  }

  // needs is what reading the plan p takes: the syllables if a word is
  // Latin (latin), the first readings of the characters of its Han words
  // that the thesaurus thes does not know (han, code points); with thes
  // left out, of all that have no alternatives (the words of the needs
  // reading, which the term shards of a query bring, are not in yet).
  function needs(p, thes) {
    var latin = false, han = [];
    p.must.forEach(function (w) {
      if (isLatin(w.text)) latin = true;
      if (w.alts.length === 1 && !(thes && known(thes, w.text))) han.push.apply(han, hanOf(w.text) || []);
    });
    return { latin: latin, han: han };
  }

  // known reports whether the thesaurus knows text as one word: such a
  // word is spelt right, and its sound would only find other words; or
  // whether text holds a mute filler, whose sound finds nothing
  // (readingPlan, holdsMute).
  function known(thes, text) {
    var v = thes.vocab(), s = query.spoken(text);
    return v.words.has(s) || Array.from(v.mute).some(function (m) { return (" " + s).indexOf(" " + m) >= 0; });
  }

  // plan is reading.go readingPlan: p read as pinyin {plan, how}, how
  // "pinyin", "homophone", or "" if no word reads. spoken holds the
  // syllables (syl, a Set), the thesaurus's terms with their readings
  // (terms) and the first reading of each character needed (rd, a Map).
  function plan(p, spoken, thes, lim) {
    var syl = spoken.syl || new Set(), must = p.must;
    if (must.length > 1 && must.every(function (w) { return pinyinTerms(w.text, syl); })) {
      var text = must.map(function (w) { return w.text; }).join(" ");
      must = [{ text: text, not: false, official: "", alts: [query.newAlt(text, 1)] }];
    }
    var how = "", rp = { must: [], not: p.not };
    must.forEach(function (w) {
      var kind = "pinyin", terms = pinyinTerms(w.text, syl);
      if (!terms && w.alts.length === 1 && !known(thes, w.text)) { // a word the thesaurus knows is spelt right (readingPlan)
        kind = "homophone";
        var cs = hanOf(w.text);
        terms = cs && cs.map(function (c) { return spoken.rd.get(c) || ""; });
        if (terms && terms.indexOf("") >= 0) terms = null;
      }
      if (terms) {
        if (!how) how = kind;
        var alts = w.alts.slice(0, lim - 1);
        alts.push({ text: w.text, uni: false, py: true, terms: terms, w: 1 });
        if (kind === "pinyin") alts = spokenAlts(alts, terms, spoken.terms || [], thes, lim);
        w = { text: w.text, not: w.not, official: w.official, alts: alts };
      }
      rp.must.push(w);
    });
    return { plan: rp, how: how };
  }

  // spokenAlts adds to alts the alternatives of each thesaurus term that
  // the syllables segs read.
  function spokenAlts(alts, segs, terms, thes, lim) {
    var seen = new Set();
    alts.forEach(function (a) { if (!a.py) seen.add(query.altKey(a)); });
    terms.forEach(function (st) {
      if (!readsAs(segs, st[1])) return;
      thes.expand(st[0], lim).alts.forEach(function (a) {
        var k = query.altKey(a);
        if (!seen.has(k) && alts.length < lim) { seen.add(k); alts.push(a); }
      });
    });
    return alts;
  }

  return { needs: needs, plan: plan };
})(typeof module === "object" ? require("./analysis.js") : analysis,
  typeof module === "object" ? require("./query.js") : query);
if (typeof module === "object") module.exports = reading;
