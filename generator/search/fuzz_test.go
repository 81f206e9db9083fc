package search

import (
	"math/rand"
	"reflect"
	"strings"
	"sync"
	"testing"
)

// pool is what random strings are made of: the characters whose handling
// differs (word joiners, mid-letter and mid-number marks, full-width forms,
// Han on both planes, invisible marks, other scripts, separators).
var pool = []rune("aZz09_.:,;'\"-@ \t\n\r\x1e\x00ａＺ０９＿．：，；＇　〔〕【】、。“”户口本证明社会保险民政局号戶證辦無紀錄乾著〇々𠀀𠀁𪜀\u200b\u00ad\ufe0f\u0301ΑαКкアあ한😀\ufffd\u2028")

func randomString(rng *rand.Rand) string {
	n := rng.Intn(24)
	var b strings.Builder
	for i := 0; i < n; i++ {
		if rng.Intn(12) == 0 {
			b.WriteRune(rune(rng.Intn(0x30000))) // anything at all, even surrogates (invalid UTF-8)
			continue
		}
		b.WriteRune(pool[rng.Intn(len(pool))])
	}
	return b.String()
}

// TestAnalyzerRandom compares Go and JS tokens on 20,000 random strings in
// one node process.
func TestAnalyzerRandom(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	n := 20000
	if testing.Short() {
		n = 2000 // a smoke set; the full run tries ten times as many
	}
	inputs := make([]string, n)
	for i := range inputs {
		inputs[i] = randomString(rng)
	}
	compareTokens(t, inputs)
}

// FuzzAnalyzerParity asks bleve and search.js for the tokens of random
// strings, under both analyzers, through one long-running node process.
//
//	go test -run '^$' -fuzz FuzzAnalyzerParity -fuzztime 60s ./generator/search
func FuzzAnalyzerParity(f *testing.F) {
	for _, s := range edgeInputs {
		f.Add(s)
	}
	rng := rand.New(rand.NewSource(2))
	for i := 0; i < 64; i++ {
		f.Add(randomString(rng))
	}
	srv := startNodeServer(f)
	var mu sync.Mutex // one question at a time to the one node process
	f.Fuzz(func(t *testing.T, s string) {
		mu.Lock()
		defer mu.Unlock()
		for _, uni := range []bool{false, true} {
			want := analyze(s, uni)
			if want == nil {
				want = []token{}
			}
			if got := srv.analyze(t, s, uni); !reflect.DeepEqual(got, want) {
				t.Errorf("unigram=%v %q:\n  bleve     %s\n  search.js %s", uni, s, render(want), render(got))
			}
		}
	})
}
