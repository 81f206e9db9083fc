package search

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"

	"jianzheng/generator/catalog"
)

var update = flag.Bool("update", false, "rewrite testdata/tokens.txt from the Go analyzers")

func TestAnalyze(t *testing.T) {
	for _, tc := range []struct {
		in       string
		uni      bool
		want     string // term@pos, * marking an edge
		whyCares string
	}{
		{"市民政局", false, "市@1* 市民@1 民政@2 政局@3 局@4*", "a Han run is overlapping pairs, and its edges"},
		{"市民政局", true, "市@1 民@2 政@3 局@4", "or single characters"},
		{"社会，保险", false, "社@1* 社会@1 会@2* 保@3* 保险@3 险@4*", "positions count characters: 社会保险 (会保@2) cannot match"},
		{"鲁政办字〔2018〕46号", false, "鲁@1* 鲁政@1 政办@2 办字@3 字@4* 2018@5 46@6 号@7", "〔〕 separate but take no position"},
		{"鲁政办字[2018]46号文", false, "鲁@1* 鲁政@1 政办@2 办字@3 字@4* 2018@5 46@6 号@7* 号文@7 文@8*", "so any brackets match, and 46号 matches 46号文"},
		{"ＩＣＰ备案２０１８", false, "icp@1 备@2* 备案@2 案@3* 2018@4", "full-width ASCII folds; the tokenizer would drop ２０１８"},
		{"户", false, "户@1", "a lone character stays whole"},
		{"中\u200b国\ufe0f", false, "中@1* 中国@1 国@2*", "invisible characters do not split a run"},
		{"a.b.c 1,000.5 a_b can't", false, "a.b.c@1 1,000.5@2 a_b@3 can't@4", "UAX #29 keeps these whole"},
		{"1.a a.1 a..b", false, "1@1 a@2 a@3 1@4 a@5 b@6", "but not these"},
		{"名称\x1e又称", false, "名@1* 名称@1 称@2* 又@4* 又称@4 称@5*", "values are kept apart"},
		{"abc\x1edef", true, "abc@1 def@3", ""},
		{"한국어 ελλάδα café", false, "caf@1", "other scripts are separators"},
		{"哈哈哈", false, "哈@1* 哈哈@1 哈哈@2 哈@3*", ""},
	} {
		got := render(analyze(tc.in, tc.uni))
		if got != tc.want {
			t.Errorf("analyze(%q, unigram=%v) = %s, want %s (%s)", tc.in, tc.uni, got, tc.want, tc.whyCares)
		}
	}
}

func render(toks []token) string {
	var parts []string
	for _, t := range toks {
		edge := ""
		if t.Edge {
			edge = "*"
		}
		parts = append(parts, fmt.Sprintf("%s@%d%s", t.Term, t.Pos, edge))
	}
	return strings.Join(parts, " ")
}

// TestHanRanges checks that every code point of hanRanges is, for bleve's
// unicode tokenizer, an ideographic word of its own.
func TestHanRanges(t *testing.T) {
	var b strings.Builder
	n := 0
	for i := 0; i < len(hanRanges); i += 2 {
		for r := hanRanges[i]; r <= hanRanges[i+1]; r++ {
			b.WriteRune(r)
			b.WriteByte(' ')
			n++
		}
	}
	toks := unicode.NewUnicodeTokenizer().Tokenize([]byte(b.String()))
	if len(toks) != n {
		t.Fatalf("%d Han characters gave %d tokens", n, len(toks))
	}
	for _, tok := range toks {
		if tok.Type != analysis.Ideographic {
			t.Errorf("%q (U+%04X) is not ideographic for bleve", tok.Term, []rune(string(tok.Term))[0])
		}
	}
}

// catalogValues lists every indexed value of c, sorted and without repeats.
func catalogValues(c *catalog.Catalog) []string {
	seen := map[string]bool{}
	for _, r := range c.Records {
		for _, vs := range tierValues(c, r) {
			for _, v := range vs {
				seen[v] = true
			}
		}
	}
	for _, g := range c.Synonyms {
		for _, v := range g.Terms {
			seen[v] = true
		}
	}
	var out []string
	for v := range seen {
		if strings.TrimSpace(v) != "" {
			out = append(out, v)
		}
	}
	sort.Strings(out)
	return out
}

func loadCatalog(t testing.TB, fsys fs.FS) *catalog.Catalog {
	t.Helper()
	c, err := catalog.Load(fsys)
	if err != nil {
		t.Fatalf("loading catalog: %v", err)
	}
	return c
}

