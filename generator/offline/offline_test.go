package offline

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

func files(record string) map[string][]byte {
	return map[string][]byte{
		"index.html":                           []byte("home"),
		"search/index.html":                    []byte("search"),
		"search/index/manifest.js":             []byte("m"),
		"search/index/0123456789abcdef/t/0.js": []byte("shard"),
		"assets/site.1234.js":                  []byte("js"),
		"cancelled/index.html":                 []byte("list"),
		"cancelled/by-ground.html":             []byte("grounds"),
		"cancelled/print.html":                 []byte("print"),
		"cancelled/a/index.html":               []byte(record),
		"data/catalog.json":                    []byte("{}"),
		"index.html.gz":                        []byte("gz"),
	}
}

func build(record string) (sw []byte, l list) {
	d := Digests{}
	d.Add(files(record))
	out := d.Files()
	if err := json.Unmarshal(out[ListPath], &l); err != nil {
		panic(err)
	}
	return out[WorkerPath], l
}

// TestFiles checks offline.json's lists and size, and that the version
// covers every file, a record page's too, and nothing else.
func TestFiles(t *testing.T) {
	sw, l := build("a")
	if got := strings.Join(l.Core, " "); got != "assets/site.1234.js index.html search/index.html search/index/manifest.js" {
		t.Errorf("core: %s", got)
	}
	if got := strings.Join(l.Files, " "); got != "assets/site.1234.js cancelled/by-ground.html cancelled/index.html index.html search/index.html search/index/0123456789abcdef/t/0.js search/index/manifest.js" {
		t.Errorf("files: %s", got)
	}
	if l.Bytes != 2+7+4+4+6+5+1 || l.Cap != Cap || len(l.V) != 16 {
		t.Errorf("bytes %d, cap %d, version %q", l.Bytes, l.Cap, l.V)
	}
	if !bytes.HasPrefix(sw, []byte(`var V = "`+l.V+"\";\n")) {
		t.Errorf("sw.js starts %.40q", sw)
	}
	again, _ := build("a")
	changed, l2 := build("b")
	if !bytes.Equal(sw, again) || l2.V == l.V || bytes.Equal(sw, changed) {
		t.Errorf("versions: same site %v, a changed record page %s → %s", bytes.Equal(sw, again), l.V, l2.V)
	}
}
