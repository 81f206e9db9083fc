package search

// The needs reading (needs.go) cuts a question into the words the
// thesaurus knows. The built-in ones, some thousands of groups' terms,
// situations' sayings and filler words, would be a file of 30 KB gzipped
// that every question matching nothing as typed waits for. Instead each
// word travels in the term shard of its first two characters, a shard the
// question loads anyway (needs.bigrams, to know which pairs some record
// holds), with the built-in entries it calls up: a question reads only
// the words that can start at one of its pairs. The few words that cannot
// be found that way (one character, or not starting with two Han
// characters: 要, 啥, B超) are in the manifest.

// needsWord is a built-in word as the export writes it: [text, 1 if
// filler, 2 if filler no record's name sounds like (muteFillers), else 0,
// the numbers of the built-in entries it calls up…].
type needsWord []any

// builtinEntry is a built-in entry as the manifest carries it: for a
// situation [what residents say, the services it means], for a group
// [its terms], which both call it up and are what it adds (as an e/ file
// leaves out m). Entries are numbered situations first, then groups
// (newThesaurus), as the e/ files.
type builtinEntry [][]string

// needsWords sorts the built-in words into those found by their first
// two characters (by that pair) and the rest, with the entries the rest
// call up (the manifest's w1 and e1).
func needsWords(b builtinWords, filler []string, mute map[string]bool) (byPair map[string][]needsWord, rest []needsWord, restEntries map[int]builtinEntry) {
	var order []string
	var entries []builtinEntry
	calls := map[string][]any{}
	isFiller := map[string]bool{}
	note := func(w string, e ...any) {
		if _, ok := calls[w]; !ok {
			order = append(order, w)
			calls[w] = []any{}
		}
		calls[w] = append(calls[w], e...)
	}
	for _, s := range b.situations {
		n := len(entries)
		entries = append(entries, builtinEntry{s[0], s[1]})
		for _, w := range s[0] {
			note(w, n)
		}
	}
	for _, g := range b.groups {
		n := len(entries)
		entries = append(entries, builtinEntry{g})
		for _, w := range g {
			note(w, n)
		}
	}
	for _, f := range filler {
		note(f)
		isFiller[f] = true
	}
	byPair, rest, restEntries = map[string][]needsWord{}, []needsWord{}, map[int]builtinEntry{}
	for _, w := range order {
		nw := needsWord{w, 0}
		if isFiller[w] {
			nw[1] = 1
			if mute[spoken(w)] {
				nw[1] = 2
			}
		}
		nw = append(nw, calls[w]...)
		if pair := firstPair(w); pair != "" {
			byPair[pair] = append(byPair[pair], nw)
		} else {
			rest = append(rest, nw)
			for _, n := range nw[2:] {
				restEntries[n.(int)] = entries[n.(int)]
			}
		}
	}
	return byPair, rest, restEntries
}

// firstPair is the pair of Han characters a word starts with, as the
// query's analysis gives them (needs.bigrams), or "".
func firstPair(w string) string {
	toks := analyze(w, true)
	if len(toks) < 2 || toks[1].Pos != toks[0].Pos+1 || !han(toks[0].Term) || !han(toks[1].Term) {
		return ""
	}
	return toks[0].Term + toks[1].Term
}

// entryWords puts into an entry's file the words that start at a pair
// of its texts, as addWords does into term shards: a clause that calls
// an editor's entry up reads its terms from that file (g/), and
// needs.bigrams says so, so that its pairs' words cost no request more.
// (A clause as typed never calls up a built-in entry: their e/ files
// need no words.)
func entryWords(sh *termShard, texts []string, byPair map[string][]needsWord) {
	for _, t := range texts {
		toks := analyze(t, true)
		for i := 0; i+1 < len(toks); i++ {
			pair := toks[i].Term + toks[i+1].Term
			ws, ok := byPair[pair]
			if !ok || toks[i+1].Pos != toks[i].Pos+1 || !han(toks[i].Term) || !han(toks[i+1].Term) {
				continue
			}
			if sh.Words == nil {
				sh.Words = map[string][]needsWord{}
			}
			sh.Words[pair] = ws
		}
	}
}

// addWords puts into the term shards the words found by their first
// pair, each in the shard of that pair's term. The entries they call up
// are in their e/ files (builtinFiles), which the question's pieces load
// before they are widened, with the files of the editor's entries they
// call up, so no wave is added.
func addWords(shards []*termShard, byPair map[string][]needsWord) {
	for pair, ws := range byPair {
		sh := shards[termHash(pair)&uint32(len(shards)-1)]
		if sh.Words == nil {
			sh.Words = map[string][]needsWord{}
		}
		sh.Words[pair] = ws
	}
}
