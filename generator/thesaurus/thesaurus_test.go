package thesaurus

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// topics is the fixed list of topics, in the order the file uses them.
var topics = []string{
	"身后事", "出生和家庭", "婚姻", "上学", "工作和社保", "养老和救助", "住房和土地",
	"开店和经营", "车辆和出行", "医疗和健康", "证件和材料", "办事和部门", "农村和农业",
	"参军和优抚", "法律和调解", "残疾人", "其他",
}

// Limits on the data; see the header of everyday.toml for why.
const (
	minGroups      = 300 // the requirement; the file keeps a margin above it
	minPerTopic    = 15
	minTerms       = 2
	maxTerms       = 8
	maxTermRunes   = 8
	maxSingleRune  = 20 // single characters match anywhere, so they are rationed
	maxSharedTerms = 30 // a term in two groups joins them in search; keep it rare
	maxFillerRunes = 4
)

// embedded parses everyday.toml as the package does, failing the test
// with the parser's message rather than letting Groups panic.
func embedded(t *testing.T) data {
	t.Helper()
	d, err := parse(everyday)
	if err != nil {
		t.Fatalf("everyday.toml: %v", err)
	}
	return d
}

func TestGroupCount(t *testing.T) {
	if n := len(embedded(t).groups); n < minGroups {
		t.Errorf("%d groups, want at least %d", n, minGroups)
	}
}

func TestTopics(t *testing.T) {
	count := map[string]int{}
	for _, g := range embedded(t).groups {
		if !slices.Contains(topics, g.Topic) {
			t.Errorf("line %d: unknown topic %q", g.Line, g.Topic)
		}
		count[g.Topic]++
	}
	for _, topic := range topics {
		if count[topic] < minPerTopic {
			t.Errorf("topic %s has %d groups, want at least %d", topic, count[topic], minPerTopic)
		}
	}
}

// TestCounts logs the size of the data, for review.
func TestCounts(t *testing.T) {
	count := map[string]int{}
	terms := 0
	for _, g := range embedded(t).groups {
		count[g.Topic]++
		terms += len(g.Terms)
	}
	for _, topic := range topics {
		t.Logf("%-8s %3d groups", topic, count[topic])
	}
	t.Logf("%d groups, %d terms, %d filler words", len(embedded(t).groups), terms, len(embedded(t).filler))
}

// validTerm reports whether term is made of Han characters, with ASCII
// letters and digits allowed for names like B超 and CT.
func validTerm(term string) bool {
	for _, r := range term {
		if !unicode.Is(unicode.Han, r) && !('A' <= r && r <= 'Z' || 'a' <= r && r <= 'z' || '0' <= r && r <= '9') {
			return false
		}
	}
	return term != ""
}

func TestTerms(t *testing.T) {
	seenSet := map[string]int{} // sorted terms → line of the first group
	groupsOf := map[string][]int{}
	var single []string
	for _, g := range embedded(t).groups {
		if n := len(g.Terms); n < minTerms || n > maxTerms {
			t.Errorf("line %d: %d terms, want %d–%d", g.Line, n, minTerms, maxTerms)
		}
		for i, term := range g.Terms {
			n := utf8.RuneCountInString(term)
			if n < 1 || n > maxTermRunes {
				t.Errorf("line %d: %q has %d characters, want 1–%d", g.Line, term, n, maxTermRunes)
			}
			if !validTerm(term) {
				t.Errorf("line %d: %q has a character that is neither Han nor an ASCII letter or digit", g.Line, term)
			}
			if slices.Contains(g.Terms[:i], term) {
				t.Errorf("line %d: %q twice in one group", g.Line, term)
			}
			if n == 1 && !slices.Contains(single, term) {
				single = append(single, term)
			}
			if !slices.Contains(groupsOf[term], g.Line) {
				groupsOf[term] = append(groupsOf[term], g.Line)
			}
		}
		key := slices.Clone(g.Terms)
		slices.Sort(key)
		k := strings.Join(key, "\x00")
		if first, ok := seenSet[k]; ok {
			t.Errorf("line %d: same terms as the group at line %d", g.Line, first)
		} else {
			seenSet[k] = g.Line
		}
	}
	if len(single) > maxSingleRune {
		t.Errorf("%d single-character terms, want at most %d: %v", len(single), maxSingleRune, single)
	}
	var shared []string
	for term, lines := range groupsOf {
		if len(lines) > 2 {
			t.Errorf("%q is in %d groups (lines %v), want at most 2", term, len(lines), lines)
		}
		if len(lines) > 1 {
			shared = append(shared, term)
		}
	}
	slices.Sort(shared)
	if len(shared) > maxSharedTerms {
		t.Errorf("%d terms are in two groups, want at most %d: %v", len(shared), maxSharedTerms, shared)
	}
	t.Logf("single-character terms: %v", single)
	t.Logf("terms in two groups: %v", shared)
}

