/* engine.js: the search engine and its API, all that the page code uses.
 *
 * The engine answers queries from the static export (store.js) as bleve
 * does at build time: same analysis, same query tree, same tf-idf
 * arithmetic, so the ids, their order and their scores agree (TestParity).
 *
 *   open(base, loader) → a promise of an Engine
 *     base    the URL of the index folder, ending in "/" (the search
 *             page's data-index); loader a Loader (load.js). On a page,
 *             JZSearch.open(base) is this with the page's loader.
 *             Rejects if the manifest cannot be loaded or is of another
 *             format.
 *   engine.search(q, k, filter) → a promise of a Result
 *     q       the query as typed
 *     k       how many hits; all if k is 0, less, or left out
 *     filter  optional: {kind: [...], department: [...], status: [...]},
 *             the values each group keeps (an empty or missing group
 *             keeps all). Asking again for the same q with another k or
 *             filter reuses the matches of the first time.
 *
 *   Result {
 *     total    the number of records that match q and pass filter
 *     partial  true if no record matches every clause, so these match
 *              any term of the query alone
 *     reading  "pinyin" or "homophone" if q matched nothing as typed and
 *              was read that way (reading.js), else ""
 *     hits     the first k of them by score, ties in the export's order:
 *       {id         the record's id
 *        url        its page, from the site root ("village/<id>/index.html")
 *        kind       cancelled, village, training or inspection
 *        name, now, excerpt   its name, its "now" line and an excerpt ("" if none)
 *        department {id, name}
 *        status     cancelled, retained or removed
 *        score      bleve's score
 *        via        the official term a record matched through alone (a
 *                   synonym, a department's alias), or for a query read
 *                   as pinyin or homophones the record's name; "" otherwise}
 *     facets   for each group, the values of the records that match q and
 *              pass the filter's other groups, with their counts, in
 *              index order; a value the filter keeps is listed even at 0:
 *              {kind: [{value, count}], department: [{value, name, count}],
 *               status: [{value, count}]}
 *     marks    the texts to highlight: each clause that must match, and
 *              its alternatives (synonyms, the department an alias names)
 *     events   the life events (一件事, events.toml) whose name or one of
 *              whose words the clauses that must match hold as typed
 *              (过世 in 家里老人过世), whatever the filter and even when
 *              no record matches, in the order of events.toml:
 *              [{id, name, url: its page from the site root
 *                ("events/<id>/index.html"), k: what names it (the
 *                manifest's keys)}]
 *   }
 */
