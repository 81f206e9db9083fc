package search

import (
	"fmt"
	"sort"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"

	"jianzheng/generator/catalog"
)

// batchSize is how many records go into one bleve batch. Batches are
// filled in id order, so every build makes the same segments.
const batchSize = 256

// Index is a catalog indexed by bleve, in memory.
type Index struct {
	bleve   bleve.Index
	cat     *catalog.Catalog
	records []*catalog.Record          // by id
	byID    map[string]*catalog.Record // from records
	thes    *thesaurus                 // synonyms and department aliases
}

// Build indexes every record of c with bleve (scorch, in memory).
func Build(c *catalog.Catalog) (*Index, error) {
	idx, err := bleve.NewUsing("", newMapping(), scorch.Name, scorch.Name, nil)
	if err != nil {
		return nil, fmt.Errorf("search: creating index: %w", err)
	}
	ix := &Index{bleve: idx, cat: c, byID: map[string]*catalog.Record{}}
	ix.records = append(ix.records, c.Records...)
	sort.Slice(ix.records, func(i, j int) bool { return ix.records[i].ID < ix.records[j].ID })
	for _, r := range ix.records {
		ix.byID[r.ID] = r
	}
	for i := 0; i < len(ix.records); i += batchSize {
		b := idx.NewBatch()
		for _, r := range ix.records[i:min(i+batchSize, len(ix.records))] {
			if err := b.Index(r.ID, document(c, r)); err != nil {
				idx.Close()
				return nil, fmt.Errorf("search: indexing %s (%s:%d): %w", r.ID, r.Pos.Path, r.Pos.Line, err)
			}
		}
		if err := idx.Batch(b); err != nil {
			idx.Close()
			return nil, fmt.Errorf("search: indexing batch at %s: %w", ix.records[i].ID, err)
		}
	}
	ix.thes = newThesaurus(c)
	return ix, nil
}

// Close releases the bleve index.
func (ix *Index) Close() error {
	if ix == nil || ix.bleve == nil {
		return nil
	}
	err := ix.bleve.Close()
	ix.bleve = nil
	return err
}
