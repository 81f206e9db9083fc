package search

import (
	"context"
	"fmt"
	"sort"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"

	"jianzheng/generator/catalog"
	"jianzheng/generator/cores"
	everyday "jianzheng/generator/thesaurus"
)

// batchSize is how many records go into one bleve batch: each batch
// becomes one segment, and the export reads every term from every segment,
// so fewer, larger batches make the export faster.
const batchSize = 512

// Index is a catalog indexed by bleve, in memory.
type Index struct {
	bleve   bleve.Index
	cat     *catalog.Catalog
	records []*catalog.Record          // by id
	ordered []*catalog.Record          // in export order (docOrder)
	byID    map[string]*catalog.Record // from records
	thes    *thesaurus                 // synonyms, departments, built-in groups
	builtin builtinWords               // the built-in groups and situations the catalog uses
	events  []namedKeys                // life events, as queries name them
	depts   []namedKeys                // departments, as queries name them
	spoken  map[rune]string            // each character's first reading, as r.js has it (readingTable)
	mute    map[string]bool            // the filler no record's name sounds like, spoken (muteFillers)
}

// Build indexes every record of c with bleve (scorch, in memory).
func Build(c *catalog.Catalog) (*Index, error) {
	return BuildContext(context.Background(), c)
}

// BuildContext is Build that gives up with ctx's error between batches
// once ctx is done (the preview drops an index a newer save outdated).
func BuildContext(ctx context.Context, c *catalog.Catalog) (*Index, error) {
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
	ix.ordered = docOrder(ix.records)
	if err := ix.indexAll(ctx, c); err != nil {
		idx.Close()
		return nil, err
	}
	builtin, err := ix.builtinWordsOf(c)
	if err != nil {
		idx.Close()
		return nil, err
	}
	ix.builtin = builtin
	ix.thes = newThesaurus(c, builtin, everyday.Filler())
	ix.events = newEventKeys(c)
	ix.depts = newDeptKeys(c)
	ix.spoken = readingTable(c)
	ix.mute = muteFillers(c, ix.spoken, everyday.Filler())
	return ix, nil
}

// indexAll indexes the records in batches, several at once: scorch
// analyses a batch on every core but builds its segment on one, so one
// batch at a time leaves a core idle. Segments then join the index in
// whatever order they finish; nothing depends on that order, since the
// export numbers records itself and results are ordered by score, then
// by that number (fieldOrder).
//
// Batches follow the export's record order (docOrder), so that each
// segment holds a run of record numbers and the export only sorts the
// postings within a segment (a batch is a map: its order is lost).
func (ix *Index) indexAll(ctx context.Context, c *catalog.Catalog) error {
	ordered := ix.ordered
	var starts []int
	for i := 0; i < len(ordered); i += batchSize {
		starts = append(starts, i)
	}
	err := cores.Each(len(starts), func(b int) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		return ix.indexBatch(c, ordered[starts[b]:min(starts[b]+batchSize, len(ordered))], starts[b])
	})
	if err := ctx.Err(); err != nil {
		return err
	}
	return err
}

// indexBatch indexes records, the first numbered first in the export, as
// one batch.
func (ix *Index) indexBatch(c *catalog.Catalog, records []*catalog.Record, first int) error {
	b := ix.bleve.NewBatch()
	for i, r := range records {
		if err := b.IndexAdvanced(recordDocument(c, r, first+i)); err != nil {
			return fmt.Errorf("search: indexing %s (%s:%d): %w", r.ID, r.Pos.Path, r.Pos.Line, err)
		}
	}
	if err := ix.bleve.Batch(b); err != nil {
		return fmt.Errorf("search: indexing batch at %s: %w", records[0].ID, err)
	}
	return nil
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
