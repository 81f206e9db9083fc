package search

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"jianzheng/generator/catalog"
	everyday "jianzheng/generator/thesaurus"
)

// FormatVersion is the version of the export. The engine refuses any other:
// FORMAT in js/store.js must be this number (TestEngineFormatVersion).
// Change both together whenever the export changes shape or meaning.
const FormatVersion = 17

// Paths of the export, relative to the site root.
const (
	EnginePath = "assets/search.js"
	IndexDir   = "search/index/"
)

// Sizes of the export's pieces (variables for the budget experiments).
var (
	docBlock     = 8        // records per document-store file
	docsOneFile  = 12 << 10 // gzipped bytes under which all records are one d file (docFiles)
	latinOneFile = 16 << 10 // gzipped bytes under which the terms of Latin letters are one file, y.js (latinFile)
	bucketTarget = 600      // bytes per term shard, about
	foldBuckets  = 64       // shards of the fold pairs (f/)
)

// manifest is search/index/manifest.js: everything the engine needs before
// it knows which files a query touches, and the folder that holds them.
type manifest struct {
	V       int      `json:"v"`    // FormatVersion
	Dir     string   `json:"h"`    // the folder of the other files under search/index/: a hash of them
	Docs    int      `json:"n"`    // records
	Fields  [][3]any `json:"f"`    // name, boost, 1 if unigram
	Idf0    float64  `json:"idf0"` // idf of a term no record has
	Buckets int      `json:"tb"`   // term shards, a power of two
	Folds   int      `json:"fb"`   // fold-pair shards, a power of two
	// pair shards (x/, export_pairs.go), a power of two; 0 without pairs
	PairBuckets int             `json:"xb"`
	Folded      string          `json:"fc"`    // the characters whose fold pair the export keeps (foldedChars)
	DocBlock    int             `json:"db"`    // records per document-store file
	Pack        int             `json:"pb"`    // block n is item n%pb of p file n/pb (packRef)
	Latin       int             `json:"y"`     // 1 if the terms of Latin letters are in y.js, not in term shards
	Limits      [3]int          `json:"lim"`   // maxClauses, maxAlts, maxDisjuncts
	Kinds       []catalog.Kind  `json:"kinds"` // facet values, by index
	Statuses    []string        `json:"st"`
	Depts       []manifestDept  `json:"dep"`  // by id
	Synonyms    [][]string      `json:"syn"`  // groups, official term first
	Runs        [][4]int        `json:"runs"` // kind, dept, status, count, in document order
	Events      []manifestEvent `json:"ev"`   // in the order of events.toml
	// the built-in words no pair finds (export_words.go), and the weight
	// of the built-in alternatives
	Words         []needsWord          `json:"w1"`
	WordEntries   map[int]builtinEntry `json:"e1"` // the entries they call up
	BuiltinWeight float64              `json:"bw"`
}

// manifestDept is a department as the engine names it in facets and
// reads it in queries; its contacts are in its g/ file, which a query
// that names it loads.
type manifestDept struct {
	ID      string   `json:"id"`
	Name    string   `json:"name"`
	Aliases []string `json:"aliases"`
}

// manifestEvent is a life event as the engine returns it (its result's
// events), once the engine has added its url, built from the id in fewer
// bytes than the manifest would spend on it.
type manifestEvent struct {
	ID   string   `json:"id"` // its page, events/<id>/index.html, the engine adds as url
	Name string   `json:"name"`
	Keys []string `json:"k"` // its name and words, folded, one per key eventsOf compares (the engine speaks them)
}

