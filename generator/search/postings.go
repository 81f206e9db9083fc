package search

import (
	"bytes"
	"container/heap"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2/index/scorch"
	segapi "github.com/blevesearch/scorch_segment_api/v2"

	"jianzheng/generator/cores"
)

// Postings blocks: a term's postings in one field longer than inlineMax
// characters (blockSize when all records are one d file: docFiles) are cut
// into blocks of about blockSize characters, so that a conjunction whose
// rarest clause is rare decodes only the blocks of its common terms (证明,
// 办理) that hold candidate records (a phrase reads such a term from
// its pairs instead: export_pairs.go). Blocks travel several to a file
// (p/): on a phone a request costs a round trip, which is worth more
// bytes than a block holds. A list of packBlocks blocks or fewer shares a
// file with others, packBlocks to a file; a longer one has files of its
// own, of up to longPack blocks: it is a common term's (证明 is in every
// record's name), read whole far more often than in part (a word alone,
// a piece of a question read as needs), and at 10,000 records sixteen
// blocks to a file read 证明 in three files, not eight. A term's lists in
// its fields are wanted together too (a word is matched in n1,
// n2 and n3 at once): when they come to at most longPack blocks in all,
// they share one file of their own (placeTerm). (Variables so that a test
// can cut lists into many small blocks.)
var (
	inlineMax  = 160
	blockSize  = 2400
	packBlocks = 2
)

const (
	longPack = 16
	// packRef numbers blocks: block n is item n%packRef of p file
	// n/packRef (the manifest's pb). A file holds at most packRef blocks,
	// most fewer.
	packRef = 16
)

// stats are what scoring needs from the index beyond the postings.
type stats struct {
	docs  int                          // records in the index (bleve DocCount)
	terms map[string]*[numExported]any // term → per field: nil, an inline string or a blockRef
	dfs   map[string]*[numExported]int // term → per field: document frequency
	// the postings of the terms of the thesaurus's phrases in the fields
	// of bigrams, kept for their entries' files (export_phrases.go)
	raw map[string]*[phraseFields][]posting
	// the lists of the pairs of terms one after the other in a field of
	// bigrams or p1, one of which has a list cut into blocks there
	// (export_pairs.go): "A B" → per field, A's and B's lists, or none
	pairs map[string]*[numExported][2]string
}

// blockRef is a cut-up postings list: its df, then each block's first
// document and number: block n is item n%packRef of p file n/packRef.
type blockRef struct {
	df     int
	first  []int
	blocks []int
}

// idf is bleve's tf-idf inverse document frequency (TermQueryScorer.computeIDF).
// An empty catalog has no idf (bleve's would be -Inf, which JSON cannot
// hold); nothing is scored then, so 0 stands in.
func idf(docs, df int) float64 {
	if docs == 0 {
		return 0
	}
	return 1.0 + math.Log(float64(docs)/float64(df+1))
}

// posting is one record's occurrences of a term in a field: positions
// are read for the bigram fields only.
type posting struct {
	doc, length, freq int
	pos               []int
}

