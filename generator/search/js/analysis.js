/* analysis.js: text to terms, as analysis.go does at build time.
 *
 * fold is the character filter (full-width ASCII to ASCII, traditional
 * characters to simplified ones, everything but ASCII and Han to a space,
 * invisible marks dropped); tokenize is bleve's unicode tokenizer with
 * to_lower; analyze makes the bigrams (or, for the u fields, single
 * characters) with their positions. testdata/tokens.txt and the Go tests
 * TestContentTokens and FuzzAnalyzerParity hold the two sides together.
 */
var analysis = (function () {
  "use strict";

  var HAN = [0x3007, 0x3007, 0x3400, 0x4DB5, 0x4E00, 0x9FD5, 0xF900, 0xFA6D, 0xFA70, 0xFAD9,
    0x20000, 0x2A6D6, 0x2A700, 0x2B734, 0x2B740, 0x2B81D, 0x2B820, 0x2CEA1, 0x2F800, 0x2FA1D];

  function isHan(c) {
    for (var i = 0; i < HAN.length; i += 2) {
      if (c < HAN[i]) return false;
      if (c <= HAN[i + 1]) return true;
    }
    return false;
  }

  function ignorable(c) {
    return c === 0xAD || c >= 0x300 && c <= 0x36F || c >= 0x200B && c <= 0x200F ||
      c >= 0x202A && c <= 0x202E || c >= 0x2060 && c <= 0x2064 ||
      c >= 0xFE00 && c <= 0xFE0F || c === 0xFEFF || c >= 0xE0100 && c <= 0xE01EF;
  }

  // T2S maps traditional characters to simplified ones (fold_table.go):
  // the export shards the pairs by code point (f/), and the engine loads
  // those of a query's characters before analysing it. The table is the
  // same for every export of this format, so pairs once added stay.
  var T2S = new Map();

  // addFold adds pairs, a string of traditional and simplified characters
  // in turn, to T2S.
  function addFold(pairs) {
    var cs = Array.from(pairs);
    for (var i = 0; i + 1 < cs.length; i += 2) T2S.set(cs[i].codePointAt(0), cs[i + 1].codePointAt(0));
  }

  // fold is the character filter: code points of the folded text.
  function fold(s) {
    var out = [];
    for (var i = 0; i < s.length; i++) {
      var c = s.codePointAt(i);
      if (c > 0xFFFF) i++;
      if (c < 0x80) out.push(c);
      else if (c >= 0xFF01 && c <= 0xFF5E) out.push(c - 0xFEE0);
      else if (isHan(c)) out.push(T2S.get(c) || c);
      else if (!ignorable(c)) out.push(32);
    }
    return out;
  }

  // Word-break classes of the folded alphabet (Unicode 8, UAX #29).
  var L = 1, N = 2, E = 3, ML = 4, MN = 5, MNL = 6, SQ = 7, H = 8;

  function cls(c) {
    if (c >= 97 && c <= 122 || c >= 65 && c <= 90) return L;
    if (c >= 48 && c <= 57) return N;
    switch (c) {
      case 95: return E;          // _
      case 58: return ML;         // :
      case 44: case 59: return MN; // , ;
      case 46: return MNL;        // .
      case 39: return SQ;         // '
    }
    return c > 0x7F ? H : 0;
  }

  function str(cps, i, j) {
    var s = "";
    for (; i < j; i++) s += String.fromCodePoint(cps[i] >= 65 && cps[i] <= 90 ? cps[i] + 32 : cps[i]);
    return s;
  }

  // tokenize is bleve's unicode tokenizer then to_lower on folded text:
  // a Han character is a word; letters, digits and _ join into a word,
  // across a mid-letter (: . ') between letters or a mid-number (, ; . ')
  // between digits. Offsets count code points.
  function tokenize(cps) {
    var out = [], n = cps.length, i = 0;
    while (i < n) {
      var c = cls(cps[i]);
      if (c === H) {
        out.push({ t: String.fromCodePoint(cps[i]), s: i, e: i + 1, h: 1 });
        i++;
      } else if (c === L || c === N || c === E) {
        var j = i + 1;
        for (; j < n; j++) {
          var d = cls(cps[j]);
          if (d === L || d === N || d === E) continue;
          if (j + 1 < n) {
            var p = cls(cps[j - 1]), q = cls(cps[j + 1]);
            if (p === L && q === L && (d === ML || d === MNL || d === SQ) ||
                p === N && q === N && (d === MN || d === MNL || d === SQ)) { j++; continue; }
          }
          break;
        }
        out.push({ t: str(cps, i, j), s: i, e: j, h: 0 });
        i = j;
      } else i++;
    }
    return out;
  }

  var SEP = 0x1E;

  // analyze returns the tokens [{t: term, p: position, e: edge}] of the
  // bigram analyzer (or with uni the unigram one) (analysis.go): positions
  // count kept tokens, plus one after a value separator; a Han run becomes
  // its first character (an edge), its pairs, its last character (an edge).
  function analyze(s, uni) {
    var cps = fold(s), toks = tokenize(cps), shift = 0, out = [], i, j, k;
    for (i = 0; i < toks.length; i++) {
      var t = toks[i], p = toks[i - 1];
      if (i > 0 && t.s > p.e && cps.slice(p.e, t.s).indexOf(SEP) >= 0) shift++;
      t.p = i + 1 + shift;
    }
    for (i = 0; i < toks.length; i = j) {
      j = i + 1;
      if (toks[i].h && !uni) while (j < toks.length && toks[j].h && toks[j].s === toks[j - 1].e) j++;
      if (j === i + 1) { out.push({ t: toks[i].t, p: toks[i].p, e: false }); continue; }
      out.push({ t: toks[i].t, p: toks[i].p, e: true });
      for (k = i; k + 1 < j; k++) out.push({ t: toks[k].t + toks[k + 1].t, p: toks[k].p, e: false });
      out.push({ t: toks[j - 1].t, p: toks[j - 1].p, e: true });
    }
    return out;
  }

  // queryTokens analyses a query text: the bigram analysis without edges.
  function queryTokens(s) {
    return analyze(s, false).filter(function (t) { return !t.e; });
  }

  // key is what two texts share if they are the same query: their terms
  // at their positions.
  function key(s) {
    return queryTokens(s).map(function (t) { return t.t + "\u0001" + t.p; }).join("\u0002");
  }

  return { isHan: isHan, addFold: addFold, fold: fold, analyze: analyze, queryTokens: queryTokens, key: key };
})();
if (typeof module === "object") module.exports = analysis;