var engine = (function (query, reading, needs, store, score) {
  "use strict";

  var GROUPS = ["kind", "department", "status"];

  // PREFETCH: when the term shards bound a query's matches to this many
  // records or fewer, their records (d/) are loaded with the blocks of the
  // longer lists, not after scoring: a wave of round trips less.
  var PREFETCH = 12;

  // open opens the index under base (see above).
  function open(base, loader) {
    return store.open(base, loader).then(function (st) { return new Engine(st); });
  }

  function Engine(st) {
    this.store = st;
    this.scorer = new score.Scorer(st);
    this.scorer.onBound = function (cand) {
      if (cand.length <= PREFETCH) cand.forEach(function (d) { if (!st.shown.has(d)) st.prefetch(st.recordFile(d)); });
    };
    // else the records of the first pages of the query's rarest terms (h
    // files) come with the blocks, a guess at those of its hits
    this.scorer.onHint = function (files, cand) {
      if (!cand || cand.length > PREFETCH) files.forEach(function (f) { st.guess(f); });
    };
    this.thes = new query.Thesaurus(st.synonyms, st.departments, st.m.ev, st.m.bw);
    this.thes.addWords(st.m.w1);
    for (var n in st.m.e1) this.thes.addEntry(+n, st.m.e1[n]);
    this.last = null; // {q, matches}: the last query's matches
  }

  // search answers q (see above).
  Engine.prototype.search = function (q, k, filter) {
    var self = this, sel = {};
    GROUPS.forEach(function (g) { sel[g] = new Set(filter && filter[g] || []); });
    if (this.store.oneFile() && /\S/.test(q)) this.store.prefetch("d/0");
    return this.matches(q).then(function (r) {
      var shown = { d: [], s: [], via: [] }, counts = {}, said = query.said(r.typed);
      GROUPS.forEach(function (g) { counts[g] = new Map(); });
      r.d.forEach(function (d, i) {
        var f = self.store.facets(d), v = { kind: f.kind, department: f.department.id, status: f.status };
        GROUPS.forEach(function (g) {
          if (passes(sel, v, g)) counts[g].set(v[g], (counts[g].get(v[g]) || 0) + 1);
        });
        if (passes(sel, v, null)) { shown.d.push(d); shown.s.push(r.s[i]); shown.via.push(r.via[i]); }
      });
      shown.every = r.every;
      return self.order(shown, k).then(function (items) {
        var dn = named(self.thes.depts, said), docsP = Promise.all(items.map(function (it) { return self.store.record(it.doc); }));
        return Promise.all([docsP, Promise.all(dn.map(function (d) { return self.store.load(d.f); }))]).then(function (x) {
          var docs = x[0], depts = dn.map(function (d, i) {
            var c = x[1][i].c;
            return { id: d.id, name: d.name, url: "department/" + encodeURIComponent(d.id) + "/index.html", phone: c[0], address: c[1], hours: c[2] };
          });
          return {
            total: shown.d.length,
            partial: r.partial,
            reading: r.reading,
            hits: items.map(function (it, i) { return self.hit(it, docs[i], r.reading); }),
            facets: self.facets(counts, sel),
            marks: marks(r.plan),
            // the life events whose name or words q holds (eventsOf in
            // search.go), whatever the filter: the manifest's objects
            events: self.store.m.ev.filter(function (e) {
              return e.k.some(function (k) { return said.indexOf(k) >= 0; });
            }),
            departments: depts,
            words: r.reading === "needs" ? r.plan.must.map(function (w) { return w.text; }) : []
          };
        });
      });
    });
  };

  // named is the departments whose name or an alias said holds
  // (departmentsOf in search.go), as the thesaurus keeps them ({id,
  // name, k, f: its g/ file}).
  function named(depts, said) {
    var longest = depts.map(function (d) {
      return d.k.reduce(function (best, k) { return said.indexOf(k) >= 0 && k.length > best.length ? k : best; }, "");
    });
    return depts.filter(function (d, i) {
      return longest[i] && !longest.some(function (o, j) {
        return j !== i && o.length > longest[i].length && o.indexOf(longest[i]) >= 0;
      });
    });
  }

  // passes reports whether facet values v pass the selection sel in every
  // group but except.
  function passes(sel, v, except) {
    return GROUPS.every(function (g) { return g === except || !sel[g].size || sel[g].has(v[g]); });
  }

  Engine.prototype.hit = function (it, doc, read) {
    var f = this.store.facets(it.doc);
    return {
      id: doc[0],
      url: encodeURIComponent(f.kind) + "/" + encodeURIComponent(doc[0]) + "/index.html",
      kind: f.kind,
      name: doc[1],
      now: doc[2],
      excerpt: doc[3],
      department: { id: f.department.id, name: f.department.name },
      status: f.status,
      score: it.score,
      via: read === "pinyin" || read === "homophone" ? doc[1] : it.via
    };
  };

  // facets lists each group's counted or selected values in index order.
  Engine.prototype.facets = function (counts, sel) {
    var names = new Map();
    this.store.departments.forEach(function (d) { names.set(d.id, d.name); });
    function list(g, values) {
      return values.filter(function (v) { return counts[g].has(v) || sel[g].has(v); }).map(function (v) {
        var f = { value: v, count: counts[g].get(v) || 0 };
        if (g === "department") f.name = names.get(v);
        return f;
      });
    }
    return {
      kind: list("kind", this.store.kinds),
      department: list("department", Array.from(names.keys())),
      status: list("status", this.store.statuses)
    };
  };

  // marks are the texts of the alternatives of each word that must match.
  function marks(p) {
    var out = [];
    p.must.forEach(function (w) { w.alts.forEach(function (a) { out.push(a.text); }); });
    return out;
  }

  // matches returns the matches of q, remembering the last query's.
  Engine.prototype.matches = function (q) {
    var self = this;
    if (!this.last || this.last.q !== q) {
      var p = this.run(q);
      this.last = { q: q, matches: p };
      p.catch(function () { if (self.last && self.last.matches === p) self.last = null; });
    }
    return this.last.matches;
  };

  // run evaluates a query: its matches {d: documents, s: scores, via},
  // partial when only the fallback matched, reading, and the plan (for
  // the marks). It first loads the fold pairs (f/) of q's characters.
  Engine.prototype.run = function (q) {
    var self = this;
    return this.store.folds(q.slice(0, 2 * query.MAX_QUERY)).then(function () { return self.runFolded(q); });
  };

  // runFolded answers q as search.go Search: the query as typed, then
  // read as pinyin (reading.js), then as needs (needs.js, with the
  // built-in words and entries it calls up, loaded then), then the partial
  // fallback. The shards of
  // the words that must and must not match are asked for at once, and
  // for a word of Latin letters so are the syllables and, as soon as they
  // are in, the shards of its reading as pinyin: such a query most often
  // matches only that way.
  Engine.prototype.runFolded = function (q) {
    var self = this, sc = this.scorer, p = query.plan(q, this.thes, this.store.lim), nots = null, partial = false, how = "", used = p;
    if (!p.must.length) return Promise.resolve({ d: [], s: [], via: [], partial: false, reading: "", plan: p, typed: p });
    // a query that names a department shows its contacts (its g/ file's
    // c): asked for now, with the term shards
    named(this.thes.depts, query.said(p)).forEach(function (d) { self.store.prefetch(d.f); });
    var words = function (ws) { return Promise.all(ws.map(function (w) { return sc.wordNode(w); })); };
    var need = reading.needs(p);
    if (need.latin) {
      this.store.spoken(need).then(function (spoken) {
        var x = reading.plan(p, spoken, self.thes, self.store.lim.alts);
        if (x.how) return words(x.plan.must);
      }).catch(function () {});
    }
    return Promise.all([words(p.must), words(p.not)]).then(function (w) {
      if (w[1].length) nots = score.node("or", w[1]);
      return sc.score(score.node("and", w[0]), nots, true);
    }).then(function (r) {
      if (r.d.length) return r;
      // nothing as typed: what the needs reading takes (the built-in
      // words, then the shards of its words, then the pairs and blocks
      // its pieces read) is asked for with what the readings take, not
      // waves after them (a query in Latin letters most often matches as
      // pinyin, and needs no built-in words)
      if (!need.latin) self.builtinWords(p).then(function (held) {
        var np = needs.plan(p, self.thes, self.store.lim, held);
        if (np) return Promise.all([words(np.must), sc.anyWordNode(np).then(function (t) { sc.prefetch(t, sc.bound(t)); })]);
      }).catch(function () {});
      // the built-in words of the query's pairs (from the shards it
      // loaded) say which of its words the thesaurus knows: those are not
      // read as homophones, and need no reading table
      return self.knownWords(p).then(function () {
        return self.store.spoken(reading.needs(p, self.thes));
      }).then(function (spoken) {
        var x = reading.plan(p, spoken, self.thes, self.store.lim.alts);
        if (!x.how) return r;
        return words(x.plan.must).then(function (kids) {
          return sc.score(score.node("and", kids), nots, true);
        }).then(function (r2) {
          if (r2.d.length) how = x.how;
          return r2;
        });
      });
    }).then(function (r) {
      if (r.d.length) return r;
      return self.builtinWords(p).then(function (held) {
        return needs.plan(p, self.thes, self.store.lim, held);
      }).then(function (np) {
        if (!np) return r;
        // every piece, to know whether any record holds them all; then
        // any of them, ranked by how many (needsPlan in search.go)
        return words(np.must).then(function (kids) {
          return sc.score(score.node("and", kids), nots).then(function (all) {
            partial = !all.d.length;
            return sc.anyWordNode(np).then(function (t) { return sc.score(t, nots); }).then(function (r2) {
              r2.every = new Set(all.d); // ranked first (everyFirst in search.go)
              return r2;
            });
          });
        }).then(function (r2) {
          if (r2.d.length) { how = "needs"; used = np; }
          return r2;
        });
      });
    }).then(function (r) {
      if (r.d.length) return r;
      partial = true;
      // its hits' records guessed from its common terms' h files: when
      // one such term is all that matches (急诊证明: 证明), they are its
      // first page's
      return sc.fallbackNode(p).then(function (t) { return sc.score(t, nots, true); });
    }).then(function (r) {
      r.partial = partial;
      r.reading = how;
      r.plan = used;
      r.typed = p;
      r.via = r.d.map(function () { return ""; });
      if (partial || how && how !== "needs") return r;
      return self.notes(r, used, how === "needs");
    });
  };

  // notes sets via on the matches r that match some word of p only
  // through one of its other terms: the first such word names its
  // official term. When the matches need not match every word (some: the
  // needs reading), one that does not match a word at all takes nothing
  // from it (notes in search.go).
  Engine.prototype.notes = function (r, p, some) {
    var sc = this.scorer;
    var docs = function (t) { return sc.literal(t, r.d).then(function (x) { return new Set(x.d); }); };
    return p.must.reduce(function (chain, w) {
      if (!w.official) return chain;
      return chain.then(function () {
        return Promise.all([sc.altNode(w.alts[0]).then(docs), some ? sc.wordNode(kin(w)).then(docs) : null]);
      }).then(function (x) {
        var literal = x[0], matched = x[1];
        r.d.forEach(function (d, i) { if (!r.via[i] && !literal.has(d) && (!matched || matched.has(d))) r.via[i] = w.official; });
      });
    }, Promise.resolve()).then(function () { return r; });
  };

  // kin is w with only the alternatives of its official term's weight,
  // the entries that name it (kin in search.go).
  function kin(w) {
    var official = query.altKey({ text: w.official }), weight = 1;
    for (var i = 0; i < w.alts.length; i++) {
      if (!w.alts[i].dept && query.altKey(w.alts[i]) === official) { weight = w.alts[i].w; break; }
    }
    return { text: w.text, official: w.official, alts: w.alts.filter(function (a) { return a.w === weight; }) };
  }

  // builtinWords adds to the thesaurus the built-in words that can start
  // at a pair of p's clauses, from the files that held reads: the term
  // shards of those pairs, or the entry file of a clause (export_words.go), then the built-in entries the
  // pieces of p read as needs call up (e/), asking with them for the
  // files of the editor's entries the pieces call up, which their
  // alternatives read; it returns held's set.
  Engine.prototype.builtinWords = function (p) {
    var self = this, st = this.store;
    return Promise.all([this.knownWords(p), this.held(p)]).then(function (x) {
      var pieces = needs.pieces(p, self.thes, x[1]);
      pieces.forEach(function (t) { self.thes.filesOf(t).forEach(function (f) { st.prefetch(f); }); });
      return Promise.all(self.thes.missing(pieces).map(function (n) {
        return st.load("e/" + n).then(function (e) { self.thes.addEntry(n, [e.k, e.m]); });
      })).then(function () { return x[1]; });
    });
  };

  // knownWords adds to the thesaurus the built-in words that can start at
  // a pair of p's clauses (needs.bigrams), from the files that hold them.
  Engine.prototype.knownWords = function (p) {
    var thes = this.thes;
    return this.store.words(needs.bigrams(p)).then(function (wss) {
      wss.forEach(function (ws) { thes.addWords(ws); });
    });
  };

  // held is the set of needs.bigrams(p) that some record holds in a
  // field of bigrams (n1, n2, n3: heldBigram in needs.go), read from the
  // files the query as typed has loaded.
  Engine.prototype.held = function (p) {
    var st = this.store;
    return Promise.all(needs.bigrams(p).map(function (b) {
      return Promise.all([0, 1, 2].map(function (f) { return st.term(b[0], f, b[1]); })).then(function (es) {
        return es.some(function (e) { return e.df > 0; }) ? b[0] : "";
      });
    })).then(function (bs) { return new Set(bs.filter(Boolean)); });
  };

  // order returns the first k (all if k <= 0) of the matches r by score,
  // ties by document number, the export's order, as search.go orders
  // them (fieldOrder): [{doc, score, via}]; for a query read as needs,
  // those that match every piece (r.every) first.
  Engine.prototype.order = function (r, k) {
    var every = r.every || new Set();
    var items = r.d.map(function (d, i) { return { doc: d, score: r.s[i], via: r.via[i], first: every.has(d) ? 1 : 0 }; });
    items.sort(function (a, b) { return b.first - a.first || b.score - a.score || a.doc - b.doc; });
    if (!(k > 0) || k > items.length) k = items.length;
    return Promise.resolve(items.slice(0, k));
  };

  return { open: open };
})(typeof module === "object" ? require("./query.js") : query,
  typeof module === "object" ? require("./reading.js") : reading,
  typeof module === "object" ? require("./needs.js") : needs,
  typeof module === "object" ? require("./store.js") : store,
  typeof module === "object" ? require("./score.js") : score);
if (typeof module === "object") module.exports = engine;