// Export writes the static index and the engine: paths relative to the
// site root, mapped to their bytes. The same catalog gives the same bytes.
// Every index file but the manifest lies in a folder named by a hash of
// those files (IndexFolder), so that hosts may cache them for ever and a
// page that read one manifest never reads another build's shards.
func (ix *Index) Export() (map[string][]byte, error) {
	ordered := ix.ordered
	docnum := make(map[string]int, len(ordered))
	for i, r := range ordered {
		docnum[r.ID] = i
	}
	docs := make([][4]string, len(ordered))
	for i, r := range ordered {
		docs[i] = storedDoc(r)
	}
	perFile := docFiles(docs)
	inline := inlineMax
	if perFile >= len(docs) {
		// a county's catalog: a list that fits one block is in its
		// shard, so a query with 证明 or 办理 needs no wave for blocks
		inline = max(inlineMax, blockSize)
	}
	texts := entryTexts(ix.cat, ix.builtin)
	st, packs, err := ix.readStats(docnum, inline, phraseTerms(texts))
	if err != nil {
		return nil, err
	}
	shards := map[string][]byte{}
	var encErr error
	add := func(name string, v any) {
		b, err := shardFile(name, v)
		shards[name] = b
		if encErr == nil {
			encErr = err
		}
	}
	var hints map[string]int
	if perFile < len(docs) {
		pages, err := hintPages(st, packs)
		if err != nil {
			return nil, err
		}
		var files []map[string][4]string
		hints, files = hintFiles(pages, docs)
		for i, shown := range files {
			add("h/"+strconv.Itoa(i), hintPage{shown})
		}
	}
	words := slices.Concat(texts, everyday.Filler())
	for _, e := range ix.cat.Events {
		words = append(append(words, e.Name), e.Words...)
	}
	folds := foldsOf(st, words)
	m := ix.manifest(ordered, st)
	m.Folded = foldedChars(folds)
	byPair, rest, restEntries := needsWords(ix.builtin, everyday.Filler(), ix.mute)
	m.Words, m.WordEntries, m.BuiltinWeight = rest, restEntries, builtinWeight
	if len(st.pairs) > 0 {
		var xs []map[string][]any
		m.PairBuckets, xs = pairShards(st.pairs)
		for b, shard := range xs {
			add("x/"+strconv.FormatInt(int64(b), 16), shard)
			xs[b] = nil
		}
		st.pairs = nil // written: at 100,000 records, hundreds of MB the rest of the export does without
	}
	latin, inY := latinFile(st)
	if inY {
		m.Latin = 1
		add("y", latin)
	}
	ts := termShards(st, m.Buckets, inY, hints)
	addWords(ts, byPair)
	for b, shard := range ts {
		add("t/"+strconv.FormatInt(int64(b), 16), shard)
	}
	groups, err := groupFiles(ix.cat, st, packs, byPair)
	if err != nil {
		return nil, err
	}
	builtins, err := builtinFiles(ix.builtin, st, packs)
	if err != nil {
		return nil, err
	}
	if perFile < len(docs) {
		files := append(append([]*termShard{}, groups...), builtins...)
		if err := ix.addShown(files, append(groupTexts(ix.cat), builtinTexts(ix.builtin)...), docs, docnum); err != nil {
			return nil, err
		}
	}
	for i, sh := range groups {
		add("g/"+strconv.Itoa(i), sh)
	}
	for i, sh := range builtins {
		add("e/"+strconv.Itoa(i), sh)
	}
	for b, pairs := range foldShards(folds, foldBuckets) {
		add("f/"+strconv.FormatInt(int64(b), 16), pairs)
	}
	add("s", ix.spokenFile())
	add("r", readingFile(ix.spoken))
	if inY {
		// a Han word read as homophones needs the readings and then
		// their terms: r.js registers y.js's data first, so that reading
		// asks for one file, not two (y.js stays for a word of Latin
		// letters, which needs no r.js)
		shards["r"] = append(append([]byte{}, shards["y"]...), shards["r"]...)
	}
	for i, pack := range packs {
		add("p/"+strconv.Itoa(i), pack)
	}
	m.DocBlock = perFile
	for i := 0; i < len(docs); i += m.DocBlock {
		add("d/"+strconv.Itoa(i/m.DocBlock), docs[i:min(i+m.DocBlock, len(docs))])
	}
	if encErr != nil {
		return nil, encErr
	}
	m.Dir = folderHash(shards)
	out := map[string][]byte{EnginePath: engineJS}
	for name, b := range shards {
		out[IndexDir+m.Dir+"/"+name+".js"] = b
	}
	b, err := shardFile("manifest", m)
	if err != nil {
		return nil, err
	}
	// the search page's head start (boot.js) runs before the manifest
	// registers
	out[IndexDir+"manifest.js"] = append(append([]byte{}, bootJS...), b...)
	return out, nil
}

// docFiles is the number of records per d file: all of them when they
// fit in docsOneFile bytes gzipped, as in a county's catalog, for then the
// engine asks for that one file with a query's term shards, and the
// records of the hits are in when scoring ends, a wave of round trips
// sooner; else docBlock.
func docFiles(docs [][4]string) int {
	if len(docs) > 0 && gzipLen(docs) <= docsOneFile {
		return len(docs)
	}
	return docBlock
}

// gzipLen is the length of v in JSON, gzipped as a host sends it; more
// than any bound if v cannot be encoded (which Export then reports).
func gzipLen(v any) int {
	b, err := json.Marshal(v)
	if err != nil {
		return math.MaxInt
	}
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.DefaultCompression)
	w.Write(b)
	w.Close()
	return buf.Len()
}

