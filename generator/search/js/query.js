/* query.js: a query's text to a plan, as query.go does.
 *
 * White space separates clauses, "quotes" make a phrase one clause and
 * -clause excludes; each clause becomes a word with its alternatives:
 * itself, and the other terms of a synonym group, the department a
 * clause names, or a built-in group of everyday words (the thesaurus). Each alternative is the terms of its
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

  // Thesaurus holds the editor's synonym groups (official term first),
  // the departments ({id, name, aliases}: a clause equal to a name or an
  // alias adds the name and the department's records) and the built-in
  // groups and situations of everyday words (weaker: weight bw, after the
  // editor's, in the needs reading only); the words and filler the needs
  // reading knows (needs.js), as spoken: with those, the names and words
  // of the life events (events, the manifest's ev, by their keys k).
  function Thesaurus(synonyms, departments, events, bw) {
    var self = this;
    this.entries = [];
    this.builtin = []; // the built-in entries added so far, by number (addWords)
    this.loaded = new Set();
    this.calls = new Map(); // a word's key → the numbers of the built-in entries it calls up
    this.words = new Set();
    this.filler = new Set();
    this.mute = new Set(); // the filler no record's name sounds like (muteFillers in reading.go)
    this.longest = 0;
    this.unsaid = []; // [text, set] that know has not spoken yet (vocab)
    this.added = new Set(); // the lists of words addWords has added
    this.bw = bw;
    // the editor's entries read their terms from g/<their index> (groupFiles in export.go)
    synonyms.forEach(function (g) { self.entries.push(self.entry(g, g, g[0], "", "g/" + self.entries.length)); });
    // depts: each department with its name and aliases of two or more
    // characters as spoken, after a space (deptKeys in search.go)
    this.depts = departments.map(function (d) {
      var names = [d.name].concat(d.aliases), k = [], f = "g/" + self.entries.length;
      self.entries.push(self.entry(names, [d.name], d.name, d.id, f));
      names.forEach(function (t) {
        var s = spoken(t);
        if (s.split(" ").length > 2 && k.indexOf(" " + s) < 0) k.push(" " + s);
      });
      return { id: d.id, name: d.name, k: k, f: f };
    });
    events.forEach(function (e) {
      e.k = e.k.map(function (t) { t = spoken(t); self.knowSaid(t, self.words); return " " + t; });
    });
  }

  // addWords adds built-in words ws, which only the needs reading uses:
  // each [text, 1 if filler (2 if mute), the numbers of the entries it calls up…], as
  // the term shards and the manifest carry them (export_words.go); the
  // entries come with addEntry. Entries are numbered situations first,
  // then groups (newThesaurus): a situation's saying calls up the
  // services it means (not back), before other words for the saying;
  // each entry reads its words and terms from e/<its number>
  // (builtinFiles in export.go).
  Thesaurus.prototype.addWords = function (ws) {
    var self = this;
    if (this.added.has(ws)) return; // the same list of a shard, asked for again
    this.added.add(ws);
    ws.forEach(function (w) {
      if (w[1]) self.know(w[0], self.filler);
      if (w[1] > 1) self.know(w[0], self.mute);
      if (w.length < 3) return;
      self.know(w[0], self.words);
      var k = key(w[0]), ns = self.calls.get(k) || [];
      for (var i = 2; i < w.length; i++) if (ns.indexOf(w[i]) < 0) ns.push(w[i]);
      self.calls.set(k, ns);
    });
  };

  // missing lists the numbers of the built-in entries that texts call up
  // and that are not added yet.
  Thesaurus.prototype.missing = function (texts) {
    var self = this, out = [];
    texts.forEach(function (t) {
      (self.calls.get(key(t)) || []).forEach(function (n) {
        if (!self.loaded.has(n) && out.indexOf(n) < 0) out.push(n);
      });
    });
    return out;
  };

  // addEntry adds built-in entry n, e: [what calls it up, the terms it
  // adds], the second left out (a group's) when they are the same
  // (export_words.go builtinEntry), keeping the entries in their order.
  Thesaurus.prototype.addEntry = function (n, e) {
    if (this.loaded.has(n)) return;
    this.loaded.add(n);
    var terms = e[1] || e[0], en = this.entry(e[0], terms, terms[0], "", "e/" + n);
    en.n = n;
    this.builtin.push(en);
    this.builtin.sort(function (a, b) { return a.n - b.n; });
  };

  Thesaurus.prototype.entry = function (triggers, terms, official, dept, file) {
    var self = this;
    triggers.forEach(function (t) { self.know(t, self.words); });
    return { triggers: new Set(triggers.map(key)), terms: terms, official: official, dept: dept, file: file || "" };
  };

  // filesOf lists the files of the editor's entries that text calls up.
  Thesaurus.prototype.filesOf = function (text) {
    var k = key(text);
    return this.entries.filter(function (e) { return e.triggers.has(k); }).map(function (e) { return e.file; });
  };

  // know adds t, as spoken, to set, and keeps longest, once vocab is
  // called: only the needs reading reads words, filler and longest, and
  // speaking every word of the thesaurus took a phone's CPU some 20 ms
  // before the first request of every query.
  Thesaurus.prototype.know = function (t, set) { this.unsaid.push([t, set]); };

  // vocab makes words, filler and longest complete, and returns the
  // thesaurus.
  Thesaurus.prototype.vocab = function () {
    var self = this;
    this.unsaid.forEach(function (x) { self.knowSaid(spoken(x[0]), x[1]); });
    this.unsaid = [];
    return this;
  };

  // knowSaid adds s, a text as spoken (one space after each term), to set.
  Thesaurus.prototype.knowSaid = function (s, set) {
    var n = s.split(" ").length - 1;
    if (n) { set.add(s); this.longest = Math.max(this.longest, n); }
  };

  // expand returns the alternatives of text (itself first, at most
  // maxAlts) and the official term it stands for ("" if none or itself).
  Thesaurus.prototype.expand = function (text, maxAlts, builtin) {
    var k = key(text), alts = [newAlt(text, 1)], seen = new Set([altKey(alts[0])]), official = "";
    function add(es, weight) {
      es.forEach(function (e) {
        if (!e.triggers.has(k)) return;
        if (official === "") official = e.official;
        // the clause is one of e's words: its terms are in e's file too
        if (!alts[0].file) alts[0].file = e.file;
        var more = e.terms.map(function (t) { return newAlt(t, weight); });
        if (e.dept) more.push({ text: e.official, dept: true, uni: false, terms: [e.dept], w: 1 });
        more.forEach(function (a) {
          a.file = e.file;
          var ak = altKey(a);
          if (!seen.has(ak) && alts.length < maxAlts) { seen.add(ak); alts.push(a); }
        });
      });
    }
    add(this.entries, 1);
    if (builtin) add(this.builtin, this.bw);
    if (official !== "" && key(official) === k) official = "";
    return { alts: alts, official: official };
  };

  // altKey tells alternatives apart: a text by its analysis, a department
  // by its id.
  function altKey(a) { return a.dept ? "\u0000" + a.terms[0] : key(a.text); }

  // newAlt is the alternative s of weight w: {text, uni (one Han
  // character: the u fields), terms, w}.
  function newAlt(s, w) {
    var toks = queryTokens(s), a = { text: s, uni: false, terms: [], w: w };
    if (!toks.length) return a;
    var cs = Array.from(toks[0].t);
    a.uni = toks.length === 1 && cs.length === 1 && analysis.isHan(cs[0].codePointAt(0));
    var first = toks[0].p;
    a.terms = new Array(toks[toks.length - 1].p - first + 1).fill("");
    toks.forEach(function (t) { a.terms[t.p - first] = t.t; });
    return a;
  }

  // spoken is s as its unigram terms, each followed by a space (spoken
  // in search.go).
  function spoken(s) {
    return analysis.analyze(s, true).map(function (t) { return t.t + " "; }).join("");
  }

  // plan reads q as {must: words, not: words}, each word {text, not,
  // official, alts}; lim is the manifest's limits {clauses, alts}.
  function plan(q, thes, lim) {
    var p = { must: [], not: [] };
    parseQuery(q, lim.clauses).forEach(function (c) {
      var x = thes.expand(c.text, lim.alts);
      var w = { text: c.text, not: c.not, official: x.official, alts: x.alts };
      (c.not ? p.not : p.must).push(w);
    });
    return p;
  }

  // said is the clauses of p that must match as one text: a space, then
  // their unigram terms, each followed by a space (spoken and eventsOf
  // in search.go), for finding the life events a query names.
  function said(p) {
    return " " + p.must.map(function (w) { return spoken(w.text); }).join("");
  }

  return { MAX_QUERY: MAX_QUERY, Thesaurus: Thesaurus, newAlt: newAlt, altKey: altKey, plan: plan, said: said, spoken: spoken };
})(typeof module === "object" ? require("./analysis.js") : analysis);
if (typeof module === "object") module.exports = query;
