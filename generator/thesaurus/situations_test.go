package thesaurus

import (
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// Limits on situations.toml; see its header for why.
const (
	minSituations = 250
	maxSays       = 8
	maxMeans      = 8
	minSaysRunes  = 2
	maxSaysRunes  = 10
	minMeansRunes = 2
)

func embeddedSituations(t *testing.T) []Situation {
	t.Helper()
	s, err := parseSituations(situationsText)
	if err != nil {
		t.Fatalf("situations.toml: %v", err)
	}
	return s
}

// TestSituations holds situations.toml to its rules: known topics; each
// saying a phrase of Han characters, in one situation only, not a filler
// word and not one of the services it means; services as the groups'
// terms are written.
func TestSituations(t *testing.T) {
	ss := embeddedSituations(t)
	if len(ss) < minSituations {
		t.Errorf("%d situations, want at least %d", len(ss), minSituations)
	}
	filler := map[string]bool{}
	for _, f := range embedded(t).filler {
		filler[f] = true
	}
	sayer := map[string]int{}
	for _, s := range ss {
		if !slices.Contains(topics, s.Topic) {
			t.Errorf("situations.toml:%d: unknown topic %q", s.Line, s.Topic)
		}
		if n := len(s.Says); n < 1 || n > maxSays {
			t.Errorf("situations.toml:%d: %d sayings, want 1–%d", s.Line, n, maxSays)
		}
		if n := len(s.Means); n < 1 || n > maxMeans {
			t.Errorf("situations.toml:%d: %d services, want 1–%d", s.Line, n, maxMeans)
		}
		for _, say := range s.Says {
			n := utf8.RuneCountInString(say)
			if n < minSaysRunes || n > maxSaysRunes || strings.IndexFunc(say, func(r rune) bool { return !unicode.Is(unicode.Han, r) }) >= 0 {
				t.Errorf("situations.toml:%d: saying %q: want %d–%d Han characters", s.Line, say, minSaysRunes, maxSaysRunes)
			}
			if first, ok := sayer[say]; ok {
				t.Errorf("situations.toml:%d: saying %q is also at line %d", s.Line, say, first)
			}
			sayer[say] = s.Line
			if filler[say] {
				t.Errorf("situations.toml:%d: saying %q is a filler word", s.Line, say)
			}
			if slices.Contains(s.Means, say) {
				t.Errorf("situations.toml:%d: %q both said and meant", s.Line, say)
			}
		}
		for i, m := range s.Means {
			n := utf8.RuneCountInString(m)
			if n < minMeansRunes || n > maxTermRunes || !validTerm(m) {
				t.Errorf("situations.toml:%d: service %q: want %d–%d characters, Han or ASCII letters and digits", s.Line, m, minMeansRunes, maxTermRunes)
			}
			if slices.Contains(s.Means[:i], m) {
				t.Errorf("situations.toml:%d: service %q twice", s.Line, m)
			}
		}
	}
}

// TestSituationsFresh checks that Situations returns copies.
func TestSituationsFresh(t *testing.T) {
	a := Situations()
	if len(a) == 0 {
		t.Skip("no situations")
	}
	a[0].Says[0], a[0].Means[0] = "x", "y"
	if b := Situations(); b[0].Says[0] == "x" || b[0].Means[0] == "y" {
		t.Error("Situations shares its slices with the caller")
	}
}

// TestParseSituations checks lines and the refusal of unknown keys.
func TestParseSituations(t *testing.T) {
	ss, err := parseSituations("# head\n\n[[situation]] # one\ntopic = \"其他\"\nsays = [\"房子失火了\"]\nmeans = [\"临时救助\"]\n")
	if err != nil || len(ss) != 1 || ss[0].Line != 3 || ss[0].Says[0] != "房子失火了" || ss[0].Means[0] != "临时救助" {
		t.Fatalf("got %+v, %v", ss, err)
	}
	if _, err := parseSituations("[[situation]]\ntopic = \"其他\"\nsay = [\"x\"]\n"); err == nil || !strings.Contains(err.Error(), "say") {
		t.Errorf("unknown key: got %v", err)
	}
}
