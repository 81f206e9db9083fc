package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
)

// Numbers in postings are written as characters, five bits each, most
// significant first: every character but the last of a number comes from
// more, the last from last. The digits need no escaping in a JSON string
// and gzip well.
const (
	lastDigits = "0123456789abcdefghijklmnopqrstuv"
	moreDigits = "ABCDEFGHIJKLMNOPQRSTUVWXYZwxyz-_"
)

// putNum appends n to b.
func putNum(b *strings.Builder, n int) {
	if n < 0 {
		panic(fmt.Sprintf("search: putNum(%d): negative", n)) // a bug in the caller
	}
	var tmp [14]byte
	i := len(tmp) - 1
	tmp[i] = lastDigits[n&31]
	for n >>= 5; n > 0; n >>= 5 {
		i--
		tmp[i] = moreDigits[n&31]
	}
	b.Write(tmp[i:])
}

// readNums decodes a string of numbers written by putNum; for tests.
func readNums(s string) ([]int, error) {
	var out []int
	acc := 0
	for i := 0; i < len(s); i++ {
		if d := strings.IndexByte(lastDigits, s[i]); d >= 0 {
			out = append(out, acc*32+d)
			acc = 0
		} else if d := strings.IndexByte(moreDigits, s[i]); d >= 0 {
			acc = acc*32 + d
		} else {
			return nil, fmt.Errorf("readNums: bad digit %q at %d", s[i], i)
		}
	}
	if acc != 0 {
		return nil, fmt.Errorf("readNums: unfinished number at end")
	}
	return out, nil
}

// termHash is FNV-1a over the term's code points; js/store.js termHash is
// the same function. It picks a term's shard.
func termHash(term string) uint32 {
	h := uint32(2166136261)
	for _, r := range term {
		h ^= uint32(r)
		h *= 16777619
	}
	return h
}

// shardFile wraps v as a classic script that hands it to the engine:
//
//	window.JZSearch.register("t/3a",{…});
//
// Script elements work under file:// and a strict CSP, where fetch does not.
func shardFile(name string, v interface{}) ([]byte, error) {
	var b bytes.Buffer
	fmt.Fprintf(&b, "window.JZSearch.register(%q,", name)
	enc := json.NewEncoder(&b)
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("search: encoding %s: %w", name, err)
	}
	b.Truncate(b.Len() - 1) // Encode's newline
	b.WriteString(");\n")
	return b.Bytes(), nil
}
