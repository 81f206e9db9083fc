/* boot.js: the search page's head start, the code manifest.js begins
 * with (Export joins codes.js and this file: bootFiles).
 *
 * On a phone network the page's last file to arrive is the engine
 * (search.js), the largest; the manifest, half its size, comes earlier.
 * The search page loads manifest.js as an async script, so that it runs
 * as soon as it arrives: if the engine is not there yet, install defines
 * a stand-in window.JZSearch that keeps what the index's files register,
 * and once the manifest registers, asks for the files the engine's first
 * wave asks for the query in the page's address (?q=): the records when
 * they are one d file, the g/ file of a clause that is an editor's word,
 * else the term shards of the clause's terms, and for a word of letters
 * the syllables (s.js). The engine takes over what the stand-in holds and
 * waits for what it asked for (start.js, Loader.adopt).
 *
 * Its bytes count in every first search, so it reads only plain clauses
 * (Han characters without fold pairs, letters and digits) with its own
 * few lines, not the engine's analysis. It leaves the rest (quotes,
 * symbols, traditional characters, which the engine analyses after their
 * fold pairs) to the engine, and so names only files the engine asks for
 * (TestBoot).
 */
var boot = (function (codes) {
  "use strict";

  // PLAIN is a plain clause, possibly excluded (-): Han characters of the
  // basic block and extension A (analysis.js isHan), letters, digits.
  var PLAIN = /^[-\uFF0D]?([\u3400-\u4DB5\u4E00-\u9FD5A-Za-z0-9\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]+)$/;
  var HAN = /[\u3400-\u4DB5\u4E00-\u9FD5]/, ALNUM = /[a-z0-9]/;
  // SPACE separates clauses (query.js isSpace); QUOTE makes one of
  // several words
  var SPACE = /[\t-\r \x85\xA0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]+/, QUOTE = /["\u201C\u201D\uFF02]/;

  // terms is what the engine's analysis makes of a plain text, joined by
  // spaces (analysis.js queryTokens): each run of Han characters its
  // pairs, or its one character; each run of letters and digits,
  // lower-cased, one term. Any other character ends a run.
  function terms(text) {
    var cs = Array.from(text.replace(/[\uFF10-\uFF5A]/g, function (c) {
      return String.fromCharCode(c.charCodeAt(0) - 0xFEE0);
    }).toLowerCase());
    var out = [], kind = function (c) { return HAN.test(c) ? 1 : ALNUM.test(c) ? 2 : 0; };
    for (var i = 0, j; i < cs.length; i = j) {
      var k = kind(cs[i]);
      for (j = i + 1; k && j < cs.length && kind(cs[j]) === k; j++);
      if (k === 2 || k === 1 && j - i === 1) out.push(cs.slice(i, j).join(""));
      else if (k === 1) for (var n = i; n + 1 < j; n++) out.push(cs[n] + cs[n + 1]);
    }
    return out.join(" ");
  }

  // files lists the files (names under the index folder, without .js)
  // that the engine's first wave asks for the query q under manifest m.
  function files(m, q) {
    var out = [], fold = codes.folded(m);
    function add(f) { if (out.indexOf(f) < 0) out.push(f); }
    if (m.n > 0 && m.db >= m.n && /\S/.test(q)) add("d/0"); // engine.js search
    // query.js parseQuery, but a query of quotes or only exclusions is the
    // engine's
    var cs = Array.from(q).slice(0, 128).join("").split(SPACE).filter(Boolean).slice(0, m.lim[0]);
    if (QUOTE.test(q) || cs.every(function (c) { return /^[-\uFF0D]./.test(c); })) return out;
    // the words that call up an editor's entry, each with the g/ file's
    // number (query.js Thesaurus: the synonym groups, then the
    // departments)
    var words = [];
    m.syn.concat(m.dep.map(function (d) { return [d.name].concat(d.aliases); })).forEach(function (ws, i) {
      ws.forEach(function (w) { words.push([w, i]); });
    });
    cs.forEach(function (c) {
      var p = PLAIN.exec(c);
      if (!p || Array.from(p[1]).some(function (ch) { return fold.has(ch.codePointAt(0)); })) return;
      // a word that analyses as the clause does holds its Han characters
      // as they are: the others need no analysis, which held up every
      // search page's first request (at 10,000 records 3.4 → 2.1 ms cold
      // in node)
      var ts = terms(p[1]), han = HAN.exec(p[1]), g = [], unsure = false;
      words.forEach(function (w) {
        if (han && w[0].indexOf(han[0]) < 0 || terms(w[0]) !== ts) return;
        if (PLAIN.test(w[0])) g.push("g/" + w[1]); else unsure = true;
      });
      if (unsure) return;
      if (g.length) g.forEach(add);
      else ts.split(" ").forEach(function (t) { add(codes.shardOf(m, t)); });
      // a word of letters and digits is read as pinyin at once, by the
      // syllables (reading.js needs)
      if (c === p[1] && /^[a-z0-9 ]+$/.test(ts)) add("s");
    });
    return out;
  }

  // install makes window.JZSearch the stand-in, on a page whose engine
  // has not started, so that what registers is kept; script is the
  // manifest's element (without it, it asks for nothing). What it asked for
  // is in early.asked, each file's script element until it fails.
  function install(window, script) {
    if (window.JZSearch) return;
    var early = { loaded: {}, asked: {}, dir: "" }, document = window.document;
    window.JZSearch = {
      early: early,
      register: function (name, data) {
        early.loaded[name] = data;
        if (name === "manifest" && script) ask(data);
      }
    };
    function ask(m) {
      early.dir = script.src.replace(/[^\/]*$/, m.h + "/");
      files(m, new URLSearchParams(window.location.search).get("q") || "").forEach(function (name) {
        var s = early.asked[name] = document.createElement("script");
        s.src = early.dir + name + ".js";
        s.async = true;
        s.onerror = function () { delete early.asked[name]; };
        document.head.appendChild(s);
      });
    }
  }

  return { files: files, install: install };
})(typeof module === "object" ? require("./codes.js") : codes);
if (typeof module === "object") module.exports = boot;
if (typeof module !== "object" && typeof document === "object") boot.install(window, document.currentScript);