// edgeInputs are analysed in tokens.txt beside the fixture's values.
var edgeInputs = []string{
	"鲁政办字〔2018〕46号", "ＩＣＰ备案号：鲁ICP备12345678号-1", "２０１８年６月", "A类、B类", "1,000.50元",
	"e-mail: jz_search@example.cn", "“户口本”", "中\u200b国", "社会，保险", "12345政务服务便民热线",
	"Ⅱ类", "々", "〇一二", "𠀀𠀁", "\t换行\r\n之后", "can't won't", "居民死亡医学证明(推断)书",
	"戶口所在地證明", "辦理無犯罪記錄證明", "乾坤 著作 於是", // traditional folds; 乾, 著, 於 are simplified too and stay
}

// TestTokens pins the analysis of every value of the fixture catalog and
// of edgeInputs in testdata/tokens.txt, which the JavaScript side checks
// too (testdata/tokens.test.js). go test -run TestTokens -update rewrites it.
func TestTokens(t *testing.T) {
	c := loadCatalog(t, os.DirFS("testdata/catalog"))
	inputs := append(catalogValues(c), edgeInputs...)
	var b strings.Builder
	b.WriteString("# Tokens of the jz_bigram (bi) and jz_unigram (uni) analyzers: analyzer, input as JSON, term@position ….\n")
	b.WriteString("# Checked by TestTokens (Go) and testdata/tokens.test.js (search.js). Rewrite: go test -run TestTokens -update\n")
	for _, in := range inputs {
		q, _ := json.Marshal(in)
		for _, uni := range []bool{false, true} {
			name := map[bool]string{false: "bi", true: "uni"}[uni]
			fmt.Fprintf(&b, "%s\t%s\t%s\n", name, q, render(analyze(in, uni)))
		}
	}
	const golden = "testdata/tokens.txt"
	if *update {
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -run TestTokens -update)", err)
	}
	if got := b.String(); got != string(want) {
		t.Errorf("%s is stale or the analyzers changed:\n%s\nrun go test -run TestTokens -update if the change is intended", golden, lineDiff(string(want), got))
	}

	cmd := exec.Command(nodePath(t), "--test", "testdata/tokens.test.js")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("search.js disagrees with %s: %v\n%s", golden, err, out)
	}
}

// lineDiff shows the first lines that differ.
func lineDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	var out []string
	for i := 0; i < len(al) || i < len(bl); i++ {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y && len(out) < 10 {
			out = append(out, fmt.Sprintf("line %d:\n  - %s\n  + %s", i+1, x, y))
		}
	}
	return strings.Join(out, "\n")
}

// jsTokens analyses inputs with search.js in one node process.
func jsTokens(t testing.TB, inputs []string, uni bool) [][]token {
	req := map[string]any{"mode": "tokens"}
	var pairs [][2]any
	for _, in := range inputs {
		pairs = append(pairs, [2]any{in, uni})
	}
	req["inputs"] = pairs
	var resp [][][3]any
	runNode(t, engineOnly(t), req, &resp)
	out := make([][]token, len(resp))
	for i, toks := range resp {
		out[i] = []token{}
		for _, tk := range toks {
			out[i] = append(out[i], token{tk[0].(string), int(tk[1].(float64)), tk[2].(bool)})
		}
	}
	return out
}

// compareTokens checks Go and JS analysis of every input.
func compareTokens(t *testing.T, inputs []string) {
	t.Helper()
	for _, uni := range []bool{false, true} {
		js := jsTokens(t, inputs, uni)
		bad := 0
		for i, in := range inputs {
			goT := analyze(in, uni)
			if goT == nil {
				goT = []token{}
			}
			if !reflect.DeepEqual(goT, js[i]) {
				if bad++; bad <= 5 {
					t.Errorf("unigram=%v %q:\n  bleve     %s\n  search.js %s", uni, in, render(goT), render(js[i]))
				}
			}
		}
		if bad > 5 {
			t.Errorf("unigram=%v: %d of %d inputs differ", uni, bad, len(inputs))
		}
	}
}

// TestContentTokens compares the analysis of every value of the sample
// catalog in ../../content, as it is now.
func TestContentTokens(t *testing.T) {
	fsys := os.DirFS("../../content")
	if _, err := fs.Stat(fsys, "site.toml"); err != nil {
		t.Skip("no sample catalog at ../../content")
	}
	compareTokens(t, catalogValues(loadCatalog(t, fsys)))
}

