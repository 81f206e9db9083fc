package site

import (
	"fmt"
	"io/fs"

	"github.com/BurntSushi/toml"

	"jianzheng/generator/catalog"
)

// Strings are the interface texts that more than one template needs,
// read from templates/strings.toml so that no Chinese text lives in Go,
// but for the names of the kinds and fields of records, which are part of
// the catalog's schema (catalog/schema.go) and join the strings from there.
type Strings struct {
	Kind    map[string]KindStrings   `toml:"kind"`
	Ground  map[string]GroundStrings `toml:"ground"`
	Status  map[string]string        `toml:"status"`
	Search  map[string]any           `toml:"search"`  // handed to the search engine as JSON
	Changes map[string]string        `toml:"changes"` // the changes page and feed
	Chart   map[string]string        `toml:"chart"`   // the charts (stats.go) and print pages
}

// KindStrings names one of the four lists.
type KindStrings struct {
	Title string `toml:"-"`     // 取消的证明事项, from the schema
	Short string `toml:"-"`     // 取消的证明, from the schema
	Intro string `toml:"intro"` // one plain sentence for the list page
	Unit  string `toml:"unit"`  // 项
}

// GroundStrings names one of the four cancellation principles.
type GroundStrings struct {
	Label string `toml:"label"` // 无法律法规依据
	Plain string `toml:"plain"` // the principle in plain words
}

func loadStrings(fsys fs.FS) (*Strings, error) {
	data, err := fs.ReadFile(fsys, "strings.toml")
	if err != nil {
		return nil, fmt.Errorf("templates: %w", err)
	}
	var s Strings
	md, err := toml.Decode(string(data), &s)
	if err != nil {
		return nil, fmt.Errorf("templates/strings.toml: %w", err)
	}
	for _, key := range md.Undecoded() {
		switch {
		case key[0] == "search": // the search table is free-form, for the script
		case key[0] == "field" || key[0] == "kind" && len(key) == 3 && (key[2] == "title" || key[2] == "short"):
			return nil, fmt.Errorf("templates/strings.toml: %q: the names of kinds and fields come from the catalog's schema (generator/catalog/schema.go); delete it", key.String())
		default:
			return nil, fmt.Errorf("templates/strings.toml: unknown key %q", key.String())
		}
	}
	for _, key := range chartKeys {
		if _, ok := s.Chart[key]; !ok {
			return nil, fmt.Errorf("templates/strings.toml: [chart] lacks %q, which the charts need (see the built-in strings.toml)", key)
		}
	}
	if s.Kind == nil {
		s.Kind = map[string]KindStrings{}
	}
	for _, k := range catalog.Kinds {
		ks := s.Kind[string(k)]
		ks.Title, ks.Short = k.Spec().Title, k.Spec().Short
		s.Kind[string(k)] = ks
	}
	return &s, nil
}

// chartKeys are the texts of [chart] that stats.go uses.
var chartKeys = []string{"unit", "by_list", "by_ground", "by_department", "timeline", "list", "ground", "department",
	"policy", "month", "month_label", "rest", "no_policy", "event_cancelled", "event_removed", "segment", "count",
	"row", "and", "after_group", "sep", "end", "earlier", "rest_policies", "policies", "data_xlsx", "data_csv", "data_json"}

// SearchLabels are the texts the search script shows, as one JSON-ready value.
func (s *Strings) SearchLabels() map[string]any {
	out := map[string]any{}
	for k, v := range s.Search {
		out[k] = v
	}
	kinds := map[string]string{}
	for k, v := range s.Kind {
		kinds[k] = v.Short
	}
	out["kind"] = kinds
	out["status"] = s.Status
	return out
}
