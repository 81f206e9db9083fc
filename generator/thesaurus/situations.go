package thesaurus

import (
	_ "embed"
	"slices"
	"sync"
)

//go:embed situations.toml
var situationsText string

// Situation is a happening as residents put it and the services it
// involves: a query that says it (老伴走了) also looks for what it means
// (继承, 死亡证明), but not the other way round, for the services do not
// mean the happening. Unlike a Group, it is not an equivalence.
type Situation struct {
	Topic string
	Says  []string // what residents say of it
	Means []string // the official terms of the services it involves, the most central first
	Line  int      // line of its [[situation]] header in situations.toml, for messages
}

// situationsFile is situations.toml as decoded.
type situationsFile struct {
	Situation []struct {
		Topic string   `toml:"topic"`
		Says  []string `toml:"says"`
		Means []string `toml:"means"`
	} `toml:"situation"`
}

// loadSituations parses situations.toml once; the tests hold it to its
// rules.
var loadSituations = sync.OnceValue(func() []Situation {
	s, err := parseSituations(situationsText)
	if err != nil {
		panic("thesaurus: situations.toml: " + err.Error())
	}
	return s
})

// parseSituations decodes text as situations.toml, refusing keys it does
// not know.
func parseSituations(text string) ([]Situation, error) {
	var f situationsFile
	if err := decodeStrict(text, &f); err != nil {
		return nil, err
	}
	lines, err := tableLines(text, "[[situation]]", len(f.Situation))
	if err != nil {
		return nil, err
	}
	out := make([]Situation, len(f.Situation))
	for i, s := range f.Situation {
		out[i] = Situation{Topic: s.Topic, Says: s.Says, Means: s.Means, Line: lines[i]}
	}
	return out, nil
}

// Situations returns the built-in situations in file order. The slice is
// fresh on each call.
func Situations() []Situation {
	ss := slices.Clone(loadSituations())
	for i := range ss {
		ss[i].Says, ss[i].Means = slices.Clone(ss[i].Says), slices.Clone(ss[i].Means)
	}
	return ss
}
