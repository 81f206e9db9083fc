package search

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"
	index "github.com/blevesearch/bleve_index_api"

	"jianzheng/generator/catalog"
)

// field is one indexed text field. Each of the three tiers is indexed
// twice: as bigrams (n1…n3), which answer nearly every query, and as
// single characters (u1…u3), for queries with a lone Han character.
// The pinyin field p1 holds the readings of tier 1 (pinyinAnalyzer), for
// queries read as pinyin (reading.go); it only answers queries that
// matched nothing as typed, so its boost does not change other rankings.
type field struct {
	Name    string
	Tier    int     // 1, 2 or 3; see tierTexts
	Unigram bool    // analysed by jz_unigram rather than jz_bigram
	Pinyin  bool    // analysed by jz_pinyin
	Boost   float64 // a match in the name counts most
}

// numFields is the number of text fields.
const numFields = 7

// fields are the text fields, in the export's order.
var fields = [numFields]field{
	{"n1", 1, false, false, 3}, {"n2", 2, false, false, 2}, {"n3", 3, false, false, 1},
	{"u1", 1, true, false, 3}, {"u2", 2, true, false, 2}, {"u3", 3, true, false, 1},
	{"p1", 1, false, true, 1},
}

// deptField is the keyword field department as queries use it: a query
// that names a department (its name or an alias) also matches the records
// it handles, by this field, with the weight of a name, so that they rank
// above records that only mention it. Like the unigram fields it has no
// positions: it only ever answers one term, the department's id.
var deptField = field{Name: fieldDepartment, Unigram: true, Boost: 3}

// numExported is the number of fields of the export: the text fields, then
// deptField.
const numExported = numFields + 1

// exportFields are the fields of the export, in its order.
var exportFields = [numExported]field(append(fields[:], deptField))

// Keyword fields, for filtering in Go; the engine (js/engine.js) filters on
// the facet runs of the export instead.
const (
	fieldKind       = "kind"
	fieldDepartment = "department"
	fieldStatus     = "status"
	fieldGround     = "ground"
)

// newMapping indexes the seven text fields, the bigram ones with term vectors
// (phrases need positions), and stores nothing: results are read from the
// catalog, and the browser reads the export's document store. Documents
// are built by recordDocument, which must agree with it; the mapping tells
// queries how to analyse each field.
func newMapping() mapping.IndexMapping {
	doc := bleve.NewDocumentStaticMapping()
	for _, f := range fields {
		doc.AddFieldMappingsAt(f.Name, textFieldMapping(f))
	}
	for _, name := range keywordFields {
		doc.AddFieldMappingsAt(name, keywordFieldMapping())
	}
	doc.AddFieldMappingsAt(fieldOrder, orderFieldMapping())
	im := bleve.NewIndexMapping()
	im.DefaultMapping = doc
	im.DefaultAnalyzer = keyword.Name
	im.IndexDynamic, im.StoreDynamic, im.DocValuesDynamic = false, false, false
	return im
}

var keywordFields = []string{fieldKind, fieldDepartment, fieldStatus, fieldGround}

func textFieldMapping(f field) *mapping.FieldMapping {
	fm := bleve.NewTextFieldMapping()
	fm.Analyzer = bigramAnalyzer
	if f.Unigram {
		fm.Analyzer = unigramAnalyzer
	}
	if f.Pinyin {
		fm.Analyzer = pinyinAnalyzerName
	}
	// Positions only where phrases are asked: the unigram fields
	// only ever answer one character.
	fm.Store, fm.IncludeInAll, fm.DocValues, fm.IncludeTermVectors = false, false, false, !f.Unigram
	return fm
}

func keywordFieldMapping() *mapping.FieldMapping {
	fm := bleve.NewKeywordFieldMapping()
	fm.Store, fm.IncludeInAll, fm.DocValues, fm.IncludeTermVectors = false, false, false, false
	return fm
}

// fieldOrder is the record's number in the export (docOrder), written as
// orderKey, by which results of equal score are ordered (run in
// search.go): the engine then orders them by their numbers, with no need
// of their ids. Sorting reads it from doc values.
const fieldOrder = "ord"

func orderFieldMapping() *mapping.FieldMapping {
	fm := keywordFieldMapping()
	fm.DocValues = true
	return fm
}

// orderKey writes export number n so that keys sort as numbers do.
func orderKey(n int) string { return fmt.Sprintf("%07d", n) }

// The indexing options of the fields, as the mapping gives them, for
// recordDocument.
var (
	keywordOptions = keywordFieldMapping().Options()
	orderOptions   = orderFieldMapping().Options()
	textOptions    = func() (o [numFields]index.FieldIndexingOptions) {
		for i, f := range fields {
			o[i] = textFieldMapping(f).Options()
		}
		return o
	}()
)

