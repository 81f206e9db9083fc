package search

import (
	"regexp"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/mapping"

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

// fields is the order of fields in the export, too.
var fields = [numFields]field{
	{"n1", 1, false, false, 3}, {"n2", 2, false, false, 2}, {"n3", 3, false, false, 1},
	{"u1", 1, true, false, 3}, {"u2", 2, true, false, 2}, {"u3", 3, true, false, 1},
	{"p1", 1, false, true, 1},
}

// Keyword fields, for filtering in Go; search.js filters on the facet runs
// of the export instead.
const (
	fieldKind       = "kind"
	fieldDepartment = "department"
	fieldStatus     = "status"
	fieldGround     = "ground"
)

// newMapping indexes the seven text fields, the bigram ones with term vectors
// (phrases need positions), and stores nothing: results are read from the
// catalog, and the browser reads the export's document store.
func newMapping() mapping.IndexMapping {
	doc := bleve.NewDocumentStaticMapping()
	for _, f := range fields {
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
		doc.AddFieldMappingsAt(f.Name, fm)
	}
	for _, name := range []string{fieldKind, fieldDepartment, fieldStatus, fieldGround} {
		fm := bleve.NewKeywordFieldMapping()
		fm.Store, fm.IncludeInAll, fm.DocValues, fm.IncludeTermVectors = false, false, false, false
		doc.AddFieldMappingsAt(name, fm)
	}
	im := bleve.NewIndexMapping()
	im.DefaultMapping = doc
	im.DefaultAnalyzer = keyword.Name
	im.IndexDynamic, im.StoreDynamic, im.DocValuesDynamic = false, false, false
	return im
}

// status is the record's status for filters: cancelled proofs have none
// in the catalog and get "cancelled".
func status(r *catalog.Record) string {
	if r.Kind == catalog.Cancelled {
		return "cancelled"
	}
	if r.Status == "" {
		return "retained"
	}
	return r.Status
}

// document is what Build gives bleve for r.
func document(c *catalog.Catalog, r *catalog.Record) map[string]interface{} {
	t := tierTexts(c, r)
	d := map[string]interface{}{
		fieldKind:       string(r.Kind),
		fieldDepartment: r.Department,
		fieldStatus:     status(r),
	}
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

// tierTexts are the texts of the three tiers, each value separated by sep.
func tierTexts(c *catalog.Catalog, r *catalog.Record) [3]string {
	var out [3]string
	for i, vs := range tierValues(c, r) {
		out[i] = joinValues(vs)
	}
	return out
}

// tierValues are the values indexed in each tier:
//
//  1. what the item is called: name, aliases;
//  2. what a resident does or needs: instead, purpose, used_for, audience,
//     subject, fee, cycle, frequency;
//  3. everything else worth finding: basis, notes, issuer, retention
//     reason, duration, window, the department's name and aliases, and the
//     number (文号) and title of each policy it cites.
func tierValues(c *catalog.Catalog, r *catalog.Record) [3][]string {
	var t [3][]string
	t[0] = append(append(t[0], r.Name), r.Aliases...)
	t[1] = append(append(t[1], r.Instead, r.Purpose), r.UsedFor...)
	t[1] = append(t[1], r.Audience, r.Subject, r.Fee, r.Cycle, r.Frequency)
	t[2] = append(t[2], r.Basis, plain(r.Notes), r.Issuer, r.RetentionReason, r.Duration, r.Window)
	if d := c.Department(r.Department); d != nil {
		t[2] = append(append(t[2], d.Name), d.Aliases...)
	}
	pols := r.Policies
	if r.RemovedBy != "" {
		pols = append(pols[:len(pols):len(pols)], r.RemovedBy)
	}
	for _, id := range pols {
		if p := c.Policy(id); p != nil {
			t[2] = append(t[2], p.Number, p.Title)
		}
	}
	return t
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