// readStats reads every term of every exported field back out of bleve, with
// frequencies, norms and positions, and encodes the postings by export
// document number. A term's list in one field is inline (in its shard)
// when it comes to inline characters or fewer. The postings of the terms
// of keep in the fields of bigrams are kept as they are (stats.raw).
func (ix *Index) readStats(docnum map[string]int, inline int, keep map[string]bool) (*stats, [][]string, error) {
	adv, err := ix.bleve.Advanced()
	if err != nil {
		return nil, nil, fmt.Errorf("search: opening index: %w", err)
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, nil, fmt.Errorf("search: opening index reader: %w", err)
	}
	defer r.Close()
	n, err := r.DocCount()
	if err != nil {
		return nil, nil, fmt.Errorf("search: counting documents: %w", err)
	}
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return nil, nil, fmt.Errorf("search: the index is not a scorch index (%T)", r)
	}
	segs, err := segmentRecords(snap, docnum)
	if err != nil {
		return nil, nil, err
	}
	// Fields are read on every core (a snapshot is immutable), then
	// merged in field order, so block numbers do not depend on timing.
	// A field's pairs (export_pairs.go) are made as soon as it is read,
	// and the postings they needed dropped; one field at a time, so that
	// no more than one field's postings are held whole at once (at
	// 10,000 records, a quarter of a GB less than all four fields').
	read := make([][]termPostings, len(exportFields))
	pairs := make([]map[string][2]string, len(exportFields))
	var whole sync.Mutex
	err = cores.Each(len(exportFields), func(fi int) (err error) {
		kept := func(t string) bool { return fi < phraseFields && keep[t] }
		k := kept
		if pairField(fi) {
			k = func(string) bool { return true }
			whole.Lock()
			defer whole.Unlock()
		}
		if read[fi], err = readField(segs, exportFields[fi], k); err != nil || !pairField(fi) {
			return err
		}
		pairs[fi] = fieldPairs(int(n), read[fi], inline)
		for i := range read[fi] {
			if !kept(read[fi][i].term) {
				read[fi][i].raw = nil
			}
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	st := &stats{docs: int(n), terms: map[string]*[numExported]any{}, dfs: map[string]*[numExported]int{}, raw: map[string]*[phraseFields][]posting{}}
	cut := map[string]*[numExported][]encodedBlock{} // the lists to cut into blocks, by term
	for fi := range exportFields {
		for _, tp := range read[fi] {
			term, enc := tp.term, tp.blocks
			if st.terms[term] == nil {
				st.terms[term], st.dfs[term] = &[numExported]any{}, &[numExported]int{}
			}
			st.dfs[term][fi] = tp.df
			if tp.raw != nil {
				if st.raw[term] == nil {
					st.raw[term] = &[phraseFields][]posting{}
				}
				st.raw[term][fi] = tp.raw
			}
			if inlineList(enc, inline) {
				st.terms[term][fi] = enc[0].s
				continue
			}
			if cut[term] == nil {
				cut[term] = &[numExported][]encodedBlock{}
			}
			cut[term][fi] = enc
		}
	}
	// A term's lists in its fields are read together (a word is matched
	// in n1, n2 and n3 at once), so they are placed together, term by
	// term in order.
	var pk packer
	for _, term := range slices.Sorted(maps.Keys(cut)) {
		refs := pk.placeTerm(cut[term][:])
		for fi, enc := range cut[term] {
			if enc == nil {
				continue
			}
			ref := &blockRef{df: st.dfs[term][fi], blocks: refs[fi]}
			for _, b := range enc {
				ref.first = append(ref.first, b.first)
			}
			st.terms[term][fi] = ref
		}
	}
	st.pairs = map[string]*[numExported][2]string{}
	for fi, ps := range pairs {
		for name, p := range ps {
			if st.pairs[name] == nil {
				st.pairs[name] = &[numExported][2]string{}
			}
			st.pairs[name][fi] = p
		}
	}
	return st, pk.packs, nil
}

// packer puts the blocks of cut-up lists into p files.
type packer struct {
	packs  [][]string
	shared bool // the last file takes the blocks of other short lists
}

// place puts the blocks of one list into files and returns their
// numbers. A short list continues the last file if that is a shared one
// with room for all of its blocks, so that it spans one file; a long one
// takes files of its own, as even as longPack allows.
func (pk *packer) place(enc []encodedBlock) []int {
	per := packBlocks
	if len(enc) <= packBlocks {
		if last := len(pk.packs) - 1; last < 0 || !pk.shared || len(pk.packs[last])+len(enc) > packBlocks {
			pk.start(true)
		}
	} else {
		files := (len(enc) + longPack - 1) / longPack
		per = (len(enc) + files - 1) / files
	}
	refs := make([]int, len(enc))
	for i, b := range enc {
		if len(enc) > packBlocks && i%per == 0 {
			pk.start(false)
		}
		refs[i] = pk.put(b)
	}
	return refs
}

// placeTerm puts the blocks of one term's lists (by field; nil where it
// has none to cut) into files and returns their numbers by field: all in
// one file of the term's own when they come to more than packBlocks and
// at most longPack blocks, else each list as place puts it.
func (pk *packer) placeTerm(lists [][]encodedBlock) [][]int {
	total := 0
	for _, enc := range lists {
		total += len(enc)
	}
	refs := make([][]int, len(lists))
	if total <= packBlocks || total > longPack {
		for fi, enc := range lists {
			if enc != nil {
				refs[fi] = pk.place(enc)
			}
		}
		return refs
	}
	pk.start(false)
	for fi, enc := range lists {
		for _, b := range enc {
			refs[fi] = append(refs[fi], pk.put(b))
		}
	}
	return refs
}

// put adds a block to the last file and returns its number.
func (pk *packer) put(b encodedBlock) int {
	last := len(pk.packs) - 1
	pk.packs[last] = append(pk.packs[last], b.s)
	return last*packRef + len(pk.packs[last]) - 1
}

// start begins a p file, shared by short lists or a long list's own.
func (pk *packer) start(shared bool) {
	pk.packs, pk.shared = append(pk.packs, nil), shared
}

// termPostings is one term of a field with its postings, encoded in
// blocks of blockSize characters (one block if they fit inline).
type termPostings struct {
	term   string
	df     int
	blocks []encodedBlock
	raw    []posting // the postings, for a term readField was asked to keep
}

// segmentRecord is one segment of the index and the record number of each
// of its documents.
type segmentRecord struct {
	seg     *scorch.SegmentSnapshot
	records []int // by the segment's document number
}

// first is the segment's first record number, or -1 if it is empty.
func (s segmentRecord) first() int {
	if len(s.records) == 0 {
		return -1
	}
	return s.records[0]
}

// segmentRecords numbers the documents of every segment of snap.
func segmentRecords(snap *scorch.IndexSnapshot, docnum map[string]int) ([]segmentRecord, error) {
	var out []segmentRecord
	for _, seg := range snap.Segments() {
		sr := segmentRecord{seg: seg, records: make([]int, seg.Count())}
		for num := range sr.records {
			id, err := seg.DocID(uint64(num))
			if err != nil {
				return nil, fmt.Errorf("search: reading document ids: %w", err)
			}
			doc, ok := docnum[string(id)]
			if !ok {
				return nil, fmt.Errorf("search: document %q is not in the catalog", id)
			}
			sr.records[num] = doc
		}
		out = append(out, sr)
	}
	return out, nil
}

// readField reads every term of one field with its postings, in term
// order, each list sorted by record. It merges the segments' dictionaries
// and reads each term's postings only from the segments that hold it:
// asking the index for each term instead looks it up in every segment,
// which grows with terms × segments. It keeps the postings of the terms
// of keep as they are.
func readField(segs []segmentRecord, f field, keep func(term string) bool) ([]termPostings, error) {
	cursors := &termCursors{}
	for _, s := range segs {
		dict, err := s.seg.Segment().Dictionary(f.Name)
		if err != nil {
			return nil, fmt.Errorf("search: reading terms of %s: %w", f.Name, err)
		}
		c := &termCursor{seg: s, dict: dict, it: dict.AutomatonIterator(nil, nil, nil)}
		if err := c.next(); err != nil {
			return nil, fmt.Errorf("search: reading terms of %s: %w", f.Name, err)
		}
		if c.term != nil {
			heap.Push(cursors, c)
		}
	}
	var out []termPostings
	var ps, sorted []posting
	var pl segapi.PostingsList
	var pi segapi.PostingsIterator
	for cursors.Len() > 0 {
		term := string((*cursors)[0].term)
		ps = ps[:0]
		// The segments holding the term, in order of their records: Build
		// indexes records in export order, so each segment holds a run.
		var holding []*termCursor
		for cursors.Len() > 0 && string((*cursors)[0].term) == term {
			holding = append(holding, heap.Pop(cursors).(*termCursor))
		}
		slices.SortFunc(holding, func(a, b *termCursor) int { return a.seg.first() - b.seg.first() })
		for _, c := range holding {
			var err error
			if pl, err = c.dict.PostingsList(c.term, c.seg.seg.Deleted(), pl); err != nil {
				return nil, fmt.Errorf("search: reading %s:%q: %w", f.Name, term, err)
			}
			pi = pl.Iterator(true, true, !f.Unigram, pi)
			for {
				p, err := pi.Next()
				if err != nil {
					return nil, fmt.Errorf("search: reading %s:%q: %w", f.Name, term, err)
				}
				if p == nil {
					break
				}
				got, err := readPosting(p, c.seg.records, f)
				if err != nil {
					return nil, fmt.Errorf("search: %s:%q: %w", f.Name, term, err)
				}
				ps = append(ps, got)
			}
			if err := c.next(); err != nil {
				return nil, fmt.Errorf("search: reading terms of %s: %w", f.Name, err)
			}
			if c.term != nil {
				heap.Push(cursors, c)
			}
		}
		list := sortByRecord(ps, &sorted)
		tp := termPostings{term: term, df: len(list), blocks: encodeTerm(list)}
		if keep(term) {
			tp.raw = slices.Clone(list)
		}
		out = append(out, tp)
	}
	return out, nil
}

// sortByRecord returns ps sorted by record, using *buf for the result
// when ps is not sorted yet. A segment numbers its documents in no
// particular order (a bleve batch is a map), so postings from one segment
// come unsorted; sorting keys of record and index is several times faster
// than sorting the postings themselves.
func sortByRecord(ps []posting, buf *[]posting) []posting {
	if slices.IsSortedFunc(ps, func(a, b posting) int { return a.doc - b.doc }) {
		return ps
	}
	keys := make([]uint64, len(ps))
	for i, p := range ps {
		keys[i] = uint64(p.doc)<<32 | uint64(i)
	}
	slices.Sort(keys)
	out := (*buf)[:0]
	for _, k := range keys {
		out = append(out, ps[uint32(k)])
	}
	*buf = out
	return out
}

// termCursor walks one segment's dictionary of a field.
type termCursor struct {
	seg  segmentRecord
	dict segapi.TermDictionary
	it   segapi.DictionaryIterator
	term []byte // the current term; nil at the end
}

func (c *termCursor) next() error {
	de, err := c.it.Next()
	if err != nil || de == nil {
		c.term = nil
		return err
	}
	c.term = []byte(de.Term)
	return nil
}

// termCursors is a heap of cursors by current term.
type termCursors []*termCursor

func (h termCursors) Len() int           { return len(h) }
func (h termCursors) Less(i, j int) bool { return bytes.Compare(h[i].term, h[j].term) < 0 }
func (h termCursors) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *termCursors) Push(x any)        { *h = append(*h, x.(*termCursor)) }
func (h *termCursors) Pop() any {
	old := *h
	c := old[len(old)-1]
	*h = old[:len(old)-1]
	return c
}

// readPosting copies one posting out of bleve, checking that the norm
// gives back the field's length and that every occurrence has a position.
func readPosting(p segapi.Posting, records []int, f field) (posting, error) {
	if p.Number() >= uint64(len(records)) {
		return posting{}, fmt.Errorf("document number %d out of range", p.Number())
	}
	doc := records[p.Number()]
	norm := p.Norm()
	out := posting{doc: doc, length: fieldLength(norm), freq: int(p.Frequency())}
	if float64(float32(1/math.Sqrt(float64(out.length)))) != norm {
		return out, fmt.Errorf("record %d: norm %v is not 1/√length", doc, norm)
	}
	if locs := p.Locations(); len(locs) > 0 {
		out.pos = make([]int, len(locs))
		for i, l := range locs {
			out.pos[i] = int(l.Pos())
		}
		slices.Sort(out.pos)
	}
	if !f.Unigram && len(out.pos) != out.freq {
		return out, fmt.Errorf("record %d: %d positions for frequency %d", doc, len(out.pos), out.freq)
	}
	return out, nil
}

// encodeTerm encodes a term's postings in blocks of blockSize, or in one
// block if they fit inline (inlineMax characters).
func encodeTerm(ps []posting) []encodedBlock {
	enc := encodePostings(ps, blockSize)
	total := 0
	for _, b := range enc {
		total += len(b.s)
	}
	if len(enc) > 1 && total <= inlineMax { // only when inlineMax > blockSize, as in tests
		enc = encodePostings(ps, inlineMax+1)
	}
	return enc
}

// fieldLength recovers the field's length in tokens from scorch's norm,
// float32(1/√length).
func fieldLength(norm float64) int {
	return int(math.Round(1 / (norm * norm)))
}

type encodedBlock struct {
	first int
	s     string
}

// encodePostings writes each posting as: document (as a difference from
// the previous one in the block), field length, frequency, positions (the
// first as is, the others as differences; none in the unigram fields). A new block starts, with
// differences from 0, when the current one reaches size characters.
func encodePostings(ps []posting, size int) []encodedBlock {
	var out []encodedBlock
	var b strings.Builder
	prev, first := 0, 0
	for i, p := range ps {
		if i == 0 || b.Len() >= size {
			if i > 0 {
				out = append(out, encodedBlock{first, b.String()})
				b.Reset()
			}
			prev, first = 0, p.doc
		}
		putNum(&b, p.doc-prev)
		prev = p.doc
		putNum(&b, p.length)
		putNum(&b, p.freq)
		last := 0
		for _, x := range p.pos {
			putNum(&b, x-last)
			last = x
		}
	}
	return append(out, encodedBlock{first, b.String()})
}
