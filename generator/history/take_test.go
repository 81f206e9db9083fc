package history

import (
	"fmt"
	"hash/fnv"
	"reflect"
	"testing"

	"jianzheng/generator/catalog"
)

// TestHash: the hash is FNV-1a, 64 bits, as published manifests have it.
func TestHash(t *testing.T) {
	for _, s := range []string{"", "a", "户口所在地证明", "2018-06-30", "x\x00y", string(make([]byte, 1000))} {
		h := fnv.New64a()
		h.Write([]byte(s))
		if want := fmt.Sprintf("%016x", h.Sum64()); hash(s) != want {
			t.Errorf("hash(%q) = %s, want %s", s, hash(s), want)
		}
	}
}

// TestTaker: a Taker's snapshots are Take's, for a catalog whose records
// change between takes, some kept as they were (the same values).
func TestTaker(t *testing.T) {
	c := sample(t)
	edited := *c.Records[1]
	edited.Name += "（改）"
	changed := *c
	changed.Records = append([]*catalog.Record{c.Records[0], &edited}, c.Records[3:]...)
	var tk Taker
	for _, c := range []*catalog.Catalog{c, &changed, c} {
		if got, want := tk.Take(c), Take(c); !reflect.DeepEqual(got, want) {
			t.Errorf("a Taker's snapshot differs from Take's")
		}
	}
}