func TestFiller(t *testing.T) {
	terms := map[string]int{}
	for _, g := range embedded(t).groups {
		for _, term := range g.Terms {
			terms[term] = g.Line
		}
	}
	f := embedded(t).filler
	if len(f) == 0 {
		t.Fatal("no filler words")
	}
	for i, w := range f {
		n := utf8.RuneCountInString(w)
		if n < 1 || n > maxFillerRunes || !validTerm(w) {
			t.Errorf("filler %q: want 1–%d Han characters", w, maxFillerRunes)
		}
		if slices.Contains(f[:i], w) {
			t.Errorf("filler %q twice", w)
		}
		if line, ok := terms[w]; ok {
			t.Errorf("filler %q is also a term of the group at line %d", w, line)
		}
		if i > 0 && utf8.RuneCountInString(f[i-1]) < n {
			t.Errorf("filler %q comes after the shorter %q", w, f[i-1])
		}
	}
	// The words the search relies on dropping.
	for _, w := range []string{"要", "什么", "怎么", "啥", "办理", "需要", "开", "吗", "怎么办", "去哪", "在哪", "多少钱"} {
		if !slices.Contains(f, w) {
			t.Errorf("filler lacks %q", w)
		}
	}
}

// TestFillerOrder checks that words of one length keep their file order.
func TestFillerOrder(t *testing.T) {
	d, err := parse("filler = [\"吗\", \"怎么\", \"啥\", \"怎么办\", \"什么\"]\n")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"怎么办", "怎么", "什么", "吗", "啥"}
	if !slices.Equal(d.filler, want) {
		t.Errorf("filler %v, want %v", d.filler, want)
	}
}

func TestUnknownKeys(t *testing.T) {
	for _, text := range []string{
		"filer = [\"要\"]\n",
		"[[group]]\ntopic = \"其他\"\nterms = [\"甲乙\", \"丙丁\"]\nterm = [\"戊己\"]\n",
		"[[groups]]\ntopic = \"其他\"\n",
	} {
		if _, err := parse(text); err == nil {
			t.Errorf("parse accepted an unknown key in %q", text)
		}
	}
	if _, err := parse(everyday); err != nil {
		t.Errorf("everyday.toml: %v", err)
	}
}

func TestLines(t *testing.T) {
	gs := embedded(t).groups
	lines := strings.Split(everyday, "\n")
	for _, g := range []Group{gs[0], gs[len(gs)-1]} {
		if g.Line < 1 || g.Line > len(lines) || strings.TrimSpace(lines[g.Line-1]) != "[[group]]" {
			t.Fatalf("group %v: line %d is not a [[group]] header", g.Terms, g.Line)
		}
		// The header is followed by its own topic and terms.
		next := strings.Join(lines[g.Line:min(g.Line+3, len(lines))], "\n")
		if !strings.Contains(next, `"`+g.Terms[0]+`"`) || !strings.Contains(next, `"`+g.Topic+`"`) {
			t.Errorf("group %v: the lines after line %d are %q", g.Terms, g.Line, next)
		}
	}
	// The first and last headers, found independently of tableLines: a
	// line that starts with [[group]] (the file's header comment mentions
	// [[group]] mid-line).
	headers := regexp.MustCompile(`(?m)^\[\[group\]\]`).FindAllStringIndex(everyday, -1)
	lineAt := func(offset int) int { return strings.Count(everyday[:offset], "\n") + 1 }
	if got, want := gs[0].Line, lineAt(headers[0][0]); got != want {
		t.Errorf("first group at line %d, the file's first header is at line %d", got, want)
	}
	if got, want := gs[len(gs)-1].Line, lineAt(headers[len(headers)-1][0]); got != want {
		t.Errorf("last group at line %d, the file's last header is at line %d", got, want)
	}
	// A header after a comment still counts; one in a comment does not.
	d, err := parse("# [[group]] in a comment\n[[group]] # first\ntopic = \"其他\"\nterms = [\"甲乙\", \"丙丁\"]\n")
	if err != nil {
		t.Fatal(err)
	}
	if len(d.groups) != 1 || d.groups[0].Line != 2 {
		t.Errorf("groups %+v, want one at line 2", d.groups)
	}
}

// TestFresh checks that a caller cannot change the data through the
// slices it is given.
func TestFresh(t *testing.T) {
	a := Groups()
	a[0].Terms[0] = "改了"
	a[1] = Group{}
	f := Filler()
	f[0] = "改了"
	if b := Groups(); b[0].Terms[0] == "改了" || b[1].Topic == "" {
		t.Error("Groups shares its slices between calls")
	}
	if Filler()[0] == "改了" {
		t.Error("Filler shares its slice between calls")
	}
}