// TestFoldEveryCodePoint compares the character filter on every code point.
func TestFoldEveryCodePoint(t *testing.T) {
	var inputs []string
	var b strings.Builder
	for r := rune(0); r <= 0x10FFFF; r++ {
		if r >= 0xD800 && r <= 0xDFFF {
			continue
		}
		b.WriteRune(r)
		if b.Len() > 1<<16 {
			inputs = append(inputs, b.String())
			b.Reset()
		}
	}
	inputs = append(inputs, b.String())
	var js []string
	runNode(t, engineOnly(t), map[string]any{"mode": "fold", "inputs": inputs}, &js)
	for i, in := range inputs {
		if got := fold(in); got != js[i] {
			gr, jr := []rune(got), []rune(js[i])
			for k := range gr {
				if k >= len(jr) || gr[k] != jr[k] {
					t.Fatalf("fold differs in chunk %d at rune %d: Go U+%04X, JS %q", i, k, gr[k], string(jr[k:min(k+3, len(jr))]))
				}
			}
			t.Fatalf("fold differs in chunk %d: lengths %d and %d", i, len(gr), len(jr))
		}
	}
}

// nodeServer is one node process answering analysis questions line by
// line, for the fuzz test.
type nodeServer struct {
	in  *json.Encoder
	out *bufio.Scanner
}

func startNodeServer(t testing.TB) *nodeServer {
	root := engineOnly(t)
	cmd := exec.Command(nodePath(t), "testdata/harness.js", root, "serve")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { stdin.Close(); cmd.Wait() })
	sc := bufio.NewScanner(stdout)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	return &nodeServer{json.NewEncoder(stdin), sc}
}

func (s *nodeServer) analyze(t testing.TB, text string, uni bool) []token {
	if err := s.in.Encode([2]any{text, uni}); err != nil {
		t.Fatal(err)
	}
	if !s.out.Scan() {
		t.Fatalf("node server: %v", s.out.Err())
	}
	var toks [][3]any
	if err := json.Unmarshal(s.out.Bytes(), &toks); err != nil {
		t.Fatal(err)
	}
	out := []token{}
	for _, tk := range toks {
		out = append(out, token{tk[0].(string), int(tk[1].(float64)), tk[2].(bool)})
	}
	return out
}

// TestBridges checks that a word written with an alternative in brackets
// is found both ways, as a phrase, and only there.
func TestBridges(t *testing.T) {
	for _, c := range []struct {
		text  string
		finds []string
		not   []string
	}{
		{"由村(居)委会出具", []string{"村委会", "居委会", "委会出具"}, []string{"村居委", "居村"}},
		{"向所在镇（街道）计生办申请", []string{"镇计生办", "街道计生办", "所在镇"}, []string{"镇街道"}},
		{"村(居)民委员会", []string{"村民委员会", "居民委员会"}, nil},
		{"需要村(社区)开具的证明", []string{"村开具", "社区开具"}, nil},
		{"证明(一)", nil, []string{"明一"}},
		{"证明(一二三四)五", nil, []string{"明五", "四五明"}},
		{"村 (居) 委会", nil, []string{"村委会", "居委会"}}, // spaced: not one word
	} {
		var doc []token
		for _, tk := range theBigram.Analyze([]byte(c.text)) {
			doc = append(doc, token{string(tk.Term), tk.Position, false})
		}
		for _, q := range c.finds {
			if !phraseIn(doc, queryTokens(q)) {
				t.Errorf("%q: %q does not find it (%v)", c.text, q, doc)
			}
		}
		for _, q := range c.not {
			if phraseIn(doc, queryTokens(q)) {
				t.Errorf("%q: %q finds it (%v)", c.text, q, doc)
			}
		}
	}
}

// phraseIn reports whether the query tokens q occur in doc at the same
// distances from each other.
func phraseIn(doc, q []token) bool {
	at := map[string]map[int]bool{}
	for _, d := range doc {
		if at[d.Term] == nil {
			at[d.Term] = map[int]bool{}
		}
		at[d.Term][d.Pos] = true
	}
	for start := range at[q[0].Term] {
		ok := true
		for _, x := range q[1:] {
			ok = ok && at[x.Term][start+x.Pos-q[0].Pos]
		}
		if ok {
			return true
		}
	}
	return false
}
