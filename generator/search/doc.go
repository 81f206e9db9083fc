// Package search is the catalog's offline search: a bleve index built at
// generation time, a static export of that index, and search.js, the
// script that answers queries in the browser from the export with the
// same results, order and scores as bleve (TestParity), and runs the
// search page.
//
// # Use
//
//	ix, err := search.Build(catalog)  // bleve, scorch, in memory
//	res, err := ix.Search("户口本", 10) // the reference answer
//	files, err := ix.Export()          // site path → bytes, deterministic
//	ix.Close()
//
// # Analysis
//
// Text is folded (full-width ASCII to ASCII; traditional characters to
// simplified ones, by the 2,552 pairs of fold_table.go, generated from
// OpenCC by gen_fold.go; everything but ASCII and Han ideographs to a
// space; invisible marks dropped), split by bleve's unicode
// tokenizer, width-folded and lower-cased as by bleve's cjk analyzer, then
// turned into bigrams with one position per character (see analyzer in
// analysis.go for why). js/analysis.js repeats every step;
// testdata/tokens.txt, TestContentTokens and FuzzAnalyzerParity hold the
// two together.
//
// # Fields
//
// Each record is indexed in three tiers, each twice: as bigrams (n1, n2,
// n3) and as single characters (u1, u2, u3); tier 1 also as pinyin (p1,
// boost 1): each Han character, at its position, becomes every reading
// go-pinyin gives it (heteronyms: 行 is xing, hang and heng), without
// tones and with ü as v, and the first letter of each (x, h). Tier 1 (boost 3) is the name
// and aliases; tier 2 (boost 2) what a resident does or needs (instead,
// purpose, used_for, …, then the name and words of each life event of
// events.toml that lists the record: 过世 finds the records of 身后事); tier 3 (boost 1) the rest (basis, notes, …, the
// department's name and aliases, the number and title of each policy
// cited). The catalog's schema says which field is in which tier
// (catalog.SearchTier). Keyword fields kind, department, status
// ("cancelled" for proofs) and ground serve filters in Go; department
// also answers queries that name a department (boost 3, deptField), and
// is exported. Nothing is stored in bleve.
//
// # Queries
//
// White space separates clauses, all of which must match; "quotes" make a
// phrase one clause; -clause excludes. A clause matches its text as a
// phrase in any field: a run of Han characters is a substring match, a
// single Han character matches anywhere (u fields). A clause equal to a
// synonym (synonyms.toml) also matches the group's other terms; one equal
// to a department's name or alias matches the department's name and, by
// the department field, the records it handles, which so rank above
// records that only mention it; a clause that calls up none of those and
// is a term of a built-in group of everyday words (package thesaurus,
// less the groups synonyms.toml switches off with builtin_off and those
// no term of which any record holds) matches the group's other terms at
// half the weight (builtinWeight), and one that says a built-in situation
// (老伴走了) matches the services it means (继承 …) at that weight too,
// never the other way round. A hit that matched only through
// another term carries the official term (Hit.Via). If nothing
// matches, the query is read as pinyin (reading.go): a word of Latin
// letters is cut into syllables, the longest first, and initials
// (hukouben → hu kou ben, swzm → s w z m; apostrophes and tone numbers
// cut too), several such words are read as one, and a word that reads as
// a synonym or department alias also takes that term's alternatives; a
// word of two or more Han characters becomes each one's first reading
// (homophone typos: 纪录 → ji lu). Each reading is one more alternative
// of its word, matched as a phrase in p1; if the query so read matches,
// the result says how (Result.Reading, "pinyin" or "homophone") and each
// hit carries its record's name in Via. If that matches nothing either,
// the query is read as needs (needs.go): its clauses cut into the words
// the thesaurus and the life events know and the stretches between them,
// filler dropped (换驾照需要带啥: 换 驾照); a record matches by any word or
// any term of a stretch (but a word or term more than half the records
// hold, 证明, only when nothing else is left), scored by how many, and those that match every
// piece come first (if none does, the result is partial); the result
// says so (Reading "needs", Result.Words). If that matches nothing either, every
// term of the query as typed is tried alone (one more than half the
// records hold only when no other is in any record) and the result is
// marked Partial. Scores are bleve's tf-idf, ties broken by the records'
// numbers in the export (below; the ord field, by its doc values). The query
// tree is described in bquery.go.
//
// Apart from the records, a result names the life events (一件事,
// events.toml) the query names (Result.Events): those whose name or one
// of whose words the clauses that must match hold, read as one text and
// compared by their unigram analysis (spoken in search.go: 家里 过世了
// names 身后事 by 过世, 身后 事 by its name), whether or not any record
// matches, in the order of events.toml; and the departments it names
// (Result.Departments), by a name or alias of two characters or more read
// the same way, one that lies within another's (交警 in 交警大队) giving
// way, in the order of departments.toml.
//
// # The engine
//
// search.js is written as classic scripts in js/, each owning one thing
// and each loadable by node's require (the tests require them directly):
// load.js (loading index files), analysis.js, query.js, reading.js, needs.js (as
// analysis.go, query.go, reading.go and needs.go), codes.js
// (which file holds a term; strings of numbers), store.js (the export format),
// score.js (the query tree and bleve's arithmetic, as bquery.go),
// engine.js (the API), ui.js (the search page) and start.js (window.JZSearch
// and the page's start). Engine joins them in that order (engineFiles),
// inside one function and without their comment-only lines, into the one
// asset Export writes at EnginePath; the site publishes it under a hashed
// name. codes.js and boot.js, joined the same way (bootFiles), begin
// manifest.js: the search page's head start (below, Round trips). It stays one classic script: it works from file:// and under the
// site's CSP (no modules, no eval, no inline styles), and its one global
// is window.JZSearch, with register(name, data), which index files call,
// and open(base).
//
// The page code uses the engine only through this API (documented in
// full at the top of js/engine.js):
//
//	open(base) → engine           base: the index folder, "…/search/index/"
//	engine.search(q, k, filter) → {total, partial, reading, hits, facets, marks, events, departments, words}
//
// k bounds the hits (all if k <= 0); filter, optional, keeps values by
// group ({kind: […], department: […], status: […]}). total counts the
// records that match and pass the filter; partial and reading say how the
// query matched (as Result.Partial and Result.Reading); each hit is {id,
// url (from the site root), kind, name, now, excerpt, department: {id,
// name}, status, score, via} with score and via as Hit's; facets lists,
// for kind, department and status, the values with their counts, each
// group counted through the filter's other groups; marks are the texts to
// highlight (the clauses and their alternatives); events are the life
// events the query names, as Result.Events, each {id, name, url (its page
// from the site root, events/<id>/index.html), k (the manifest's keys)},
// whatever the filter; departments are the departments it names, as
// Result.Departments, each {id, name, url: its page from the site root
// (department/<id>/index.html), phone, address, hours} (its g/ file's c); words, for a query read
// as needs, its pieces (Result.Words), else [].
// Results are promises.
//
// # Export format, version 17 (FormatVersion)
//
// Paths are relative to the site root. Every index file is a classic
// script, window.JZSearch.register("<name>", <JSON>); (the manifest's
// after the code of boot.js and a semicolon; r.js's, when the manifest has
// y, after y.js's whole) with <name> its path
// under the folder that holds it, without .js, because browsers refuse
// fetch under file:// and the site's CSP forbids eval. Same catalog, same
// bytes. The manifest is the one file at a fixed address; every other
// index file lies in search/index/<h>/, h being the first 16 hex digits of
// the SHA-256 of those files (their names, sizes and bytes, by name), so a
// host may cache them for ever, and a page that read one manifest never
// reads the files of another build.
//
//	assets/search.js             the engine and the search page's script (js/, joined: Engine)
//	search/index/manifest.js     boot.js's code, then everything needed before the first shard, and h
//	search/index/<h>/t/<x>.js    term shards; x = hex(termHash(term) & (tb-1))
//	search/index/<h>/p/<n>.js    blocks of long postings lists, pb of them (a JSON array of strings)
//	search/index/<h>/x/<x>.js    pairs of terms; x = hex(termHash("A B") & (xb-1))
//	search/index/<h>/d/<n>.js    records n·db … n·db+db-1: [id, name, now, excerpt]
//	search/index/<h>/h/<n>.js    when db < n: the records of a common term's first page, {"dr": {number: record}}
//	search/index/<h>/f/<x>.js    fold pairs; x = hex(code point & (fb-1)) of the traditional character
//	search/index/<h>/r.js        first readings of GB 2312's first level and of the names' characters, grouped by reading: an阿安… (and y.js, when y)
//	search/index/<h>/s.js        syllables, and the thesaurus's terms with their readings
//	search/index/<h>/y.js        the terms of Latin letters, when they come to 16 KB gzipped or less (y)
//	search/index/<h>/g/<n>.js    the terms of the editor's thesaurus entry n: synonym groups (syn), then departments (dep)
//	search/index/<h>/e/<n>.js    the terms and words of built-in entry n: the situations the catalog uses, then its groups
//
// Records are numbered 0… by kind (catalog.Kinds order), department id,
// status, then id: records that share a kind, department and status form
// one run, so the filters' facets are the manifest's runs, not a value per
// record. Results of equal score are ordered by these numbers, in Go as
// in the engine.
//
// The manifest is an object: v (FormatVersion), h (the folder), n
// (records), f (fields: [name, boost, 1 if without positions] in the order n1 n2 n3
// u1 u2 u3 p1 department), idf0 (idf of a term in no record), tb (term shards, a
// power of two), fb (fold shards, a power of two), xb (pair shards, a
// power of two; 0 when no list is cut into blocks, and so no x/ file),
// fc (the traditional characters of the fold pairs the export keeps:
// those whose simplified form a term of the index, a word of the
// thesaurus or of a life event, or GB 2312's first level holds, since
// folding another changes nothing a query finds (foldsOf); in code point
// order, as a string of numbers, the first code point then each next one
// minus the one before, written as in postings below), pb (block n is item n mod pb of p file ⌊n/pb⌋;
// a p file holds pb blocks or fewer: see a term shard's t below), y (1 if every
// term of Latin letters, a–z only, is in y.js and in no term shard: when
// that file, a term shard, is 16 KB gzipped or less, as in a county's
// catalog; else 0), db (records per d
// file: all the records, db ≥ n, when they come to 12 KB or less gzipped,
// so that a county's catalog has one d file), lim ([max clauses, max alternatives, max
// disjuncts]), kinds, st (statuses: cancelled, retained, removed), dep
// (by id, each {id, name, aliases}), syn (synonym
// groups, official term first), runs ([kind, department, status, count], in record order; the
// numbers index kinds, dep and st) and ev (the life events, in the order
// of events.toml, each {id, name, k}, to which the engine adds url, its
// page from the site root, events/<id>/index.html; k its name and words,
// folded (so the engine speaks them without the fold shards: 養狗 is
// 养狗) and without two that speak alike, which the engine turns into what it
// compares with a query: each a space then its unigram terms each
// followed by a space; [] without events.toml). The
// engine returns these objects as its result's events, k so spoken. Then what the
// needs reading uses of the built-in words (export_words.go): bw, the
// weight of their alternatives; w1, the built-in words that do not start
// with two Han characters (要, 啥, 娃, B超), each [text, 1 if it is
// filler, 2 if it is filler that no record's name sounds like (a word
// that holds one is not read as homophones: muteFillers in reading.go),
// else 0, the numbers of the built-in entries it calls up…]; e1,
// those entries by number, each [what calls it up, the terms it adds],
// or for a group [its words], which are both.
// Entries are numbered the situations the catalog uses first, then its
// groups, as the e/ files.
//
// A term shard is {"idf": {df: idf}, "t": {term: [field…]}, "w": {pair:
// [word…]}, "h": {term: n}}: h (left out when empty; only when the
// records are not one d file, db < n) names, for each term of two
// characters or more whose list is cut into blocks in a field of
// bigrams, the h file that holds the records of the first page (10 hits)
// of a search of the term alone (export_hints.go; terms of the same
// first page share one, numbered in the order of their first terms); the
// engine asks for that of the rarest term of a one-clause query's phrase
// with the blocks, a guess at its hits' records. w (left out when empty) holds the built-in words that start
// with a pair of Han characters whose term falls in this shard, each as
// in the manifest's w1, so that a question loads only the words that can
// start at one of its pairs, from the shards it loads anyway. In t, for each
// field in manifest order, 0 if the term is not in it, a postings string,
// or [df, first record, block, first record, block, …] for a list cut
// into blocks; trailing zeros are left out. A term whose cut lists come
// to three to sixteen blocks in all has them in one p file of its own;
// otherwise a short list's blocks are in one p file, and a long list's
// fill files of their own, as evenly as sixteen to a file allows, so that a
// list spans as few files as its length allows. idf holds bleve's idf,
// 1 + ln(n/(df+1)), for every df in the shard, so the engine computes no
// logarithm. A postings string is a sequence of numbers, each written in
// base 32, most significant digit first, with the digits
// "0123456789abcdefghijklmnopqrstuv" for the last digit of a number and
// "ABCDEFGHIJKLMNOPQRSTUVWXYZwxyz-_" for the others. Per record: the record
// number minus the previous one in the string (the first from 0), the
// field's length in tokens, the term's frequency, then its positions, the
// first as is and each next as the difference from the one before (the
// unigram fields, which only ever answer one character, have no positions).
//
// A g/ or e/ file is a term shard of its entry's terms: for a synonym
// group every term of its words, for a department those of its name and
// aliases and its id (the department field; the id's lists whole, one
// string per field even when its term shard has them cut into blocks, so
// that a query naming a department needs no blocks for it, and c, its
// contacts: [phone, address, hours], which the results show when a query
// names it; and so are the lists of a word of one term, 丢失, when they
// come to 16 KB or less in all (wholeWord), for it has no phrase in ph
// to be read from), for a built-in situation
// those of its sayings and services, for a built-in group those of its
// words, each as newAlt analyses it (without h). A clause that calls an entry up
// (as typed, or as its alternatives) reads those terms from the entry's
// file, not from their term shards, and so does the partial fallback
// for each of them alone; a clause that calls up none reads
// the term shards. A g/ file's w holds the built-in words that start at
// a pair of its words, as a term shard's w: the needs reading of a
// clause that called the entry up reads its pairs' words there. A g/ or
// e/ file's ph (left out when empty) holds, for each of its words that
// is a phrase (two slots or more, as newAlt analyses it) and whose terms
// have a list cut into blocks in a field of bigrams, the phrase's
// matches: {key: [n1, n2, n3]}, key the phrase's terms joined by a
// space (an empty slot as nothing), each field 0 if no term of the
// phrase has a cut-up list there (trailing zeros left out), else a
// string of numbers, as postings are written: per record that holds the
// terms at start + slot for some start, the record number minus the
// previous one, the field's length, then each term's frequency in slot
// order. The engine scores such a phrase from these, not from its
// terms' blocks, and knows its matches with the file
// (export_phrases.go). When the records are not one d file (db < n), a
// g/ or e/ file's dr holds the records of the first page (10 hits) of
// each of its words searched alone as typed, {number: [id, name, now,
// excerpt]}, as the d files hold them: the engine takes a hit's record
// from there rather than from its d file (export_shown.go), and still
// ranks every query itself. An e/ file also holds its entry's words: k, what
// calls it up, and for a situation m, the services it adds (a group adds
// its own words); the engine reads them when a piece of a question calls
// the entry up, with the entry's terms.
//
// A pair shard (x/) holds, for two terms A and B of a field of bigrams
// (n1, n2, n3) or of p1, one of which has its list in that field cut
// into blocks, that stand one right after the other (B at A's position
// + 1) in some record, the pair's lists: {"A B": [per field in manifest
// order, 0 where no record holds the pair, else [A's postings, B's
// postings], each a postings string of the records that hold the pair;
// trailing zeros left out]} (export_pairs.go). The engine reads a term
// of a phrase whose list is cut into blocks from the pair it makes with
// its rarer neighbour in the phrase: the phrase needs no other record,
// and the pair's records are far fewer than the term's (证明 in 火化证明:
// only where 化证 precedes). A pair absent from its file is in no record.
//
// A fold shard is a string of pairs, each a traditional character and its
// simplified form; the engine loads those of a query's characters that fc
// names before analysing it (a query in simplified characters loads none). r.js is a string of readings in letters
// a–z, in order, each followed by the characters whose first reading it
// is (an安按…ji记纪…): GB 2312's first level and the characters of the
// records' names (readingTable), loaded only to read a query's Han words
// as pinyin; when the manifest has y, the file first registers y.js's
// data, where the readings' terms are, so that reading asks for one file
// (y.js stays on its own for a word of Latin letters). s.js is {"s": the syllables,
// space-separated, "k": [[term, [[reading…] per character]]…]}: the
// thesaurus's terms in Han characters (synonyms, then department
// aliases), loaded only to read a word of Latin letters as pinyin.
//
// # Round trips
//
// On a phone network the time goes to round trips, so the engine asks
// for files in as few dependent waves as it can (TestBudget counts them):
// the search page preloads the engine and runs the manifest as an async
// script, and the engine as one too, both before its first paint
// (blocking="render"), for the page's first layout would otherwise keep
// them, and the shards that arrive meanwhile, waiting; arriving first, its code (boot.js) asks at once for the files
// of the first wave of the query in the page's address that it can name
// without the engine (the records when they are one d file, the g/ file of
// a clause that is an editor's word, the term shards of a plain clause's
// terms: never one the engine would not ask for, TestBoot), and the
// engine, when it starts, waits for those instead of asking; a query's term
// shards or entry files (g/, e/: one file for every alternative of a
// synonym, instead of a shard per term) (and, for a word of Latin letters, s.js, and y.js, which holds
// the word as typed and its reading as pinyin, or else the shards of that reading after s.js;
// for a query that names a department, the g/ file of each department it
// names, for its contacts) are
// asked for at once; when a query matches nothing as typed, the term
// shards of its pairs (the built-in words that start there; for a clause
// that called up an editor's entry, that entry's file), then the
// e/ and g/ files of the entries its pieces call up, then the shards of
// the needs reading's words are asked for with those of the homophone
// reading (r.js, which registers y.js too when the manifest has y, else
// the syllables' shards after r.js; not for a word the thesaurus knows, which is not
// read as homophones: a word of the editor's entries, of the built-in
// words the shards of its pairs name, or of a life event); a phrase's
// terms whose lists are cut into blocks are read from their pairs (x/),
// asked for with the blocks, unless the lists inline in the shards
// already say no record holds the phrase or the query; the lists inline in the
// shards bound the matches, and every block that can hold one is asked
// for in one wave, with the records when they are 12 or fewer (when all
// records are one d file, db ≥ n, it is asked for with the term shards);
// without such a bound, every block of its cut-up lists is asked for
// at once; last come the records of the hits shown (but those an
// entry's file carries, dr, which come with it, and those of the h file
// a query as typed, as read or in the partial fallback guesses from h, which comes with the
// pairs or blocks). Queries in traditional characters (f/) and
// queries read as homophones (r.js, one file) wait for one wave more
// (two without y.js).
//
// # Scoring in the engine (js/score.js)
//
// A leaf (term, field, boost) scores √tf · float32(1/√length) · idf, times
// boost · idf · queryNorm, queryNorm = 1/√Σ(boost·idf)² over the leaves of
// the whole query (bleve's TermQueryScorer). Phrases and conjunctions sum
// their children; disjunctions sum the children that match and multiply by
// their share (coord). Children are ordered by document frequency as
// bleve's searchers order them.
package search