// folderHash names the folder of the files: the first 16 hex digits of
// the SHA-256 of their names and contents, in the order of their names.
func folderHash(files map[string][]byte) string {
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	h := sha256.New()
	for _, name := range names {
		fmt.Fprintf(h, "%s %d\n", name, len(files[name]))
		h.Write(files[name])
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

func (ix *Index) manifest(ordered []*catalog.Record, st *stats) *manifest {
	m := &manifest{
		V: FormatVersion, Docs: st.docs, Folds: foldBuckets, Idf0: idf(st.docs, 0), DocBlock: docBlock, Pack: packRef,
		Limits: [3]int{maxClauses, maxAlts, maxDisjuncts},
		Kinds:  catalog.Kinds, Statuses: statuses, Synonyms: [][]string{},
		Depts: []manifestDept{}, Runs: [][4]int{}, // [] rather than null in an empty catalog
	}
	for _, f := range exportFields {
		u := 0
		if f.Unigram {
			u = 1
		}
		m.Fields = append(m.Fields, [3]any{f.Name, f.Boost, u})
	}
	deptIndex := map[string]int{}
	for i, d := range ix.cat.Departments {
		deptIndex[d.ID] = i
		m.Depts = append(m.Depts, manifestDept{ID: d.ID, Name: d.Name, Aliases: append([]string{}, d.Aliases...)})
	}
	m.Events = []manifestEvent{}
	for _, e := range ix.events {
		m.Events = append(m.Events, manifestEvent{e.id, e.name, e.texts})
	}
	for _, g := range ix.cat.Synonyms {
		m.Synonyms = append(m.Synonyms, g.Terms)
	}
	m.Runs = append(m.Runs, runs(ordered, deptIndex)...)
	size := 0
	for term, es := range st.terms {
		size += len(term) + 4
		for _, e := range es {
			switch e := e.(type) {
			case string:
				size += len(e) + 3
			case *blockRef:
				size += 8 + 8*len(e.blocks)
			default:
				size += 2
			}
		}
	}
	for m.Buckets = 1; size/m.Buckets > bucketTarget; m.Buckets *= 2 {
	}
	return m
}

// termShard is t/<bucket>.js: the terms whose hash falls in the bucket,
// each with its postings per field (0 absent, a string inline, or
// [df, first document, file, first document, file, …] for blocks in
// p/<file>.js; trailing absent fields left out), and the idf of every
// document frequency that occurs in the shard.
type termShard struct {
	Idf   map[string]float64     `json:"idf"`
	Terms map[string][]any       `json:"t"`
	Words map[string][]needsWord `json:"w,omitempty"` // the built-in words by their first pair (export_words.go)
	// in a g/ or e/ file, the matches of its phrases whose lists are cut up (export_phrases.go)
	Phrases map[string][]any `json:"ph,omitempty"`
	// in a g/ or e/ file, the records of its words' first pages, by number (export_shown.go)
	Shown map[string][4]string `json:"dr,omitempty"`
	// in a t/ file of a large catalog, the h file of the first page of each term with a cut-up list (export_hints.go)
	Hints map[string]int `json:"h,omitempty"`
	// in an e/ file, its built-in entry: what calls it up, the terms it adds
	Calls []string `json:"k,omitempty"`
	Adds  []string `json:"m,omitempty"`
	// in a department's g/ file, its contacts: phone, address, hours
	Contacts *[3]string `json:"c,omitempty"`
}

// hintPage is an h file: the records of a common term's first page, by
// number (export_hints.go).
type hintPage struct {
	Shown map[string][4]string `json:"dr"`
}

// termShards are the term shards (t/), without the terms of Latin
// letters when y.js holds them, with each term's hint (hintFiles) if it
// has one.
func termShards(st *stats, buckets int, withoutLatin bool, hints map[string]int) []*termShard {
	shards := make([]*termShard, buckets)
	for i := range shards {
		shards[i] = newTermShard()
	}
	for term := range st.terms {
		if withoutLatin && latin(term) {
			continue
		}
		sh := shards[termHash(term)&uint32(buckets-1)]
		sh.add(st, term)
		if h, ok := hints[term]; ok {
			if sh.Hints == nil {
				sh.Hints = map[string]int{}
			}
			sh.Hints[term] = h
		}
	}
	return shards
}

// latinFile is y.js: one term shard of every term of Latin letters (a–z:
// the readings of the names in p1, and the few such words records hold),
// and whether it is at most latinOneFile bytes gzipped, as in a county's
// catalog. Then a query read as pinyin or as homophones (reading.go) asks
// for it with r.js or s.js, rather than for a shard per syllable after
// them: a wave of round trips and a request per syllable less.
func latinFile(st *stats) (*termShard, bool) {
	sh := newTermShard()
	for term := range st.terms {
		if latin(term) {
			sh.add(st, term)
		}
	}
	return sh, gzipLen(sh) <= latinOneFile
}

// latin reports whether term is of Latin letters only (store.js LATIN).
func latin(term string) bool {
	for i := 0; i < len(term); i++ {
		if term[i] < 'a' || term[i] > 'z' {
			return false
		}
	}
	return term != ""
}

func newTermShard() *termShard {
	return &termShard{Idf: map[string]float64{}, Terms: map[string][]any{}}
}

// add writes term's entry into sh, with the idf of each of its document
// frequencies; a term no record holds is left out, as in any shard.
func (sh *termShard) add(st *stats, term string) {
	es, ok := st.terms[term]
	if !ok {
		return
	}
	var entry []any
	for fi, e := range es {
		df := st.dfs[term][fi]
		switch e := e.(type) {
		case string:
			entry = append(entry, e)
		case *blockRef:
			v := []any{e.df}
			for i := range e.blocks {
				v = append(v, e.first[i], e.blocks[i])
			}
			entry = append(entry, v)
		default:
			entry = append(entry, 0)
			continue
		}
		sh.Idf[strconv.Itoa(df)] = idf(st.docs, df)
	}
	for len(entry) > 0 && entry[len(entry)-1] == 0 {
		entry = entry[:len(entry)-1]
	}
	sh.Terms[term] = entry
}

// groupFiles are the editor's thesaurus as the engine reads it (g/): one
// file per entry, in the thesaurus's order (synonym groups, then
// departments), holding the entries of every term of its words (and a
// department's id), as a term shard holds them. A clause that calls an
// entry up reads its alternatives from that one file, rather than from a
// term shard per term: a round of requests for each synonym less. A
// department's id comes with its whole list (wholeList).
func groupFiles(c *catalog.Catalog, st *stats, packs [][]string, byPair map[string][]needsWord) ([]*termShard, error) {
	var out []*termShard
	for i, texts := range groupTexts(c) {
		var more []string
		var contacts *[3]string
		if d := i - len(c.Synonyms); d >= 0 {
			dep := c.Departments[d]
			more, contacts = append(more, dep.ID), &[3]string{dep.Phone, dep.Address, dep.Hours}
		}
		sh, err := entryFile(st, packs, byPair, texts, more...)
		if err != nil {
			return nil, err
		}
		sh.Contacts = contacts
		for _, id := range more {
			if err := wholeList(sh, st, packs, id, 0); err != nil {
				return nil, err
			}
		}
		out = append(out, sh)
	}
	return out, nil
}

// wholeList writes into an entry file the lists of term that are cut into
// blocks whole, as one postings string each, if they come to at most
// limit characters in all (0: whatever their length). A department's id
// is in the department field of its records only: a few hundred numbers,
// without positions, so a query that names it scores it from its entry's
// file rather than from blocks a wave after it.
func wholeList(sh *termShard, st *stats, packs [][]string, term string, limit int) error {
	es, entry := st.terms[term], sh.Terms[term]
	if es == nil {
		return nil
	}
	whole, size := map[int]string{}, 0
	for fi, e := range es {
		ref, ok := e.(*blockRef)
		if !ok {
			continue
		}
		var b strings.Builder
		prev := 0
		for _, n := range ref.blocks {
			nums, err := postingNumbers(packs[n/packRef][n%packRef])
			if err != nil {
				return fmt.Errorf("search: the list of %q: %w", term, err)
			}
			doc := 0 // each block counts from 0
			for i := 0; i+2 < len(nums); {
				doc += nums[i]
				putNum(&b, doc-prev)
				prev = doc
				end := i + 3
				if !exportFields[fi].Unigram {
					end += nums[i+2] // the positions
				}
				for _, x := range nums[i+1 : end] {
					putNum(&b, x)
				}
				i = end
			}
		}
		whole[fi], size = b.String(), size+b.Len()
	}
	if limit > 0 && size > limit {
		return nil
	}
	for fi, w := range whole {
		entry[fi] = w
	}
	return nil
}

// groupTexts are the words of the editor's entries, in groupFiles' order:
// each synonym group's terms, then each department's name and aliases.
func groupTexts(c *catalog.Catalog) [][]string {
	var out [][]string
	for _, g := range c.Synonyms {
		out = append(out, g.Terms)
	}
	for _, d := range c.Departments {
		out = append(out, append([]string{d.Name}, d.Aliases...))
	}
	return out
}

// builtinFiles are the built-in entries as the needs reading reads them
// (e/), one file per entry, situations then groups (as newThesaurus
// numbers them): the terms of its words, as groupFiles are for the
// editor's, and the words themselves: what calls it up (k) and, for a
// situation, the services it adds (m; a group adds its own words).
func builtinFiles(b builtinWords, st *stats, packs [][]string) ([]*termShard, error) {
	var out []*termShard
	for i, texts := range builtinTexts(b) {
		sh, err := entryFile(st, packs, nil, texts)
		if err != nil {
			return nil, err
		}
		if i < len(b.situations) {
			sh.Calls, sh.Adds = b.situations[i][0], b.situations[i][1]
		} else {
			sh.Calls = texts
		}
		out = append(out, sh)
	}
	return out, nil
}

// builtinTexts are the words of the built-in entries, in builtinFiles'
// order: each situation's sayings and services, then each group's words.
func builtinTexts(b builtinWords) [][]string {
	var out [][]string
	for _, s := range b.situations {
		out = append(out, append(append([]string{}, s[0]...), s[1]...))
	}
	return append(out, b.groups...)
}

// entryFile is the term shard of the terms of texts, as newAlt analyses
// them, and of the terms more, with the built-in words of byPair that
// start at a pair of texts (entryWords). A word of one term (丢失) has
// no phrase to read from (addPhrases): its lists come whole when they
// are short (wholeWord), so that a clause calling the entry up needs no
// blocks a wave after the file.
func entryFile(st *stats, packs [][]string, byPair map[string][]needsWord, texts []string, more ...string) (*termShard, error) {
	sh := newTermShard()
	var words []string // of one term
	for _, t := range texts {
		terms := newAlt(t, 1).terms
		for _, term := range terms {
			if term != "" {
				sh.add(st, term)
			}
		}
		if len(terms) == 1 && terms[0] != "" {
			words = append(words, terms[0])
		}
	}
	entryWords(sh, texts, byPair)
	addPhrases(sh, st, texts)
	for _, term := range more {
		sh.add(st, term)
	}
	for _, term := range words {
		if err := wholeList(sh, st, packs, term, wholeWord); err != nil {
			return nil, err
		}
	}
	return sh, nil
}

// wholeWord bounds the lists (characters of postings strings, all fields)
// an entry's file carries whole for a word of one term: 16 KB is about
// 7 KB gzipped, some 35 ms on a slow phone network, where the blocks
// cost a round trip of 150 ms more, in a wave of their own.
const wholeWord = 16 << 10

// foldsOf are the pairs of foldPairs (each a traditional character and
// its simplified form) whose simplified form a search of this index can
// tell from the traditional one: one that some term of the index holds,
// or a word of the thesaurus (the editor's, the built-in ones, the
// filler) or of a life event, or one of GB 2312's first level, which
// r.js reads as homophones. Folding any other character changes nothing a
// query finds, reads or shows (its two forms are in no list), and the
// manifest names the traditional characters of the pairs it keeps (fc),
// 1.5 KB gzipped for all 2,552 pairs, in every first search.
func foldsOf(st *stats, words []string) string {
	held := map[rune]bool{}
	for term := range st.terms {
		for _, r := range term {
			held[r] = true
		}
	}
	for _, w := range words {
		for _, r := range w {
			held[r] = true
		}
	}
	var b strings.Builder
	rs := []rune(foldPairs)
	for i := 0; i+1 < len(rs); i += 2 {
		if held[rs[i+1]] || commonChar(rs[i+1]) {
			b.WriteString(string(rs[i : i+2]))
		}
	}
	return b.String()
}

// foldedChars are the traditional characters of pairs (foldsOf), in code
// point order, written as the differences between successive code points
// in the digits of postings. With them the engine loads f/ shards only
// for a query holding one of these characters, and a query in simplified
// characters (nearly every query) asks for its term shards at once.
func foldedChars(pairs string) string {
	var b strings.Builder
	prev := 0
	rs := []rune(pairs)
	for i := 0; i+1 < len(rs); i += 2 {
		putNum(&b, int(rs[i])-prev)
		prev = int(rs[i])
	}
	return b.String()
}

// foldShards splits pairs (foldsOf) by the traditional character's code
// point modulo buckets: f/<hex(bucket)>.js holds the pairs (a JSON
// string) that search.js needs for a query holding such a character.
func foldShards(pairs string, buckets int) []string {
	out := make([]string, buckets)
	rs := []rune(pairs)
	for i := 0; i+1 < len(rs); i += 2 {
		b := int(rs[i]) & (buckets - 1)
		out[b] += string(rs[i : i+2])
	}
	return out
}
