package synth

import (
	"bytes"
	"testing"

	"jianzheng/generator/catalog"
)

func TestCatalogLoads(t *testing.T) {
	for _, n := range []int{0, 1, 37, 2000} {
		c, err := catalog.Load(Catalog(n, 7))
		if err != nil {
			t.Fatalf("Catalog(%d) does not load:\n%v", n, err)
		}
		if len(c.Records) != n {
			t.Errorf("Catalog(%d) has %d records", n, len(c.Records))
		}
		if n >= 2000 {
			kinds := map[catalog.Kind]int{}
			for _, r := range c.Records {
				kinds[r.Kind]++
			}
			for _, k := range catalog.Kinds {
				if kinds[k] < n/10 {
					t.Errorf("Catalog(%d): only %d records of kind %s", n, kinds[k], k)
				}
			}
		}
	}
}

func TestCatalogDeterministic(t *testing.T) {
	a, b, c := Catalog(300, 1), Catalog(300, 1), Catalog(300, 2)
	if len(a) != len(b) {
		t.Fatalf("same seed, %d and %d files", len(a), len(b))
	}
	for name, f := range a {
		if !bytes.Equal(f.Data, b[name].Data) {
			t.Errorf("same seed, %s differs", name)
		}
	}
	same := true
	for name, f := range a {
		if c[name] == nil || !bytes.Equal(f.Data, c[name].Data) {
			same = false
		}
	}
	if same {
		t.Error("seeds 1 and 2 give the same catalog")
	}
}
