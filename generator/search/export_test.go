package search

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"jianzheng/generator/synth"
)

// TestExportDeterministic builds the index twice and exports each twice:
// every file must have the same bytes.
func TestExportDeterministic(t *testing.T) {
	c := loadCatalog(t, synth.Catalog(600, 4))
	var exports []map[string][]byte
	for i := 0; i < 2; i++ {
		ix, err := Build(c)
		if err != nil {
			t.Fatal(err)
		}
		for j := 0; j < 2; j++ {
			files, err := ix.Export()
			if err != nil {
				t.Fatal(err)
			}
			exports = append(exports, files)
		}
		ix.Close()
	}
	for i, files := range exports[1:] {
		if len(files) != len(exports[0]) {
			t.Fatalf("export %d has %d files, the first %d", i+1, len(files), len(exports[0]))
		}
		for name, b := range exports[0] {
			if !bytes.Equal(b, files[name]) {
				t.Errorf("export %d: %s differs", i+1, name)
			}
		}
	}
}

// TestExportFiles checks the shape of every file: the engine, the
// manifest (after boot.js), then shards in the folder the manifest names, the hash of
// their contents, that are classic scripts registering their own name.
func TestExportFiles(t *testing.T) {
	files, err := fixtureIndex(t).Export()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(files[EnginePath], engineJS) {
		t.Errorf("%s is not the embedded search.js", EnginePath)
	}
	dir := indexFolder(t, files)
	if len(dir) != 16 {
		t.Errorf("index folder %q is not 16 hex digits", dir)
	}
	shard := regexp.MustCompile(`^search/index/(?:` + dir + `/((t/[0-9a-f]+)|(p/[0-9]+)|(d/[0-9]+)|(i/[0-9]+)|(g/[0-9]+)|(e/[0-9]+)|(f/[0-9a-f]+)|(r)|(s)|(y)|(c))|(manifest))\.js$`)
	inDir := map[string][]byte{}
	for name, b := range files {
		if name == EnginePath {
			continue
		}
		m := shard.FindStringSubmatch(name)
		if m == nil {
			t.Errorf("unexpected file %s", name)
			continue
		}
		reg := m[1] + m[13]
		if m[1] != "" {
			inDir[m[1]] = b
		}
		if reg == "manifest" {
			// it begins with the search page's head start (boot.js)
			if !bytes.HasPrefix(b, bootJS) {
				t.Errorf("%s does not begin with boot.js: %.60s", name, b)
			}
			b = b[len(bootJS):]
		}
		if y := files[IndexDir+dir+"/y.js"]; reg == "r" && y != nil {
			// it carries y.js, whole, first: a word read as homophones
			// needs both
			if !bytes.HasPrefix(b, y) {
				t.Errorf("%s does not begin with y.js: %.60s", name, b)
			}
			b = b[len(y):]
		}
		prefix := fmt.Sprintf("window.JZSearch.register(%q,", reg)
		if !bytes.HasPrefix(b, []byte(prefix)) || !bytes.HasSuffix(b, []byte(");\n")) {
			t.Errorf("%s does not register itself: %.60s", name, b)
		}
	}
	if files[IndexDir+"manifest.js"] == nil || inDir["d/0"] == nil || inDir["t/0"] == nil || inDir["g/0"] == nil {
		t.Errorf("manifest, first document block or first term shard missing")
	}
	if h := folderHash(inDir); h != dir {
		t.Errorf("index folder %s, but its files hash to %s", dir, h)
	}
}

// indexFolder is the folder the export's manifest names (its "h").
func indexFolder(t testing.TB, files map[string][]byte) string {
	t.Helper()
	m := regexp.MustCompile(`"h":"([0-9a-f]+)"`).FindSubmatch(files[IndexDir+"manifest.js"])
	if m == nil {
		t.Fatalf("the manifest names no folder: %.200s", files[IndexDir+"manifest.js"])
	}
	return string(m[1])
}