// recordDocument is the bleve document of r: what mapping r's fields
// through newMapping gives, built directly. The mapping would walk a
// map by reflection, add an empty _all field, and analyse each tier's text
// once per field; here each tier is analysed once (recordAnalysis) and
// its bigram, unigram and pinyin tokens derived from that.
func recordDocument(c *catalog.Catalog, r *catalog.Record, n int) *document.Document {
	d := document.NewDocument(r.ID)
	kw := keywordOptions
	d.AddField(document.NewTextFieldCustom(fieldOrder, nil, []byte(orderKey(n)), orderOptions, nil))
	for _, f := range []struct{ name, value string }{
		{fieldKind, string(r.Kind)}, {fieldDepartment, r.Department}, {fieldStatus, r.Status()}, {fieldGround, r.Ground},
	} {
		if f.value != "" || f.name != fieldGround {
			d.AddField(document.NewTextFieldCustom(f.name, nil, []byte(f.value), kw, nil))
		}
	}
	ra := &recordAnalysis{texts: tierTexts(c, r)}
	for fi, f := range fields {
		if text := ra.texts[f.Tier-1]; text != "" {
			d.AddField(document.NewTextFieldCustom(f.Name, nil, []byte(text), textOptions[fi], fieldAnalyzer{ra, f}))
		}
	}
	return d
}

// recordAnalysis holds the base analysis of a record's three tiers, made
// on first use. bleve analyses the fields of one document one after the
// other in one goroutine, so it needs no lock.
type recordAnalysis struct {
	texts  [3]string
	base   [3]analysis.TokenStream
	folded [3]string // the text base read, which the bridges need
	done   [3]bool
}

func (ra *recordAnalysis) tier(t int) analysis.TokenStream {
	if !ra.done[t] {
		ra.base[t], ra.folded[t] = theBigram.base(ra.texts[t])
		ra.done[t] = true
	}
	return ra.base[t]
}

// fieldAnalyzer analyses one field of a record from its tier's base
// analysis, giving exactly what the field's analyzer in the mapping would
// (TestRecordDocument).
type fieldAnalyzer struct {
	ra *recordAnalysis
	f  field
}

func (fa fieldAnalyzer) Analyze([]byte) analysis.TokenStream {
	base := fa.ra.tier(fa.f.Tier - 1)
	switch {
	case fa.f.Pinyin:
		return tokenStream(pinyinOf(theUnigram.derive(base)))
	case fa.f.Unigram:
		return theUnigram.stream(base, "")
	}
	return theBigram.stream(base, fa.ra.folded[fa.f.Tier-1])
}

// tierTexts are the texts of the three tiers, each value separated by sep.
// Tier 2 ends with the name and words of each life event that lists the
// record (events.toml): 过世 finds the records of 身后事, as what a
// resident needs, not as the item's name.
func tierTexts(c *catalog.Catalog, r *catalog.Record) [3]string {
	var out [3]string
	t := tierValues(c, r)
	for _, e := range c.EventsOf(r.ID) {
		t[1] = append(append(t[1], e.Name), e.Words...)
	}
	for i, vs := range t {
		out[i] = joinValues(vs)
	}
	return out
}

// tierValues are the values indexed in each tier, the fields of the
// catalog's search tiers in their order (catalog.SearchTier): 1. what the
// item is called; 2. what a resident does or needs; 3. everything else
// worth finding. Notes count as plain text, a department with its name
// and aliases, a policy with its number (文号) and title.
func tierValues(c *catalog.Catalog, r *catalog.Record) [3][]string {
	var t [3][]string
	for i := range t {
		for _, f := range catalog.SearchTier(i + 1) {
			t[i] = appendValues(t[i], c, r, f)
		}
	}
	return t
}

func appendValues(vs []string, c *catalog.Catalog, r *catalog.Record, f *catalog.Field) []string {
	switch {
	case f.Ref == catalog.RefDepartment:
		if d := c.Department(f.Text(r)); d != nil {
			vs = append(append(vs, d.Name), d.Aliases...)
		}
	case f.Ref == catalog.RefPolicy:
		ids := f.List(r)
		if f.Type != catalog.TypeList && f.Text(r) != "" {
			ids = []string{f.Text(r)}
		}
		for _, id := range ids {
			if p := c.Policy(id); p != nil {
				vs = append(vs, p.Number, p.Title)
			}
		}
	case f.Type == catalog.TypeList:
		vs = append(vs, f.List(r)...)
	case f.Type == catalog.TypeMarkdown:
		vs = append(vs, plain(f.Text(r)))
	default:
		vs = append(vs, f.Text(r))
	}
	return vs
}

// joinValues joins the non-blank values with sep.
func joinValues(vs []string) string {
	var keep []string
	for _, v := range vs {
		if strings.TrimSpace(v) != "" {
			keep = append(keep, v)
		}
	}
	return strings.Join(keep, sep)
}

var (
	mdLink     = regexp.MustCompile(`!?\[([^\]]*)\]\([^)]*\)`)
	mdEmphasis = regexp.MustCompile("[*_`~]+")
	mdBlocks   = regexp.MustCompile(`[#>|]+`)
	mdSpaces   = regexp.MustCompile(`\s+`)
)

// plain is Markdown reduced to its words, for indexing and excerpts: links
// keep their text, emphasis marks go (without a space: 由**市民政局**核实
// reads 由市民政局核实), heading, quote and table marks become spaces. It
// need not be exact; the page renders the real thing.
func plain(md string) string {
	s := mdLink.ReplaceAllString(md, "$1")
	s = mdEmphasis.ReplaceAllString(s, "")
	s = mdBlocks.ReplaceAllString(s, " ")
	return strings.TrimSpace(mdSpaces.ReplaceAllString(s, " "))
}
