/* store.js: the export as the engine reads it (doc.go, "Export format").
 *
 * A Store is one opened index: the manifest (base/manifest.js), and,
 * from the folder it names (base/<h>/), the files loaded as queries need
 * them: term shards (t/), blocks of long postings lists
 * (p/), pairs of terms (x/), records (d/), fold pairs (f/), readings (r)
 * and syllables (s). It is the one module that knows their names and
 * layouts; what it returns is plain numbers, strings and decoded lists.
 */
var store = (function (analysis, codes) {
  "use strict";

  var FORMAT = 17; // must equal search.FormatVersion in export.go

  var numbers = codes.numbers;

  function hex(n) { return n.toString(16); }

  // decode reads a postings string (postings.go encodePostings) into
  // arrays: doc, field length, frequency, and the offset of its positions
  // (which the unigram fields, noPos, do not have).
  function decode(s, noPos) {
    var nums = numbers(s);
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

  // open loads the manifest under base with loader (load.js) and returns
  // a promise of the Store; it refuses a manifest of another format.
  function open(base, loader) {
    return loader.load(base, "manifest").then(function (m) { return new Store(base, loader, m); });
  }

  // Store is the index under base whose manifest is m: its limits (lim:
  // clauses, alts, disj), the facet values (kinds, statuses, and
  // departments {id, name, aliases, …} by id), the synonym groups, the
  // built-in groups (weight bw) and the filler.
  function Store(base, loader, m) {
    if (!m || m.v !== FORMAT) {
      throw new Error("index format " + (m && m.v) + ", not " + FORMAT);
    }
    this.dir = base + m.h + "/";
    this.loader = loader;
    this.m = m;
    this.lim = { clauses: m.lim[0], alts: m.lim[1], disj: m.lim[2] };
    this.kinds = m.kinds;
    this.statuses = m.st;
    this.departments = m.dep;
    this.synonyms = m.syn;
    m.ev.forEach(function (e) { e.url = "events/" + e.id + "/index.html"; });
    this.runStart = [];
    var at = 0;
    for (var i = 0; i < m.runs.length; i++) { this.runStart.push(at); at += m.runs[i][3]; }
    this.decoded = new Map();
    this.shown = new Map(); // records an entry's file carries (dr), by number
    this.guessed = Promise.resolve(); // the h files asked for (guess), loaded or failed
    this.foldsLoaded = new Set();
    this.hasFold = codes.folded(m);
  }

  // load returns a promise of the data of the file name; the records an
  // entry's file carries (dr: the first pages of its words) are kept, so
  // that record finds them without their d files.
  Store.prototype.load = function (name) {
    var shown = this.shown;
    return this.loader.load(this.dir, name).then(function (x) {
      if (x && x.dr) for (var d in x.dr) shown.set(+d, x.dr[d]);
      return x;
    });
  };

  // prefetch starts loading the file name and forgets it: whoever needs
  // it later finds it loaded or on its way, and handles a failure.
  Store.prototype.prefetch = function (name) { this.load(name).catch(function () {}); };

  // facets returns document d's kind, department (of departments),
  // status, and run: the number of the run of records that share them.
  Store.prototype.facets = function (d) {
    var lo = 0, hi = this.runStart.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (this.runStart[mid] <= d) lo = mid; else hi = mid - 1;
    }
    var r = this.m.runs[lo];
    return { kind: this.kinds[r[0]], department: this.departments[r[1]], status: this.statuses[r[2]], run: lo };
  };

  // guess asks for the h file name, the records of a first page (dr)
  // that a query's hits are likely to be: record waits for it before it
  // asks for a d file.
  Store.prototype.guess = function (name) {
    var p = this.load(name).catch(function () {});
    this.guessed = Promise.all([this.guessed, p]);
  };

  // record is document d as results show it: [id, name, now, excerpt].
  Store.prototype.record = function (d) {
    var self = this;
    if (this.shown.has(d)) return Promise.resolve(this.shown.get(d));
    return this.guessed.then(function () {
      if (self.shown.has(d)) return self.shown.get(d);
      return self.load(self.recordFile(d)).then(function (docs) { return docs[d % self.m.db]; });
    });
  };

  Store.prototype.recordFile = function (d) { return "d/" + Math.floor(d / this.m.db); };

  // oneFile reports whether all records, if any, are one d file (db ≥
  // n): then every query asks for it with its term shards (Engine.search).
  Store.prototype.oneFile = function () { return this.m.n > 0 && this.m.db >= this.m.n; };

  // term returns what the index holds of term in field f: its entry e (0,
  // a postings string or a list cut into blocks), its document frequency
  // df, its idf, the field's boost and its hint h (the number of the h
  // file of its first page's records, if any); from file (a g/ file that holds
  // it) if given, else from y.js for a term of Latin letters when the
  // manifest says so (y), else from its term shard.
  Store.prototype.term = function (term, f, file) {
    var self = this;
    return this.load(file || this.shardOf(term)).then(function (sh) {
      var e = (sh.t[term] || [])[f] || 0, df = 0;
      if (typeof e === "string") df = self.plist(term + "\u0000" + f, e, f).doc.length;
      else if (e) df = e[0];
      return { e: e, df: df, idf: df ? sh.idf[df] : self.m.idf0, boost: self.m.f[f][1], h: sh.h ? sh.h[term] : undefined };
    });
  };

  // phrase returns the matches of the phrase of terms (an alternative's,
  // empty slots as "") in field f as its entry's file holds them
  // (export_phrases.go): {doc, len, tf: per term in slot order}, or null
  // if the file holds none (its terms' lists are then read).
  Store.prototype.phrase = function (file, terms, f) {
    var self = this, key = terms.join(" "), n = terms.filter(Boolean).length;
    return this.load(file).then(function (sh) {
      var s = sh.ph && sh.ph[key] && sh.ph[key][f];
      if (typeof s !== "string") return null;
      var cacheKey = file + "\u0000" + key + "\u0000" + f, pre = self.decoded.get(cacheKey);
      if (!pre) {
        var nums = numbers(s), doc = 0;
        pre = { doc: [], len: [], tf: [] };
        for (var k = 0; k < n; k++) pre.tf.push([]);
        for (var j = 0; j < nums.length;) {
          doc += nums[j++];
          pre.doc.push(doc);
          pre.len.push(nums[j++]);
          for (k = 0; k < n; k++) pre.tf[k].push(nums[j++]);
        }
        self.decoded.set(cacheKey, pre);
      }
      return pre;
    });
  };

  // pair returns the decoded postings of terms a and b in field f in the
  // records where b follows a, from the pair's x/ file (export_pairs.go):
  // [a's, b's], empty if no record holds the pair there.
  Store.prototype.pair = function (a, b, f) {
    var self = this, key = a + " " + b;
    return this.load("x/" + hex(codes.termHash(key) & (this.m.xb - 1))).then(function (sh) {
      var e = (sh[key] || [])[f] || ["", ""];
      return e.map(function (s, i) { return self.plist(key + i + f, s, f); });
    });
  };

  Store.prototype.shardOf = function (term) {
    return codes.shardOf(this.m, term);
  };

  // words returns, for each [pair (two Han characters), file], the
  // built-in words that start with the pair, from file (an entry's file
  // that holds one of its texts, needs.bigrams) if given, else from the
  // pair's term shard (export_words.go).
  Store.prototype.words = function (pairs) {
    var self = this;
    return Promise.all(pairs.map(function (b) {
      return self.load(b[1] || self.shardOf(b[0])).then(function (sh) {
        return (sh.w || {})[b[0]] || [];
      });
    }));
  };

  Store.prototype.plist = function (cacheKey, s, f) {
    var pl = this.decoded.get(cacheKey);
    if (!pl) { pl = decode(s, this.m.f[f][2] === 1); this.decoded.set(cacheKey, pl); }
    return pl;
  };

  // plists returns the decoded postings of a leaf {term, f, e}: all of
  // them, or for a cut-up list only the blocks that can hold a document
  // of cand.
  Store.prototype.plists = function (l, cand) {
    var self = this, e = l.e;
    if (!e || cand && !cand.length) return Promise.resolve([]);
    if (l.pair) return l.pair();
    if (typeof e === "string") return Promise.resolve([this.plist(l.term + "\u0000" + l.f, e, l.f)]);
    return Promise.all(blocksIn(e, cand).map(function (n) {
      return self.load("p/" + Math.floor(n / self.m.pb)).then(function (pack) { return self.plist("p/" + n, pack[n % self.m.pb], l.f); });
    }));
  };

  // blocksIn lists the blocks of the cut-up list e that can hold a
  // document of cand (all if null).
  function blocksIn(e, cand) {
    var want = [];
    for (var i = 1; i < e.length; i += 2) {
      var lo = e[i], hi = i + 2 < e.length ? e[i + 2] : Infinity;
      if (!cand || anyIn(cand, lo, hi)) want.push(e[i + 1]);
    }
    return want;
  }

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

  // postingsIn lists the postings of a leaf for the documents of cand (all
  // if null), in document order: {d: documents, pl: plists, i: indexes}.
  Store.prototype.postingsIn = function (l, cand) {
    return this.plists(l, cand).then(function (pls) {
      var out = { d: [], pl: [], i: [] };
      pls.forEach(function (pl) {
        within(pl.doc, cand).forEach(function (i) { out.d.push(pl.doc[i]); out.pl.push(pl); out.i.push(i); });
      });
      return out;
    });
  };

  // within returns the indices of the documents of docs (ascending) that
  // cand (ascending; all if null) holds.
  function within(docs, cand) {
    var out = [], c = 0;
    for (var i = 0; i < docs.length; i++) {
      if (cand) {
        while (c < cand.length && cand[c] < docs[i]) c++;
        if (c === cand.length) break;
        if (cand[c] !== docs[i]) continue;
      }
      out.push(i);
    }
    return out;
  }
  Store.prototype.within = within;

  // folds loads into the analysis the fold pairs (f/) of the characters
  // of text that have one (the manifest's fc): none for most queries.
  Store.prototype.folds = function (text) {
    var self = this, want = new Set();
    Array.from(text, function (ch) {
      var c = ch.codePointAt(0);
      if (self.hasFold.has(c)) want.add(hex(c & (self.m.fb - 1)));
    });
    return Promise.all(Array.from(want, function (b) {
      var name = "f/" + b;
      return self.load(name).then(function (pairs) {
        if (!self.foldsLoaded.has(name)) { analysis.addFold(pairs); self.foldsLoaded.add(name); }
      });
    }));
  };

  // spoken loads what reading a query needs (reading.js needs): the first
  // reading of the characters (r, a string grouped by reading: an阿安…),
  // as a Map, if han has any, and if latin the syllables and the
  // thesaurus's terms with their readings (s), kept once loaded: {rd,
  // syl, terms}. When the manifest says the readings' terms are in y.js
  // (y), r.js registers y.js's data too: they come a wave sooner than they
  // are known, and in the same request.
  Store.prototype.spoken = function (need) {
    var self = this;
    return Promise.all([need.latin ? this.load("s") : null, need.han.length ? this.load("r") : null]).then(function (x) {
      if (x[1] && !self.rd) {
        self.rd = new Map();
        var m, re = /([a-z]+)([^a-z]+)/g;
        while ((m = re.exec(x[1]))) {
          Array.from(m[2], function (ch) { self.rd.set(ch.codePointAt(0), m[1]); });
        }
      }
      if (x[0] && !self.syl) {
        self.syl = new Set(x[0].s.split(" "));
        self.spokenTerms = x[0].k;
      }
      return { rd: self.rd || new Map(), syl: self.syl, terms: self.spokenTerms };
    });
  };

  return { FORMAT: FORMAT, open: open };
})(typeof module === "object" ? require("./analysis.js") : analysis,
  typeof module === "object" ? require("./codes.js") : codes);
if (typeof module === "object") module.exports = store;
