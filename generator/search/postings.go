package search

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"sort"
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
	blockSize = 600
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
			term, ps := tp.term, tp.ps
			if st.terms[term] == nil {
				st.terms[term], st.dfs[term] = &[numFields]any{}, &[numFields]int{}
			}
			st.dfs[term][fi] = len(ps)
			if enc := encodePostings(ps, inlineMax+1); len(enc) == 1 && len(enc[0].s) <= inlineMax {
				st.terms[term][fi] = enc[0].s
				continue
			}
			enc := encodePostings(ps, blockSize)
			ref := &blockRef{df: len(ps)}
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

// termPostings is one term of a field with its postings.
type termPostings struct {
	term string
	ps   []posting
}

// readField reads every term of one field in dictionary order. It keeps
// its own map from bleve's internal ids to record numbers, since every
// record turns up under many terms and ExternalID is a lookup each time.
func readField(r index.IndexReader, f field, docnum map[string]int) ([]termPostings, error) {
	dict, err := r.FieldDict(f.Name)
	if err != nil {
		return nil, fmt.Errorf("search: reading terms of %s: %w", f.Name, err)
	}
	defer dict.Close()
	internal := map[string]int{}
	var out []termPostings
	for {
		de, err := dict.Next()
		if err != nil {
			return nil, fmt.Errorf("search: reading terms of %s: %w", f.Name, err)
		}
		if de == nil {
			return out, nil
		}
		ps, err := readTerm(r, de.Term, f, docnum, internal)
		if err != nil {
			return nil, err
		}
		out = append(out, termPostings{de.Term, ps})
	}
}

// readTerm reads one term's postings in one field, sorted by document.
func readTerm(r index.IndexReader, term string, f field, docnum, internal map[string]int) ([]posting, error) {
	field := f.Name
	tfr, err := r.TermFieldReader(context.Background(), []byte(term), field, true, true, !f.Unigram)
	if err != nil {
		return nil, fmt.Errorf("search: reading %s:%q: %w", field, term, err)
	}
	defer tfr.Close()
	var ps []posting
	for {
		tfd, err := tfr.Next(nil)
		if err != nil {
			return nil, fmt.Errorf("search: reading %s:%q: %w", field, term, err)
		}
		if tfd == nil {
			break
		}
		doc, ok := internal[string(tfd.ID)]
		if !ok {
			id, err := r.ExternalID(tfd.ID)
			if err != nil {
				return nil, fmt.Errorf("search: reading %s:%q: %w", field, term, err)
			}
			doc = docnum[id]
			internal[string(tfd.ID)] = doc
		}
		p := posting{doc: doc, length: fieldLength(tfd.Norm), freq: int(tfd.Freq)}
		if float64(float32(1/math.Sqrt(float64(p.length)))) != tfd.Norm {
			return nil, fmt.Errorf("search: %s:%q in record %d: norm %v is not 1/√length", field, term, doc, tfd.Norm)
		}
		for _, v := range tfd.Vectors {
			p.pos = append(p.pos, int(v.Pos))
		}
		sort.Ints(p.pos)
		if !f.Unigram && uint64(len(p.pos)) != tfd.Freq {
			return nil, fmt.Errorf("search: %s:%q in record %d: %d positions for frequency %d", field, term, doc, len(p.pos), tfd.Freq)
		}
		ps = append(ps, p)
	}
	sort.Slice(ps, func(i, j int) bool { return ps[i].doc < ps[j].doc })
	return ps, nil
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
