// Package thesaurus is a built-in thesaurus of everyday words for public
// services: groups of words that a resident looking for a service takes
// for the same thing (房本, 房产证, 不动产权证书; 出嫁, 结婚, 结婚登记), and
// the question and function words residents wrap a need in (怎么, 要,
// 去哪 …).
//
// # Provenance
//
// The data, everyday.toml, was written by hand for this project from the
// vocabulary of public-service catalogs (the formal names in the State
// Council's and the provinces' 政务服务事项目录 and 证明事项清单, and the
// wording of 办事指南) and from everyday speech. It is not fetched or
// generated from an external dictionary, at build time or at run time;
// every group was reviewed as an equivalence for search. In each group
// the first term is the official one and the others are what residents
// say (口语, 俗称, 简称, common dialect words, old names). Groups are
// meant to serve any city's catalog, not one sample.
//
// # How search applies it
//
// This package only provides the data. A group is read as a symmetric
// equivalence: a query equal to any term also finds records holding any
// other term of the group. The search package applies these groups as a
// weaker alternative than the editor's own synonyms.toml, which wins on
// conflict and can switch a built-in group off. Filler words may be
// dropped from a query when the rest of it still matches.
//
// situations.toml, written the same way, is directional: what residents
// say has happened to them (老伴走了, 房子失火了) and the services that
// involves (继承, 临时救助). A query that says it also looks for those
// services; the services never call up the saying (Situations).
//
// The embedded files are checked by this package's tests, so a parse
// failure at run time is a programming error and panics.
package thesaurus

import (
	_ "embed"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

//go:embed everyday.toml
var everyday string

// Group is one group of words that mean the same thing to a resident
// looking for a service.
type Group struct {
	Topic string
	Terms []string // Terms[0] is the official term
	Line  int      // line of the group's [[group]] header in everyday.toml, for messages
}

// file is everyday.toml as decoded.
type file struct {
	Filler []string `toml:"filler"`
	Group  []struct {
		Topic string   `toml:"topic"`
		Terms []string `toml:"terms"`
	} `toml:"group"`
}

type data struct {
	groups []Group
	filler []string
}

// load parses everyday.toml once; the tests hold it to its rules.
var load = sync.OnceValue(func() data {
	d, err := parse(everyday)
	if err != nil {
		panic("thesaurus: everyday.toml: " + err.Error())
	}
	return d
})

// parse decodes text as everyday.toml, refusing keys it does not know so
// that a misspelt key cannot silently drop data.
func parse(text string) (data, error) {
	var f file
	if err := decodeStrict(text, &f); err != nil {
		return data{}, err
	}
	lines, err := tableLines(text, "[[group]]", len(f.Group))
	if err != nil {
		return data{}, err
	}
	d := data{groups: make([]Group, len(f.Group))}
	for i, g := range f.Group {
		d.groups[i] = Group{Topic: g.Topic, Terms: g.Terms, Line: lines[i]}
	}
	d.filler = slices.Clone(f.Filler)
	// Longest first, so that 怎么办 is dropped before 怎么; the stable sort
	// keeps file order among words of one length.
	slices.SortStableFunc(d.filler, func(a, b string) int {
		return utf8.RuneCountInString(b) - utf8.RuneCountInString(a)
	})
	return d, nil
}

// decodeStrict decodes text into v, refusing keys v does not have, so
// that a misspelt key cannot silently drop data.
func decodeStrict(text string, v any) error {
	md, err := toml.Decode(text, v)
	if err != nil {
		return err
	}
	if u := md.Undecoded(); len(u) > 0 {
		return fmt.Errorf("unknown key %q", u[0].String())
	}
	return nil
}

// tableLines returns the 1-based lines that hold the array-of-tables
// header (possibly followed by a comment), which must be n: the tables
// decoded, in the same order. (MetaData has no positions for keys, so
// the lines come from the text.)
func tableLines(text, header string, n int) ([]int, error) {
	var lines []int
	for i, l := range strings.Split(text, "\n") {
		l = strings.TrimSpace(l)
		if rest, ok := strings.CutPrefix(l, header); ok {
			if rest = strings.TrimSpace(rest); rest == "" || strings.HasPrefix(rest, "#") {
				lines = append(lines, i+1)
			}
		}
	}
	if len(lines) != n {
		return nil, fmt.Errorf("%d %s headers for %d tables", len(lines), header, n)
	}
	return lines, nil
}

// Groups returns the built-in groups in file order. The slice is fresh on
// each call.
func Groups() []Group {
	gs := slices.Clone(load().groups)
	for i := range gs {
		gs[i].Terms = slices.Clone(gs[i].Terms)
	}
	return gs
}

// Filler returns the question and function words, longest first then in
// file order.
func Filler() []string {
	return slices.Clone(load().filler)
}
