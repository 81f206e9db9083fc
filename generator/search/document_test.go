package search

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/document"
	index "github.com/blevesearch/bleve_index_api"

	"jianzheng/generator/catalog"
	"jianzheng/generator/synth"
)

// mappedDocument is r as a map, for bleve to map through newMapping: what
// Build indexed before recordDocument built documents directly.
func mappedDocument(c *catalog.Catalog, r *catalog.Record, n int) map[string]any {
	t := tierTexts(c, r)
	d := map[string]any{fieldKind: string(r.Kind), fieldDepartment: r.Department, fieldStatus: r.Status(), fieldOrder: orderKey(n)}
	if r.Ground != "" {
		d[fieldGround] = r.Ground
	}
	for _, f := range fields {
		if t[f.Tier-1] != "" {
			d[f.Name] = t[f.Tier-1]
		}
	}
	return d
}

// analysed is every indexed field of d, analysed, as text: name, options,
// length and token frequencies with their locations, in order.
func analysed(d *document.Document) string {
	var out []string
	d.VisitFields(func(f index.Field) {
		if f.Name() == "_all" || !f.Options().IsIndexed() {
			return
		}
		f.Analyze()
		var terms []string
		for term, tf := range f.AnalyzedTokenFrequencies() {
			var locs []string
			for _, l := range tf.Locations {
				locs = append(locs, fmt.Sprint(l.Position))
			}
			terms = append(terms, fmt.Sprintf("%s×%d@%s", term, tf.Frequency(), strings.Join(locs, ",")))
		}
		slices.Sort(terms)
		out = append(out, fmt.Sprintf("%s %v %d %s", f.Name(), f.Options(), f.AnalyzedLength(), strings.Join(terms, " ")))
	})
	slices.Sort(out)
	return strings.Join(out, "\n")
}

// TestRecordDocument checks that recordDocument, which analyses each tier
// once, gives bleve exactly the fields mapping the record would.
func TestRecordDocument(t *testing.T) {
	for name, c := range map[string]*catalog.Catalog{
		"fixture": loadCatalog(t, os.DirFS("testdata/catalog")),
		"sample":  loadCatalog(t, os.DirFS("../../content")),
		"synth":   loadCatalog(t, synth.Catalog(300, 7)),
	} {
		m := newMapping()
		for n, r := range c.Records {
			want := document.NewDocument(r.ID)
			if err := m.MapDocument(want, mappedDocument(c, r, n)); err != nil {
				t.Fatal(err)
			}
			if got, want := analysed(recordDocument(c, r, n)), analysed(want); got != want {
				t.Errorf("%s %s: recordDocument gives\n%s\nmapping gives\n%s", name, r.ID, got, want)
			}
		}
	}
}

// TestStoredNowLine pins that a result's "now" line is the line lists
// show, less the lead its label already says: a training's audience,
// frequency and fee; an inspection's cycle and fee after 周期和收费.
func TestStoredNowLine(t *testing.T) {
	c := loadCatalog(t, os.DirFS("../../content"))
	kinds := map[catalog.Kind]bool{}
	for _, r := range c.Records {
		got := storedDoc(r)[2]
		if r.Kind != catalog.Inspection && got != clip(r.Now(), nowMax) {
			t.Errorf("%s: stored now line %q, lists show %q", r.ID, got, r.Now())
		}
		if r.Kind == catalog.Training && !strings.HasPrefix(got, r.Audience) {
			t.Errorf("%s: stored now line %q leaves out the audience %q", r.ID, got, r.Audience)
		}
		if r.Kind == catalog.Inspection && (got != clip(r.NowLabelled(), nowMax) || !strings.HasSuffix(r.Now(), "，"+r.NowLabelled())) {
			t.Errorf("%s: stored now line %q is not the end of the list's %q", r.ID, got, r.Now())
		}
		kinds[r.Kind] = true
	}
	if len(kinds) != len(catalog.Kinds) {
		t.Errorf("the sample has records of %d kinds, want all %d", len(kinds), len(catalog.Kinds))
	}
}
