/* search.js: the offline search of the catalog site.
 *
 * It reads the static export written by generator/search (package doc:
 * files, shards, format version) and answers queries as bleve does at
 * build time: same analysis, same query tree, same tf-idf arithmetic, so
 * that the ids, their order and their scores agree (TestParity).
 *
 * One classic script with no dependencies, for file:// and a strict CSP:
 * no modules, no eval, no inline styles. Index files are scripts too; each
 * calls JZSearch.register(name, data). Text from the catalog only ever
 * reaches the page through textContent.
 */
(function (global) {
  "use strict";

  var FORMAT = 2; // must equal search.FormatVersion in export.go

  var JZ = global.JZSearch || (global.JZSearch = {});

  // ---- loading shards -------------------------------------------------

  var loaded = Object.create(null);
  var waiting = Object.create(null);

  JZ.register = function (name, data) {
    loaded[name] = data;
    if (waiting[name]) waiting[name].resolve(data);
  };

  // reset forgets every loaded shard (for tests measuring a cold start).
  JZ.reset = function () {
    loaded = Object.create(null);
    waiting = Object.create(null);
    T2S = new Map();
  };

  // loadScript(src, done) injects a script element; tests replace it.
  JZ.loadScript = JZ.loadScript || function (src, done) {
    var s = document.createElement("script");
    s.src = src;
    s.async = true;
    s.onload = function () { s.remove(); done(null); };
    s.onerror = function () { s.remove(); done(new Error("cannot load " + src)); };
    document.head.appendChild(s);
  };

  function load(base, name) {
    if (name in loaded) return Promise.resolve(loaded[name]);
    var w = waiting[name];
    if (!w) {
      w = waiting[name] = {};
      w.promise = new Promise(function (resolve, reject) { w.resolve = resolve; w.reject = reject; });
      JZ.loadScript(base + name + ".js", function (err) {
        if (!err && !(name in loaded)) err = new Error(name + ".js did not register");
        if (err) { delete waiting[name]; w.reject(err); }
      });
    }
    return w.promise;
  }

  // ---- analysis (analysis.go) ----------------------------------------

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
  // those of a query's characters before analysing it (Index.folds).
  var T2S = new Map();

  // addFold adds pairs, a string of traditional and simplified characters
  // in turn, to T2S.
  JZ.addFold = function (pairs) {
    var cs = Array.from(pairs);
    for (var i = 0; i + 1 < cs.length; i += 2) T2S.set(cs[i].codePointAt(0), cs[i + 1].codePointAt(0));
  };

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

  function key(s) {
    return queryTokens(s).map(function (t) { return t.t + "\u0001" + t.p; }).join("\u0002");
  }

  // ---- queries (query.go) ---------------------------------------------

  function isSpace(c) {
    return c >= 9 && c <= 13 || c === 32 || c === 0x85 || c === 0xA0 || c === 0x1680 ||
      c >= 0x2000 && c <= 0x200A || c === 0x2028 || c === 0x2029 || c === 0x202F || c === 0x205F || c === 0x3000;
  }
  function isQuote(c) { return c === 34 || c === 0x201C || c === 0x201D || c === 0xFF02; }

  var MAX_QUERY = 128; // code points; maxQueryRunes in query.go

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

  function Thesaurus(m) {
    var entries = this.entries = [];
    m.syn.forEach(function (g) {
      entries.push({ triggers: new Set(g.map(key)), terms: g, official: g[0] });
    });
    m.dep.forEach(function (d) {
      entries.push({ triggers: new Set(d[2].map(key)), terms: [d[1]], official: d[1] });
    });
  }

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

  function newAlt(s) {
    var toks = queryTokens(s), a = { text: s, uni: false, terms: [] };
    if (!toks.length) return a;
    var cs = Array.from(toks[0].t);
    a.uni = toks.length === 1 && cs.length === 1 && isHan(cs[0].codePointAt(0));
    var first = toks[0].p;
    a.terms = new Array(toks[toks.length - 1].p - first + 1).fill("");
    toks.forEach(function (t) { a.terms[t.p - first] = t.t; });
    return a;
  }

  // ---- readings (reading.go, pinyin.go) ----------------------------

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
    var out = [], toks = queryTokens(text);
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
    var toks = queryTokens(text);
    return toks.length > 0 && toks.every(function (t) { return /^[\x00-\x7f]+$/.test(t.t); });
  }

  // hanOf lists the code points of a word's characters (unigram tokens),
  // or null if it is not two or more Han characters.
  function hanOf(text) {
    var toks = analyze(text, true), out = [];
    if (toks.length < 2) return null;
    for (var i = 0; i < toks.length; i++) {
      var cs = Array.from(toks[i].t), c = cs[0].codePointAt(0);
      if (cs.length !== 1 || !isHan(c)) return null;
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

  JZ.analyze = analyze; // for the tests
  JZ.fold = function (s) { return String.fromCodePoint.apply(null, fold(s)); };

  // ---- the index ------------------------------------------------------

  var DIGIT = new Int8Array(128).fill(-1), MORE = new Int8Array(128).fill(-1);
  "0123456789abcdefghijklmnopqrstuv".split("").forEach(function (ch, i) { DIGIT[ch.charCodeAt(0)] = i; });
  "ABCDEFGHIJKLMNOPQRSTUVWXYZwxyz-_".split("").forEach(function (ch, i) { MORE[ch.charCodeAt(0)] = i; });

  // decode reads a postings string (postings.go encodePostings) into
  // arrays: doc, field length, frequency, and the offset of its positions
  // (which the unigram fields, noPos, do not have).
  function decode(s, noPos) {
    var nums = [], acc = 0;
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i), d = DIGIT[c];
      if (d >= 0) { nums.push(acc * 32 + d); acc = 0; } else acc = acc * 32 + MORE[c];
    }
    var pl = { doc: [], len: [], tf: [], off: [], pos: [] }, doc = 0;
    for (var j = 0; j < nums.length;) {
      doc += nums[j++];
      pl.doc.push(doc);
      pl.len.push(nums[j++]);
      var tf = nums[j++], p = 0;
      pl.tf.push(tf);
      pl.off.push(pl.pos.length);
      for (var k = 0; k < tf && !noPos; k++) { p += nums[j++]; pl.pos.push(p); }
    }
    return pl;
  }

  function hex(n) { return n.toString(16); }

  function termHash(term) {
    var h = 2166136261;
    for (var i = 0; i < term.length; i++) {
      var c = term.codePointAt(i);
      if (c > 0xFFFF) i++;
      h = Math.imul(h ^ c, 16777619) >>> 0;
    }
    return h;
  }

  function Index(base, m) {
    if (!m || m.v !== FORMAT) {
      throw new Error("search index format " + (m && m.v) + " is not the format " + FORMAT + " this search.js reads");
    }
    this.base = base;
    this.m = m;
    this.thes = new Thesaurus(m);
    this.lim = { clauses: m.lim[0], alts: m.lim[1], disj: m.lim[2] };
    this.runStart = [];
    var at = 0;
    for (var i = 0; i < m.runs.length; i++) { this.runStart.push(at); at += m.runs[i][3]; }
    this.decoded = new Map();
    this.folded = new Set();
  }

  // facets returns [kind, dept, status, run] indexes of document d.
  Index.prototype.facets = function (d) {
    var lo = 0, hi = this.runStart.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (this.runStart[mid] <= d) lo = mid; else hi = mid - 1;
    }
    var r = this.m.runs[lo];
    return [r[0], r[1], r[2], lo];
  };

  Index.prototype.shard = function (term) {
    return load(this.base, "t/" + hex(termHash(term) & (this.m.tb - 1)));
  };

  // id is document d's record id, from the id files (small: ties need
  // only ids).
  Index.prototype.id = function (d) {
    var ib = this.m.ib;
    return load(this.base, "i/" + Math.floor(d / ib)).then(function (ids) { return ids[d % ib]; });
  };

  // record is document d as results show it: [id, name, now, excerpt].
  Index.prototype.record = function (d) {
    var db = this.m.db;
    return Promise.all([this.id(d), load(this.base, "d/" + Math.floor(d / db))]).then(function (x) {
      var doc = x[1][d % db];
      return [x[0], doc[0], doc[1], doc[2]];
    });
  };

  JZ.open = function (base) {
    return load(base, "manifest").then(function (m) { return new Index(base, m); });
  };

  // ---- evaluation (bquery.go, and bleve's searchers) -----------------
  //
  // A query is a tree of nodes: leaf (a term in a field), phrase (leaves
  // at fixed offsets in one field), or, and. As in bleve, the children of
  // each node are ordered by count (document frequencies summed), scores
  // are summed in that order, a disjunction multiplies its sum by the
  // share of children that matched (coord), and every leaf is weighted by
  // boost × idf × queryNorm, queryNorm being 1/√(Σ (boost × idf)²) over the
  // whole tree. A node evaluates to {d: documents ascending, s: scores}.

  function byCount(kids) {
    return kids.map(function (k, i) { return [k, i]; })
      .sort(function (a, b) { return a[0].count - b[0].count || a[1] - b[1]; })
      .map(function (x) { return x[0]; });
  }

  function node(k, kids) {
    kids = byCount(kids);
    var count = 0, weight = 0;
    kids.forEach(function (c) { count += c.count; weight += c.weight; });
    return { k: k, kids: kids, count: count, weight: weight };
  }

  Index.prototype.plist = function (cacheKey, s, f) {
    var pl = this.decoded.get(cacheKey);
    if (!pl) { pl = decode(s, this.m.f[f][2] === 1); this.decoded.set(cacheKey, pl); }
    return pl;
  };

  Index.prototype.leaf = function (term, f) {
    var self = this;
    return this.shard(term).then(function (sh) {
      var e = (sh.t[term] || [])[f] || 0, df = 0;
      if (typeof e === "string") df = self.plist(term + "\u0000" + f, e, f).doc.length;
      else if (e) df = e[0];
      var boost = self.m.f[f][1], idf = df ? sh.idf[df] : self.m.idf0, w = boost * idf;
      return { k: "leaf", term: term, f: f, e: e, boost: boost, idf: idf, count: df, weight: w * w };
    });
  };

  // altNode is altQuery: the alternative in each field of its family.
  Index.prototype.altNode = function (a) {
    var self = this, fs = a.py ? [6] : a.uni ? [3, 4, 5] : [0, 1, 2];
    return Promise.all(fs.map(function (f) {
      if (a.terms.length === 1) return self.leaf(a.terms[0], f);
      var slots = [];
      a.terms.forEach(function (t, i) { if (t) slots.push(i); });
      return Promise.all(slots.map(function (i) { return self.leaf(a.terms[i], f); })).then(function (ls) {
        ls.forEach(function (l, j) { l.slot = slots[j]; });
        var n = node("phrase", ls);
        n.leaves = n.kids;
        return n;
      });
    })).then(function (kids) { return node("or", kids); });
  };

  Index.prototype.wordNode = function (w) {
    var self = this;
    var alts = w.alts.filter(function (a) { return a.terms.length; });
    return Promise.all(alts.map(function (a) { return self.altNode(a); })).then(function (kids) {
      return kids.length === 1 ? kids[0] : node("or", kids);
    });
  };

  // disj nests disjunctions of more than lim children (bquery.go disj).
  Index.prototype.disj = function (kids) {
    var lim = this.lim.disj;
    while (kids.length > lim) {
      var groups = [];
      for (var i = 0; i < kids.length; i += lim) groups.push(node("or", kids.slice(i, i + lim)));
      kids = groups;
    }
    return node("or", kids);
  };

  Index.prototype.plan = function (q) {
    var self = this, p = { must: [], not: [] };
    parseQuery(q, this.lim.clauses).forEach(function (c) {
      var x = self.thes.expand(c.text, self.lim.alts);
      var w = { text: c.text, not: c.not, official: x.official, alts: x.alts.map(newAlt) };
      (c.not ? p.not : p.must).push(w);
    });
    return p;
  };

  // spoken loads what reading a query needs: the syllables and the
  // thesaurus's terms with their readings (s), and the first reading of
  // each character of its Han words (r/), as a map.
  Index.prototype.spoken = function (p) {
    var self = this, want = new Set(), latin = false;
    p.must.forEach(function (w) {
      if (isLatin(w.text)) latin = true;
      (hanOf(w.text) || []).forEach(function (c) { want.add(hex(c & (self.m.rb - 1))); });
    });
    var files = Array.from(want, function (b) { return load(self.base, "r/" + b); });
    return Promise.all([latin ? load(this.base, "s") : null].concat(files)).then(function (x) {
      var rd = new Map();
      x.slice(1).forEach(function (str) {
        var m, re = /([^a-z])([a-z]+)/gu;
        while ((m = re.exec(str))) rd.set(m[1].codePointAt(0), m[2]);
      });
      if (x[0] && !self.syl) {
        self.syl = new Set(x[0].s.split(" "));
        self.spokenTerms = x[0].k;
      }
      return rd;
    });
  };

  // readingPlan is reading.go readingPlan: {plan, how}.
  Index.prototype.readingPlan = function (p) {
    var self = this, lim = this.lim.alts;
    return this.spoken(p).then(function (rd) {
      var syl = self.syl || new Set(), must = p.must;
      if (must.length > 1 && must.every(function (w) { return pinyinTerms(w.text, syl); })) {
        var text = must.map(function (w) { return w.text; }).join(" ");
        must = [{ text: text, not: false, official: "", alts: [newAlt(text)] }];
      }
      var how = "", rp = { must: [], not: p.not };
      must.forEach(function (w) {
        var kind = "pinyin", terms = pinyinTerms(w.text, syl);
        if (!terms) {
          kind = "homophone";
          var cs = hanOf(w.text);
          terms = cs && cs.map(function (c) { return rd.get(c) || ""; });
          if (terms && terms.indexOf("") >= 0) terms = null;
        }
        if (terms) {
          if (!how) how = kind;
          var alts = w.alts.slice(0, lim - 1);
          alts.push({ text: w.text, uni: false, py: true, terms: terms });
          if (kind === "pinyin") alts = self.spokenAlts(alts, terms);
          w = { text: w.text, not: w.not, official: w.official, alts: alts };
        }
        rp.must.push(w);
      });
      return { plan: rp, how: how };
    });
  };

  Index.prototype.spokenAlts = function (alts, segs) {
    var self = this, lim = this.lim.alts, seen = new Set();
    alts.forEach(function (a) { if (!a.py) seen.add(key(a.text)); });
    (this.spokenTerms || []).forEach(function (st) {
      if (!readsAs(segs, st[1])) return;
      self.thes.expand(st[0], lim).alts.forEach(function (t) {
        var k = key(t);
        if (!seen.has(k) && alts.length < lim) { seen.add(k); alts.push(newAlt(t)); }
      });
    });
    return alts;
  };

  Index.prototype.fallbackNode = function (p) {
    var self = this, seen = new Set(), alts = [];
    p.must.forEach(function (w) {
      w.alts.forEach(function (a) {
        a.terms.forEach(function (t) {
          var k = (a.uni ? "u" : "n") + t;
          if (t && !seen.has(k)) { seen.add(k); alts.push({ uni: a.uni, terms: [t] }); }
        });
      });
    });
    return Promise.all(alts.map(function (a) { return self.altNode(a); })).then(function (kids) { return self.disj(kids); });
  };

  function setNorm(n, qn) {
    if (n.k === "leaf") n.qw = n.boost * n.idf * qn;
    else n.kids.forEach(function (c) { setNorm(c, qn); });
  }

  // plists returns the decoded postings of a leaf: all of them, or for a
  // cut-up list only the blocks that can hold a document of cand.
  Index.prototype.plists = function (l, cand) {
    var self = this, e = l.e;
    if (!e) return Promise.resolve([]);
    if (typeof e === "string") return Promise.resolve([this.plist(l.term + "\u0000" + l.f, e, l.f)]);
    var want = [];
    for (var i = 1; i < e.length; i += 2) {
      var lo = e[i], hi = i + 2 < e.length ? e[i + 2] : Infinity;
      if (!cand || anyIn(cand, lo, hi)) want.push(e[i + 1]);
    }
    return Promise.all(want.map(function (file) {
      return load(self.base, "p/" + file).then(function (s) { return self.plist("p/" + file, s, l.f); });
    }));
  };

  // anyIn reports whether the ascending list a has a value in [lo, hi).
  function anyIn(a, lo, hi) {
    var i = lowerBound(a, lo);
    return i < a.length && a[i] < hi;
  }

  function lowerBound(a, x) {
    var lo = 0, hi = a.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (a[mid] < x) lo = mid + 1; else hi = mid; }
    return lo;
  }

  // leafScore is TermQueryScorer.Score under tf-idf.
  function leafScore(l, pl, i) {
    var score = Math.sqrt(pl.tf[i]) * Math.fround(1 / Math.sqrt(pl.len[i])) * l.idf;
    return l.qw !== 1 ? score * l.qw : score;
  }

  // postingsIn lists the postings of a leaf for the documents of cand (all
  // if null), in document order: {d: documents, pl: plists, i: indexes}.
  Index.prototype.postingsIn = function (l, cand) {
    return this.plists(l, cand).then(function (pls) {
      var out = { d: [], pl: [], i: [] }, c = 0;
      pls.forEach(function (pl) {
        for (var i = 0; i < pl.doc.length; i++) {
          var d = pl.doc[i];
          if (cand) {
            while (c < cand.length && cand[c] < d) c++;
            if (c === cand.length) return;
            if (cand[c] !== d) continue;
          }
          out.d.push(d); out.pl.push(pl); out.i.push(i);
        }
      });
      return out;
    });
  };

  Index.prototype.evaluate = function (n, cand) {
    var self = this;
    if (n.k === "leaf") {
      return this.postingsIn(n, cand).then(function (p) {
        return { d: p.d, s: p.d.map(function (d, j) { return leafScore(n, p.pl[j], p.i[j]); }) };
      });
    }
    if (n.k === "phrase") return this.evalPhrase(n, cand);
    if (n.k === "or") {
      return Promise.all(n.kids.map(function (c) { return self.evaluate(c, cand); })).then(function (rs) {
        return merge(rs, n.kids.length);
      });
    }
    // and: each child narrows the candidates of the next
    var rs = [], chain = Promise.resolve(cand);
    n.kids.forEach(function (c) {
      chain = chain.then(function (cur) {
        return self.evaluate(c, cur).then(function (r) { rs.push(r); return r.d; });
      });
    });
    return chain.then(function () { return intersect(rs); });
  };

  // merge is the disjunction of rs: union, sum in child order, coord.
  function merge(rs, total) {
    var at = rs.map(function () { return 0; }), out = { d: [], s: [] };
    for (;;) {
      var min = Infinity;
      for (var i = 0; i < rs.length; i++) if (at[i] < rs[i].d.length && rs[i].d[at[i]] < min) min = rs[i].d[at[i]];
      if (min === Infinity) return out;
      var sum = 0, cnt = 0;
      for (i = 0; i < rs.length; i++) {
        if (at[i] < rs[i].d.length && rs[i].d[at[i]] === min) { sum += rs[i].s[at[i]]; cnt++; at[i]++; }
      }
      out.d.push(min);
      out.s.push(sum * (cnt / total));
    }
  }

  // intersect is the conjunction of rs (each a subset of the one before):
  // the documents of the last, scores summed in child order.
  function intersect(rs) {
    var last = rs[rs.length - 1], out = { d: last.d.slice(), s: [] };
    var at = rs.map(function () { return 0; });
    out.d.forEach(function (d) {
      var sum = 0;
      for (var i = 0; i < rs.length; i++) {
        while (rs[i].d[at[i]] < d) at[i]++;
        sum += rs[i].s[at[i]];
      }
      out.s.push(sum);
    });
    return out;
  }

  // evalPhrase is bleve's phrase searcher with slop 0: the leaves' terms
  // at start + slot for some start, in one field; scored as the
  // conjunction of its leaves. Each leaf narrows the candidates of the
  // next, so every list holds the documents of the last.
  Index.prototype.evalPhrase = function (n, cand) {
    var self = this, lists = [], chain = Promise.resolve(cand);
    n.leaves.forEach(function (l) {
      chain = chain.then(function (cur) {
        return self.postingsIn(l, cur).then(function (p) { lists.push(p); return p.d; });
      });
    });
    return chain.then(function (docs) {
      var r = { d: [], s: [] }, at = lists.map(function () { return 0; });
      docs.forEach(function (d) {
        lists.forEach(function (p, k) { while (p.d[at[k]] < d) at[k]++; });
        if (!phraseAt(n.leaves, lists, at)) return;
        var sum = 0;
        n.leaves.forEach(function (l, k) { sum += leafScore(l, lists[k].pl[at[k]], lists[k].i[at[k]]); });
        r.d.push(d);
        r.s.push(sum);
      });
      return r;
    });
  };

  // hasPos reports whether posting i of pl has position x.
  function hasPos(pl, i, x) {
    for (var j = pl.off[i], end = j + pl.tf[i]; j < end; j++) if (pl.pos[j] === x) return true;
    return false;
  }

  function phraseAt(leaves, lists, at) {
    var pl = lists[0].pl[at[0]], i = lists[0].i[at[0]];
    for (var j = pl.off[i], end = j + pl.tf[i]; j < end; j++) {
      var start = pl.pos[j] - leaves[0].slot, ok = true;
      for (var k = 1; k < leaves.length && ok; k++) {
        ok = hasPos(lists[k].pl[at[k]], lists[k].i[at[k]], start + leaves[k].slot);
      }
      if (ok) return true;
    }
    return false;
  }

  // run evaluates a query: its matches {d, s, via}, partial when only the
  // fallback matched, and the plan (for highlighting).
  // folds loads the fold pairs (f/) of the Han characters of q.
  Index.prototype.folds = function (q) {
    var self = this, want = new Set();
    Array.from(q.slice(0, 2 * MAX_QUERY), function (ch) {
      var c = ch.codePointAt(0);
      if (isHan(c)) want.add(hex(c & (self.m.fb - 1)));
    });
    return Promise.all(Array.from(want, function (b) {
      var name = "f/" + b;
      return load(self.base, name).then(function (pairs) {
        if (!self.folded.has(name)) { JZ.addFold(pairs); self.folded.add(name); }
      });
    }));
  };

  Index.prototype.run = function (q) {
    var self = this;
    return this.folds(q).then(function () { return self.runFolded(q); });
  };

  // runFolded answers q as search.go Search: the query as typed, then
  // read as pinyin (readingPlan), then the partial fallback.
  Index.prototype.runFolded = function (q) {
    var self = this, p = this.plan(q), nots = null, partial = false, reading = "";
    if (!p.must.length) return Promise.resolve({ d: [], s: [], via: [], partial: false, reading: "", plan: p });
    return Promise.all(p.must.map(function (w) { return self.wordNode(w); })).then(function (kids) {
      return Promise.all(p.not.map(function (w) { return self.wordNode(w); })).then(function (nk) {
        if (nk.length) nots = node("or", nk);
        return self.score(node("and", kids), nots);
      });
    }).then(function (r) {
      if (r.d.length) return r;
      return self.readingPlan(p).then(function (x) {
        if (!x.how) return r;
        return Promise.all(x.plan.must.map(function (w) { return self.wordNode(w); })).then(function (kids) {
          return self.score(node("and", kids), nots);
        }).then(function (r2) {
          if (r2.d.length) reading = x.how;
          return r2;
        });
      });
    }).then(function (r) {
      if (r.d.length) return r;
      partial = true;
      return self.fallbackNode(p).then(function (t) { return self.score(t, nots); });
    }).then(function (r) {
      r.partial = partial;
      r.reading = reading;
      r.plan = p;
      r.via = r.d.map(function () { return ""; });
      if (partial || reading) return r;
      return p.must.reduce(function (chain, w) {
        if (!w.official) return chain;
        return chain.then(function () { return self.altNode(w.alts[0]); }).then(function (a) {
          setNorm(a, 1);
          return self.evaluate(a, r.d);
        }).then(function (lit) {
          var in_ = new Set(lit.d);
          r.d.forEach(function (d, i) { if (!r.via[i] && !in_.has(d)) r.via[i] = w.official; });
        });
      }, Promise.resolve()).then(function () { return r; });
    });
  };

  Index.prototype.score = function (tree, nots) {
    var self = this;
    setNorm(tree, 1 / Math.sqrt(tree.weight));
    return this.evaluate(tree, null).then(function (r) {
      if (!nots || !r.d.length) return r;
      setNorm(nots, 1);
      return self.evaluate(nots, r.d).then(function (x) {
        var drop = new Set(x.d), out = { d: [], s: [] };
        r.d.forEach(function (d, i) { if (!drop.has(d)) { out.d.push(d); out.s.push(r.s[i]); } });
        return out;
      });
    });
  };

  // order returns the first k (all if k <= 0) of the matches r by score,
  // ties by id: [{doc, score, via}]. Document numbers follow ids only
  // within a facet run, so ties across runs read ids from the document
  // store, merging the runs.
  Index.prototype.order = function (r, k) {
    var self = this, items = r.d.map(function (d, i) { return { doc: d, score: r.s[i], via: r.via[i] }; });
    items.sort(function (a, b) { return b.score - a.score || a.doc - b.doc; });
    if (k <= 0 || k > items.length) k = items.length;
    var out = [], i = 0;
    function next() {
      if (out.length >= k || i >= items.length) return Promise.resolve(out);
      var j = i;
      while (j < items.length && items[j].score === items[i].score) j++;
      var group = items.slice(i, j);
      i = j;
      return self.byID(group, k - out.length).then(function (g) { out.push.apply(out, g); return next(); });
    }
    return next();
  };

  // byID returns the first need items of a group of equal scores by id.
  Index.prototype.byID = function (group, need) {
    var self = this, runs = new Map();
    group.forEach(function (it) {
      var run = self.facets(it.doc)[3];
      if (!runs.has(run)) runs.set(run, []);
      runs.get(run).push(it);
    });
    if (runs.size === 1) return Promise.resolve(group.slice(0, need));
    var lists = Array.from(runs.values()), at = lists.map(function () { return 0; }), out = [];
    need = Math.min(need, group.length);
    function step() {
      if (out.length >= need) return Promise.resolve(out);
      var heads = [];
      lists.forEach(function (l, x) { if (at[x] < l.length) heads.push(x); });
      return Promise.all(heads.map(function (x) { return self.id(lists[x][at[x]].doc); })).then(function (ids) {
        var best = 0;
        for (var h = 1; h < heads.length; h++) if (ids[h] < ids[best]) best = h;
        out.push(lists[heads[best]][at[heads[best]]++]);
        return step();
      });
    }
    return step();
  };

  // search answers q with the first k hits (all if k <= 0), each with its
  // stored fields: the engine's whole job, in one call.
  Index.prototype.search = function (q, k) {
    var self = this;
    return this.run(q).then(function (r) {
      return self.order(r, k).then(function (hits) {
        return Promise.all(hits.map(function (h) { return self.record(h.doc); })).then(function (docs) {
          hits.forEach(function (h, i) {
            var f = self.facets(h.doc);
            h.id = docs[i][0]; h.name = docs[i][1]; h.now = docs[i][2]; h.excerpt = docs[i][3];
            if (r.reading) h.via = h.name;
            h.kind = self.m.kinds[f[0]]; h.dept = f[1]; h.status = self.m.st[f[2]];
          });
          return { total: r.d.length, partial: r.partial, reading: r.reading, hits: hits, plan: r.plan, matches: r };
        });
      });
    });
  };

  // ---- the search page (the DOM contract of search/index.html) -------
  //
  // #search-app carries data-root (to the site root), data-index (to the
  // shard folder) and data-labels (every interface string, JSON). The UI
  // shows the app, runs ?q= on load, searches as the visitor types, keeps
  // the address in step, and offers filters by kind, department and
  // status. Everything from the catalog goes in as text.

  var PAGE = 10, DEBOUNCE = 150;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  function fill(template, key, value) {
    return String(template || "").split("{" + key + "}").join(value);
  }

  // norm maps each UTF-16 unit to a comparable one (full-width ASCII to
  // ASCII, upper to lower case) without changing lengths, for highlighting.
  function norm(s) {
    var out = "";
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i);
      if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0;
      if (c >= 65 && c <= 90) c += 32;
      out += String.fromCharCode(c);
    }
    return out;
  }

  // marked appends text to parent with every needle in <mark>.
  function marked(parent, text, needles) {
    var n = norm(text), hits = [];
    needles.forEach(function (x) {
      for (var at = n.indexOf(x); x && at >= 0; at = n.indexOf(x, at + 1)) hits.push([at, at + x.length]);
    });
    hits.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var pos = 0;
    hits.forEach(function (h) {
      if (h[1] <= pos) return;
      var from = Math.max(h[0], pos);
      if (from > pos) parent.appendChild(document.createTextNode(text.slice(pos, from)));
      parent.appendChild(el("mark", "", text.slice(from, h[1])));
      pos = h[1];
    });
    if (pos < text.length) parent.appendChild(document.createTextNode(text.slice(pos)));
    return parent;
  }

  function needlesOf(plan) {
    var out = [];
    plan.must.forEach(function (w) {
      w.alts.forEach(function (a) {
        norm(a.text).split(/[\s"\u201C\u201D\u3000]+/).forEach(function (x) { if (x) out.push(x); });
      });
    });
    return out;
  }

  var GROUPS = ["kind", "department", "status"];

  function UI(app) {
    this.app = app;
    this.labels = JSON.parse(app.getAttribute("data-labels") || "{}");
    this.root = app.getAttribute("data-root") || "";
    this.base = app.getAttribute("data-index") || "index/";
    this.form = document.getElementById("search-form");
    this.input = document.getElementById("search-q");
    this.status = document.getElementById("search-status");
    this.filters = document.getElementById("search-filters");
    this.results = document.getElementById("search-results");
    this.more = el("button", "search-more", this.labels.more || "\u2026");
    this.more.type = "button";
    this.more.hidden = true;
    this.results.parentNode.insertBefore(this.more, this.results.nextSibling);
    this.seq = 0;
    this.timer = 0;
    this.index = null;
    this.r = null;
    this.sel = {};
    this.limit = PAGE;
    app.hidden = false;
    var self = this;
    this.input.addEventListener("input", function () {
      clearTimeout(self.timer);
      self.timer = setTimeout(function () { self.search(self.input.value); }, DEBOUNCE);
    });
    if (this.form) {
      this.form.addEventListener("submit", function (e) {
        e.preventDefault();
        clearTimeout(self.timer);
        self.search(self.input.value);
      });
    }
    this.filters.addEventListener("change", function (e) { self.toggle(e.target); });
    // Arrow keys: down from the box to the first result, then between
    // results; up from the first result back to the box.
    var links = function () { return Array.prototype.slice.call(self.results.querySelectorAll("a.search-hit-name")); };
    this.input.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown" && links().length) { e.preventDefault(); links()[0].focus(); }
    });
    this.results.addEventListener("keydown", function (e) {
      if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
      var all = links(), i = all.indexOf(document.activeElement);
      if (i < 0) return;
      e.preventDefault();
      if (e.key === "ArrowDown" && i + 1 < all.length) all[i + 1].focus();
      else if (e.key === "ArrowUp") (i > 0 ? all[i - 1] : self.input).focus();
    });
    this.more.addEventListener("click", function () { self.limit += PAGE; self.render(); });
    var q = new URLSearchParams(location.search).get("q") || "";
    this.input.value = q;
    this.search(q);
  }

  UI.prototype.open = function () {
    if (!this.index) this.index = JZ.open(this.base);
    return this.index;
  };

  UI.prototype.remember = function (q) {
    try {
      var u = new URL(location.href);
      if (q) u.searchParams.set("q", q); else u.searchParams.delete("q");
      history.replaceState(history.state, "", u.search ? u.pathname + u.search + u.hash : u.pathname + u.hash);
    } catch (e) { /* file:// in some browsers: the address just stays */ }
  };

  UI.prototype.search = function (q) {
    var self = this, my = ++this.seq;
    this.remember(q.trim() ? q : "");
    this.sel = { kind: new Set(), department: new Set(), status: new Set() };
    this.limit = PAGE;
    if (!q.trim()) {
      this.r = null;
      this.results.textContent = "";
      this.filters.textContent = "";
      this.status.textContent = "";
      this.more.hidden = true;
      this.results.setAttribute("data-search-state", "done");
      return Promise.resolve();
    }
    this.results.setAttribute("data-search-state", "loading");
    this.status.textContent = this.labels.loading || "";
    return this.open().then(function (ix) {
      return ix.run(q).then(function (r) {
        if (my !== self.seq) return;
        self.ix = ix;
        self.r = r;
        self.q = q.trim();
        self.needles = needlesOf(r.plan);
        return self.render(my);
      });
    }).catch(function (err) {
      if (my !== self.seq) return;
      if (global.console) console.error("search:", err);
      self.r = null;
      self.results.textContent = "";
      self.filters.textContent = "";
      self.more.hidden = true;
      self.status.textContent = self.labels.error || String(err.message || err);
      self.results.setAttribute("data-search-state", "done");
    });
  };

  // facetsOf are a match's kind, department and status, by group name.
  UI.prototype.facetsOf = function (d) {
    var f = this.ix.facets(d), m = this.ix.m;
    return { kind: m.kinds[f[0]], department: m.dep[f[1]][0], status: m.st[f[2]] };
  };

  UI.prototype.passes = function (f, except) {
    var sel = this.sel;
    return GROUPS.every(function (g) { return g === except || !sel[g].size || sel[g].has(f[g]); });
  };

  UI.prototype.toggle = function (box) {
    var g = box.getAttribute("data-group"), v = box.getAttribute("data-value");
    if (!g) return;
    if (v === null) this.sel[g].clear();
    else if (box.checked) this.sel[g].add(v);
    else this.sel[g].delete(v);
    this.limit = PAGE;
    this.render(this.seq, g + "\u0000" + (v === null ? "" : v));
  };

  // render shows the current matches through the filters: counts, the
  // filter boxes, the first this.limit results.
  UI.prototype.render = function (my, focus) {
    var self = this, r = this.r, shown = { d: [], s: [], via: [] }, counts = {};
    my = my || this.seq;
    GROUPS.forEach(function (g) { counts[g] = new Map(); });
    this.results.setAttribute("data-search-state", "loading");
    r.d.forEach(function (d, i) {
      var f = self.facetsOf(d);
      GROUPS.forEach(function (g) {
        if (self.passes(f, g)) counts[g].set(f[g], (counts[g].get(f[g]) || 0) + 1);
      });
      if (self.passes(f, null)) { shown.d.push(d); shown.s.push(r.s[i]); shown.via.push(r.via[i]); }
    });
    this.renderFilters(counts, focus);
    return this.ix.order(shown, this.limit).then(function (hits) {
      return Promise.all(hits.map(function (h) { return self.ix.record(h.doc); })).then(function (docs) {
        if (my !== self.seq) return;
        self.results.textContent = "";
        hits.forEach(function (h, i) { self.results.appendChild(self.item(h, docs[i])); });
        self.more.hidden = shown.d.length <= hits.length;
        var n = shown.d.length, L = self.labels;
        var text = n ? fill(L.count, "n", String(n)) : L.none || "";
        self.status.textContent = r.partial && n ? (L.partial || "") + " " + text : text;
        self.results.setAttribute("data-search-state", "done");
      });
    });
  };

  UI.prototype.item = function (h, doc) {
    var L = this.labels, f = this.facetsOf(h.doc), m = this.ix.m, needles = this.needles;
    var li = el("li", "search-hit");
    li.setAttribute("data-record-id", doc[0]);
    var a = el("a", "search-hit-name");
    a.setAttribute("href", this.root + encodeURIComponent(f.kind) + "/" + encodeURIComponent(doc[0]) + "/index.html");
    li.appendChild(marked(a, doc[1], needles));
    var meta = el("p", "search-hit-meta");
    meta.appendChild(el("span", "search-hit-kind", (L.kind || {})[f.kind] || f.kind));
    meta.appendChild(document.createTextNode(" "));
    meta.appendChild(el("span", "badge badge-" + f.status, (L.status || {})[f.status] || f.status));
    meta.appendChild(document.createTextNode(" "));
    meta.appendChild(el("span", "search-hit-dept", m.dep[this.ix.facets(h.doc)[1]][1]));
    li.appendChild(meta);
    var read = this.r.reading, note = "";
    // Read as pinyin or as homophones: say so and name the record (the
    // labels pinyin and didyoumean; no line if the page lacks them).
    if (read === "pinyin" && L.pinyin) note = fill(fill(L.pinyin, "term", this.q), "name", doc[1]);
    else if (read === "homophone" && L.didyoumean) note = fill(L.didyoumean, "name", doc[1]);
    else if (!read && h.via) note = fill(L.synonym, "term", h.via);
    if (note) li.appendChild(el("p", "search-hit-via search-note", note));
    if (doc[2]) {
      var now = el("p", "search-hit-now");
      var nl = typeof L.now === "object" ? (L.now || {})[f.kind] : L.now;
      if (nl) { now.appendChild(el("span", "search-hit-now-label", nl)); now.appendChild(document.createTextNode(" ")); }
      li.appendChild(marked(now, doc[2], needles));
    }
    if (doc[3]) li.appendChild(marked(el("p", "search-hit-excerpt"), doc[3], needles));
    return li;
  };

  // renderFilters draws one fieldset of checkboxes per group: "all", then
  // each value with its count; focus names the box to keep focused.
  UI.prototype.renderFilters = function (counts, focus) {
    var self = this, L = this.labels, m = this.ix.m, restore = null;
    this.filters.textContent = "";
    GROUPS.forEach(function (g) {
      var values = Array.from(counts[g].keys());
      self.sel[g].forEach(function (v) { if (values.indexOf(v) < 0) values.push(v); });
      if (!values.length) return;
      var order = g === "kind" ? m.kinds : g === "status" ? m.st : m.dep.map(function (d) { return d[0]; });
      values.sort(function (a, b) { return order.indexOf(a) - order.indexOf(b); });
      var fs = el("fieldset", "search-filter search-filter-" + g);
      fs.appendChild(el("legend", "", (L.filter || {})[g] || g));
      var all = self.box(g, null, L.all || "", !self.sel[g].size);
      fs.appendChild(all[0]);
      if (focus === g + "\u0000") restore = all[1];
      values.forEach(function (v) {
        var name = g === "kind" ? (L.kind || {})[v] : g === "status" ? (L.status || {})[v] : m.dep[order.indexOf(v)][1];
        var b = self.box(g, v, (name || v) + " (" + (counts[g].get(v) || 0) + ")", self.sel[g].has(v));
        fs.appendChild(b[0]);
        if (focus === g + "\u0000" + v) restore = b[1];
      });
      self.filters.appendChild(fs);
    });
    if (restore) restore.focus();
  };

  UI.prototype.box = function (g, v, text, checked) {
    var label = el("label", "search-filter-option"), input = el("input");
    input.type = "checkbox";
    input.checked = checked;
    input.setAttribute("data-group", g);
    if (v !== null) input.setAttribute("data-value", v);
    label.appendChild(input);
    label.appendChild(document.createTextNode(" " + text));
    return [label, input];
  };

  function start() {
    var app = document.getElementById("search-app");
    if (app && !app.__jzSearch) app.__jzSearch = new UI(app);
  }

  if (typeof document !== "undefined" && document.getElementById) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
    else start();
  }
  JZ.UI = UI; // for the tests
})(typeof window !== "undefined" ? window : globalThis);