// TestEngineFormatVersion keeps FormatVersion and search.js's FORMAT
// together, and checks that search.js refuses another version, loudly.
func TestEngineFormatVersion(t *testing.T) {
	want := fmt.Sprintf("var FORMAT = %d;", FormatVersion) // in js/store.js: "// must equal search.FormatVersion"
	if src, _ := engineFS.ReadFile("js/store.js"); !strings.Contains(string(src), want) {
		t.Fatalf("js/store.js does not declare %q", want)
	}
	files, err := fixtureIndex(t).Export()
	if err != nil {
		t.Fatal(err)
	}
	var ok struct {
		OK    bool
		Error string
	}
	runNode(t, writeSite(t, files), map[string]any{"mode": "open"}, &ok)
	if !ok.OK {
		t.Fatalf("search.js refuses its own export: %s", ok.Error)
	}
	m := files[IndexDir+"manifest.js"]
	files[IndexDir+"manifest.js"] = bytes.Replace(m, []byte(fmt.Sprintf(`{"v":%d,`, FormatVersion)), []byte(`{"v":999,`), 1)
	var bad struct {
		OK    bool
		Error string
	}
	runNode(t, writeSite(t, files), map[string]any{"mode": "open"}, &bad)
	if bad.OK || !strings.Contains(bad.Error, "format 999") {
		t.Errorf("search.js opened an index of format 999: %+v", bad)
	}
}

func TestNums(t *testing.T) {
	var b strings.Builder
	in := []int{0, 1, 31, 32, 33, 1023, 1024, 99999, 1 << 30}
	for _, n := range in {
		putNum(&b, n)
	}
	out, err := readNums(b.String())
	if err != nil || fmt.Sprint(out) != fmt.Sprint(in) {
		t.Errorf("readNums(putNum(%v)) = %v, %v", in, out, err)
	}
}

// TestFoldedChars checks that the export keeps the fold pairs whose
// simplified form the index, its words or GB 2312's first level hold,
// and no other, and that the manifest's fc names the traditional
// character of each pair it keeps; the engine reads it with the reader
// of postings.
func TestFoldedChars(t *testing.T) {
	rs := []rune(foldPairs)
	var rare [2]rune // a pair whose simplified form is not of the first level
	for i := 0; i+1 < len(rs); i += 2 {
		if !commonChar(rs[i+1]) {
			rare = [2]rune{rs[i], rs[i+1]}
			break
		}
	}
	for _, tt := range []struct {
		name  string
		terms []string
		words []string
		kept  bool
	}{
		{"in no list", []string{"户口"}, nil, false},
		{"in a term", []string{string(rare[1]) + "口"}, nil, true},
		{"in a word", nil, []string{"老" + string(rare[1])}, true},
	} {
		st := &stats{terms: map[string]*[numExported]any{}}
		for _, term := range tt.terms {
			st.terms[term] = &[numExported]any{}
		}
		pairs := foldsOf(st, tt.words)
		if got := strings.Contains(pairs, string(rare[:])); got != tt.kept {
			t.Errorf("%s: pair %c→%c kept %v, want %v", tt.name, rare[0], rare[1], got, tt.kept)
		}
		if !strings.Contains(pairs, "戶户") {
			t.Errorf("%s: the pair 戶→户 (first level) is not kept", tt.name)
		}
		ds, err := readNums(foldedChars(pairs))
		if err != nil {
			t.Fatal(err)
		}
		var want, got []rune
		prs := []rune(pairs)
		for i := 0; i+1 < len(prs); i += 2 {
			want = append(want, prs[i])
		}
		c := 0
		for _, d := range ds {
			c += d
			got = append(got, rune(c))
		}
		if string(got) != string(want) {
			t.Errorf("%s: fc reads as %d characters, not the %d of the pairs kept", tt.name, len(got), len(want))
		}
	}
}
