/* score.js: the query tree and bleve's arithmetic (bquery.go, and bleve's
 * searchers).
 *
 * A query is a tree of nodes: leaf (a term in a field), phrase (leaves
 * at fixed offsets in one field), or, and. As in bleve, the children of
 * each node are ordered by count (document frequencies summed), scores
 * are summed in that order, a disjunction multiplies its sum by the
 * share of children that matched (coord), and every leaf is weighted by
 * boost × idf × queryNorm, queryNorm being 1/√(Σ (boost × idf)²) over the
 * whole tree. A node evaluates to {d: documents ascending, s: scores}.
 */
var score = (function () {
  "use strict";

  function byCount(kids) {
    return kids.map(function (k, i) { return [k, i]; })
      .sort(function (a, b) { return a[0].count - b[0].count || a[1] - b[1]; })
      .map(function (x) { return x[0]; });
  }

  // node is an inner node of kind k ("phrase", "or", "and").
  function node(k, kids) {
    kids = byCount(kids);
    var count = 0, weight = 0;
    kids.forEach(function (c) { count += c.count; weight += c.weight; });
    return { k: k, kids: kids, count: count, weight: weight };
  }

  // Scorer builds and evaluates query trees over the documents of a
  // store (store.js).
  function Scorer(st) {
    this.store = st;
  }

  // leaf is term in field f, its boost the field's times weight, read
  // from file (an entry's g/ file) or else the term's shard.
  Scorer.prototype.leaf = function (term, f, weight, file) {
    return this.store.term(term, f, file).then(function (x) {
      var boost = x.boost * weight, w = boost * x.idf;
      return { k: "leaf", term: term, f: f, e: x.e, boost: boost, idf: x.idf, count: x.df, weight: w * w, h: file ? null : x.h };
    });
  };

  // altNode is altQuery: the alternative in each field of its family
  // (fields in manifest order: n1 n2 n3 u1 u2 u3 p1).
  Scorer.prototype.altNode = function (a) {
    var self = this, fs = a.dept ? [7] : a.py ? [6] : a.uni ? [3, 4, 5] : [0, 1, 2];
    return Promise.all(fs.map(function (f) {
      if (a.terms.length === 1) return self.leaf(a.terms[0], f, a.w, a.file);
      var slots = [];
      a.terms.forEach(function (t, i) { if (t) slots.push(i); });
      var pre = a.file && !a.py ? self.store.phrase(a.file, a.terms, f) : null;
      return Promise.all(slots.map(function (i) { return self.leaf(a.terms[i], f, a.w, a.file); }).concat([pre])).then(function (ls) {
        var matches = ls.pop();
        ls.forEach(function (l, j) { l.slot = slots[j]; l.nth = j; });
        if (!matches) self.pairs(ls, f);
        var n = node("phrase", ls);
        n.leaves = n.kids;
        if (matches) n.pre = matches;
        return n;
      });
    })).then(function (kids) { return node("or", kids); });
  };

  // pairs has each leaf of a phrase in field f (ls, by slot) whose list
  // is cut into blocks read from the pair it makes with a neighbour in
  // the phrase (store.js pair), not from its blocks: l.pair() loads it
  // once, the promise of [its list] (store.js plists). The phrase needs
  // no other occurrence of the term. A pair holds both its terms' lists,
  // so a leaf takes the pair its left neighbour took with it, else that
  // with its right one (l.right): two cut-up neighbours read one file.
  // (Taking the rarer neighbour's pair, the shorter, moved no byte less
  // over the 220 phone queries at 10,000 records.)
  Scorer.prototype.pairs = function (ls, f) {
    var st = this.store;
    ls.forEach(function (l, j) {
      var b = ls[j - 1], n = ls[j + 1], p;
      if (b && b.slot < l.slot - 1) b = null;
      if (n && n.slot > l.slot + 1) n = null;
      if (!Array.isArray(l.e) || !(b || n)) return;
      l.right = n && !(b && b.right);
      l.pair = function () {
        return p || (p = st.pair(l.right ? l.term : b.term, l.right ? n.term : l.term, f).then(function (x) { return [x[+!l.right]]; }));
      };
    });
  };

  // wordNode is a word of a plan (query.js): any of its alternatives.
  Scorer.prototype.wordNode = function (w) {
    var self = this;
    var alts = w.alts.filter(function (a) { return a.terms.length; });
    return Promise.all(alts.map(function (a) { return self.altNode(a); })).then(function (kids) {
      return kids.length === 1 ? kids[0] : node("or", kids);
    });
  };

  // disj nests disjunctions of more than lim children (bquery.go disj).
  function disj(kids, lim) {
    while (kids.length > lim) {
      var groups = [];
      for (var i = 0; i < kids.length; i += lim) groups.push(node("or", kids.slice(i, i + lim)));
      kids = groups;
    }
    return node("or", kids);
  }

  // newTerms lists the terms of a text alternative a not yet in seen,
  // each as an alternative of its own, and adds them to seen (bquery.go).
  // Each is read from a's file, which holds every term of a (doc.go).
  function newTerms(a, seen) {
    if (a.dept) return [];
    return a.terms.filter(function (t) {
      var k = (a.uni ? "u" : "n") + t;
      if (!t || seen.has(k)) return false;
      seen.add(k);
      return true;
    }).map(function (t) { return { uni: a.uni, terms: [t], w: 1, file: a.file }; });
  }

  // fallbackNode is the partial query: any term of the plan p alone; one
  // more than half the records hold only when no other is in any record.
  Scorer.prototype.fallbackNode = function (p) {
    var seen = new Set(), alts = [];
    p.must.forEach(function (w) {
      w.alts.forEach(function (a) { alts.push.apply(alts, newTerms(a, seen)); });
    });
    var self = this;
    return Promise.all(alts.map(this.altNode, this)).then(function (ns) {
      var rest = self.uncommon(ns);
      var held = rest.some(function (k) { return k.kids.some(function (l) { return l.count > 0; }); });
      return self.anyNode(held ? rest : ns);
    });
  };

  // anyWordNode is bquery.go anyWordQuery: any known word of the needs
  // reading p (needs.js), or any term of a stretch alone; a word or term
  // that is one term more than half the records hold only when nothing
  // else is left.
  Scorer.prototype.anyWordNode = function (p) {
    var self = this, seen = new Set(), kids = [];
    p.must.forEach(function (w) {
      if (w.stretch > 1) kids.push.apply(kids, newTerms(w.alts[0], seen).map(self.altNode, self));
      else kids.push(self.wordNode(w));
    });
    return Promise.all(kids).then(function (ns) {
      var rest = self.uncommon(ns);
      return self.anyNode(rest.length ? rest : ns);
    });
  };

  // uncommon is the nodes ns but those of one term (their children
  // leaves) that more than half the records hold in a field (bquery.go
  // common).
  Scorer.prototype.uncommon = function (ns) {
    var half = this.store.m.n / 2;
    return ns.filter(function (k) {
      return !k.kids.every(function (l) { return l.k === "leaf"; }) || k.kids.every(function (l) { return l.count <= half; });
    });
  };

  // anyNode is the disjunction of the promised nodes kids, nested (disj).
  Scorer.prototype.anyNode = function (kids) {
    var lim = this.store.lim.disj;
    return Promise.all(kids).then(function (ns) { return disj(ns, lim); });
  };

  function setNorm(n, qn) {
    if (n.k === "leaf") n.qw = n.boost * n.idf * qn;
    else n.kids.forEach(function (c) { setNorm(c, qn); });
  }

  // leafScore is TermQueryScorer.Score under tf-idf.
  function leafScore(l, pl, i) {
    var score = Math.sqrt(pl.tf[i]) * Math.fround(1 / Math.sqrt(pl.len[i])) * l.idf;
    return l.qw !== 1 ? score * l.qw : score;
  }

  // score evaluates tree, normalised, without the documents of nots (a
  // tree or null). It first bounds the documents that can match from the
  // lists the term shards carry whole (bound), and loads at once the
  // pairs of its phrases and every block of the longer lists that can
  // hold one of them (all, without a bound): a conjunction would
  // otherwise wait for each child's blocks before asking for the next
  // child's. Evaluating over that superset of the matches changes
  // no document's score. With guess, it also names to onHint the h files
  // its hits are likely in (hinted): for a query as typed or as read and
  // for the partial fallback, not for the needs reading's pieces, whose
  // entries' files carry their records (dr), and whose hits, those that
  // match every piece first, the pieces' first pages guessed worse
  // (more files for the 220 phone queries at 10,000 records).
  Scorer.prototype.score = function (tree, nots, guess) {
    var self = this, cand = this.bound(tree);
    setNorm(tree, 1 / Math.sqrt(tree.weight));
    if (!cand || cand.length) this.prefetch(tree, cand);
    if (cand && this.onBound) this.onBound(cand);
    if (guess && this.onHint) {
      var files = new Set();
      hinted(tree, files);
      this.onHint(Array.from(files), cand);
    }
    return this.evaluate(tree, cand).then(function (r) {
      if (!nots || !r.d.length) return r;
      setNorm(nots, 1);
      return self.evaluate(nots, r.d).then(function (x) {
        var drop = new Set(x.d), out = { d: [], s: [] };
        r.d.forEach(function (d, i) { if (!drop.has(d)) { out.d.push(d); out.s.push(r.s[i]); } });
        return out;
      });
    });
  };

  // bound returns an ascending list of documents that holds every match
  // of node n, from the postings held inline in the term shards, or null
  // if those do not bound them (only cut-up lists).
  Scorer.prototype.bound = function (n) {
    var self = this;
    if (n.k === "leaf") {
      if (!n.e) return [];
      return typeof n.e === "string" ? this.store.plist(n.term + "\u0000" + n.f, n.e, n.f).doc : null;
    }
    if (n.pre) return n.pre.doc;
    var kids = (n.leaves || n.kids).map(function (c) { return self.bound(c); });
    if (n.k === "or") {
      if (kids.some(function (b) { return b === null; })) return null;
      return kids.reduce(union, []);
    }
    var known = kids.filter(function (b) { return b !== null; });
    return known.length ? known.reduce(intersectLists) : null;
  };

  function union(a, b) {
    var out = [], i = 0, j = 0;
    while (i < a.length || j < b.length) {
      if (j >= b.length || (i < a.length && a[i] < b[j])) out.push(a[i++]);
      else if (i >= a.length || b[j] < a[i]) out.push(b[j++]);
      else { out.push(a[i++]); j++; }
    }
    return out;
  }

  function intersectLists(a, b) {
    var out = [], i = 0, j = 0;
    while (i < a.length && j < b.length) {
      if (a[i] < b[j]) i++; else if (b[j] < a[i]) j++; else { out.push(a[i++]); j++; }
    }
    return out;
  }

  // prefetch starts loading the pairs of tree's phrases but those the
  // lists inline in the term shards say no record holds, and the blocks
  // of every cut-up list that can hold a document of cand (all if null).
  Scorer.prototype.prefetch = function (n, cand) {
    var self = this, b = n.k === "phrase" && this.bound(n);
    if (n.k === "leaf") {
      if (Array.isArray(n.e)) this.store.plists(n, cand).catch(function () {});
      return;
    }
    if (n.pre || b && !b.length) return;
    (n.leaves || n.kids).forEach(function (c) { self.prefetch(c, cand); });
  };

  // hinted adds to files the h files that the term shards name as those
  // of the first page of the rarest term of each phrase of n (h, not for
  // an entry's terms, whose file carries its records: dr). A query of
  // several clauses gets no guess: the first page of one says little of
  // what matches them all.
  function hinted(n, files) {
    if (n.k === "leaf") {
      if (n.h != null) files.add("h/" + n.h);
      return;
    }
    if (n.pre) return;
    if (n.k === "or" || n.kids.length === 1) n.kids.forEach(function (c) { hinted(c, files); });
    else if (n.k === "phrase") hinted(n.leaves[0], files);
  }

  // literal is the documents of cand that tree matches, unnormalised.
  Scorer.prototype.literal = function (tree, cand) {
    setNorm(tree, 1);
    return this.evaluate(tree, cand);
  };

  // evaluate is node n over the documents of cand (all if null).
  Scorer.prototype.evaluate = function (n, cand) {
    var self = this;
    if (n.k === "leaf") {
      return this.store.postingsIn(n, cand).then(function (p) {
        return { d: p.d, s: p.d.map(function (d, j) { return leafScore(n, p.pl[j], p.i[j]); }) };
      });
    }
    if (n.k === "phrase") return this.evalPhrase(n, cand);
    if (n.k === "or") {
      return Promise.all(n.kids.map(function (c) { return self.evaluate(c, cand); })).then(function (rs) {
        return merge(rs, n.kids.length);
      });
    }
    // and: the first child (the rarest) narrows the candidates of all the
    // others, which are then evaluated at once: block files come in two
    // waves, however many children
    return this.evaluate(n.kids[0], cand).then(function (r0) {
      return Promise.all(n.kids.slice(1).map(function (c) { return self.evaluate(c, r0.d); })).then(function (rs) {
        return intersect([r0].concat(rs));
      });
    });
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

  // intersect is the conjunction of rs: the documents in all of them,
  // scores summed in child order.
  function intersect(rs) {
    var out = { d: rs.reduce(function (a, r) { return intersectLists(a, r.d); }, rs[0].d), s: [] };
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
  // conjunction of its leaves. The first leaf (the rarest) narrows the
  // candidates of the others, which are read at once.
  Scorer.prototype.evalPhrase = function (n, cand) {
    var self = this, leaves = n.leaves, b = this.bound(n);
    if (n.pre) return Promise.resolve(this.prePhrase(n, cand));
    // (the lists inline narrow what a pair or block is read for)
    if (b) cand = cand ? intersectLists(cand, b) : b;
    return this.store.postingsIn(leaves[0], cand).then(function (p0) {
      return Promise.all(leaves.slice(1).map(function (l) { return self.store.postingsIn(l, p0.d); })).then(function (ps) {
        return [p0].concat(ps);
      });
    }).then(function (lists) { return self.phrase(n, lists); });
  };

  // phrase scores the documents of the lists of n's leaves where they
  // stand as a phrase.
  Scorer.prototype.phrase = function (n, lists) {
    var docs = lists.reduce(function (a, p) { return intersectLists(a, p.d); }, lists[0].d);
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
  };

  // prePhrase scores the documents of cand (all if null) among the
  // matches of phrase n its entry's file holds (n.pre, store.js phrase),
  // as phrase would from its leaves' lists.
  Scorer.prototype.prePhrase = function (n, cand) {
    var pre = n.pre, r = { d: [], s: [] };
    this.store.within(pre.doc, cand).forEach(function (i) {
      var sum = 0;
      n.leaves.forEach(function (l) { sum += leafScore(l, { tf: pre.tf[l.nth], len: pre.len }, i); });
      r.d.push(pre.doc[i]);
      r.s.push(sum);
    });
    return r;
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

  return { Scorer: Scorer, node: node, disj: disj };
})();
if (typeof module === "object") module.exports = score;
