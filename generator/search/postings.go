package search

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"

	index "github.com/blevesearch/bleve_index_api"
)

// Postings blocks: a term's postings in one field longer than inlineMax
// characters are cut into blocks of about blockSize characters, each in a
// file of its own, so that a phrase whose rarest term is rare loads only
// the blocks of its common terms (证明, 办理) that hold candidate records.
// (Variables so that a test can cut lists into many small blocks.)
var (
	inlineMax = 160
	blockSize = 2400
)

// stats are what scoring needs from the index beyond the postings.
type stats struct {
	docs  int                        // records in the index (bleve DocCount)
	terms map[string]*[numFields]any // term → per field: nil, an inline string or a blockRef
	dfs   map[string]*[numFields]int // term → per field: document frequency
}

// blockRef is a cut-up postings list: its df, then each block's first
// document and file number.
type blockRef struct {
	df    int
	first []int
	files []int
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

// readStats reads every term of every text field back out of bleve, with
// frequencies, norms and positions, and encodes the postings by export
// document number. nextFile numbers the block files.
func (ix *Index) readStats(docnum map[string]int) (*stats, []string, error) {
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
	// Fields are read on every core (a snapshot is immutable), then
	// merged in field order, so block numbers do not depend on timing.
	read := make([][]termPostings, len(fields))
	errs := make([]error, len(fields))
	next := make(chan int, len(fields))
	for fi := range fields {
		next <- fi
	}
	close(next)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(fields)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for fi := range next {
				read[fi], errs[fi] = safeReadField(r, fields[fi], docnum)
			}
		}()
	}
	wg.Wait()
	st := &stats{docs: int(n), terms: map[string]*[numFields]any{}, dfs: map[string]*[numFields]int{}}
	var blocks []string
	for fi := range fields {
		if errs[fi] != nil {
			return nil, nil, errs[fi]
		}
		for _, tp := range read[fi] {
			term, enc := tp.term, tp.blocks
			if st.terms[term] == nil {
				st.terms[term], st.dfs[term] = &[numFields]any{}, &[numFields]int{}
			}
			st.dfs[term][fi] = tp.df
			if len(enc) == 1 && len(enc[0].s) <= inlineMax {
				st.terms[term][fi] = enc[0].s
				continue
			}
			ref := &blockRef{df: tp.df}
			for _, b := range enc {
				ref.first = append(ref.first, b.first)
				ref.files = append(ref.files, len(blocks))
				blocks = append(blocks, b.s)
			}
			st.terms[term][fi] = ref
		}
	}
	return st, blocks, nil
}

// safeReadField is readField in a worker goroutine, where a panic would
// end the process: it becomes an error.
func safeReadField(r index.IndexReader, f field, docnum map[string]int) (out []termPostings, err error) {
	defer func() {
		if p := recover(); p != nil {
			out, err = nil, fmt.Errorf("search: reading field %s: internal error: %v", f.Name, p)
		}
	}()
	return readField(r, f, docnum)
}

// termPostings is one term of a field with its postings, encoded in
// blocks of blockSize characters (one block if they fit inline).
type termPostings struct {
	term   string
	df     int
	blocks []encodedBlock
}

// readField reads every term of one field in dictionary order. It keeps
// its own table from bleve's internal document numbers to record numbers,
// since every record turns up under many terms and ExternalID is a lookup
// each time.
func readField(r index.IndexReader, f field, docnum map[string]int) ([]termPostings, error) {
	dict, err := r.FieldDict(f.Name)
	if err != nil {
		return nil, fmt.Errorf("search: reading terms of %s: %w", f.Name, err)
	}
	defer dict.Close()
	rd := &termReader{r: r, f: f, docnum: docnum}
	var out []termPostings
	for {
		de, err := dict.Next()
		if err != nil {
			return nil, fmt.Errorf("search: reading terms of %s: %w", f.Name, err)
		}
		if de == nil {
			return out, nil
		}
		ps, err := rd.read(de.Term)
		if err != nil {
			return nil, err
		}
		out = append(out, termPostings{de.Term, len(ps), encodeTerm(ps)})
	}
}

// termReader reads the postings of one field's terms.
type termReader struct {
	r        index.IndexReader
	f        field
	docnum   map[string]int
	internal []int // bleve's internal number → record number + 1; 0 unknown
	tfd      index.TermFieldDoc
}

// read reads one term's postings, sorted by record number.
func (rd *termReader) read(term string) ([]posting, error) {
	field := rd.f.Name
	tfr, err := rd.r.TermFieldReader(context.Background(), []byte(term), field, true, true, !rd.f.Unigram)
	if err != nil {
		return nil, fmt.Errorf("search: reading %s:%q: %w", field, term, err)
	}
	defer tfr.Close()
	ps := make([]posting, 0, tfr.Count())
	for {
		tfd, err := tfr.Next(rd.tfd.Reset())
		if err != nil {
			return nil, fmt.Errorf("search: reading %s:%q: %w", field, term, err)
		}
		if tfd == nil {
			break
		}
		doc, err := rd.record(tfd.ID)
		if err != nil {
			return nil, fmt.Errorf("search: reading %s:%q: %w", field, term, err)
		}
		p := posting{doc: doc, length: fieldLength(tfd.Norm), freq: int(tfd.Freq)}
		if float64(float32(1/math.Sqrt(float64(p.length)))) != tfd.Norm {
			return nil, fmt.Errorf("search: %s:%q in record %d: norm %v is not 1/√length", field, term, doc, tfd.Norm)
		}
		if len(tfd.Vectors) > 0 {
			p.pos = make([]int, len(tfd.Vectors))
			for i, v := range tfd.Vectors {
				p.pos[i] = int(v.Pos)
			}
			slices.Sort(p.pos)
		}
		if !rd.f.Unigram && uint64(len(p.pos)) != tfd.Freq {
			return nil, fmt.Errorf("search: %s:%q in record %d: %d positions for frequency %d", field, term, doc, len(p.pos), tfd.Freq)
		}
		ps = append(ps, p)
	}
	slices.SortFunc(ps, func(a, b posting) int { return a.doc - b.doc })
	return ps, nil
}

// record is the record number of bleve's internal document id.
func (rd *termReader) record(id index.IndexInternalID) (int, error) {
	n := id.Value()
	if n < uint64(len(rd.internal)) && rd.internal[n] > 0 {
		return rd.internal[n] - 1, nil
	}
	ext, err := rd.r.ExternalID(id)
	if err != nil {
		return 0, err
	}
	doc, ok := rd.docnum[ext]
	if !ok {
		return 0, fmt.Errorf("document %q is not in the catalog", ext)
	}
	if n < 1<<24 { // internal numbers count documents; a table that size is cheap
		for uint64(len(rd.internal)) <= n {
			rd.internal = append(rd.internal, 0)
		}
		rd.internal[n] = doc + 1
	}
	return doc, nil
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
