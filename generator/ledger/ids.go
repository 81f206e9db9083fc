package ledger

import (
	"fmt"

	"jianzheng/generator/catalog"
)

// IDFor is the generated id of the seq-th record of kind: IDFor(Cancelled,
// 49) is "cancelled-049". It matches the content format's id pattern for
// any seq ≥ 0.
func IDFor(kind catalog.Kind, seq int) string {
	return fmt.Sprintf("%s-%03d", kind, seq)
}

// NextID returns the first generated id of kind, counting from one past
// the number of kind's records in c, that no record in c has and taken
// does not hold, and adds it to taken. Given the same catalog and the same
// taken set, it returns the same id, so an import is repeatable.
//
// Ids form the record's address and never change once published, which is
// why they are generated from a sequence and not from the name: an edit to
// the name must not move the page.
func NextID(c *catalog.Catalog, kind catalog.Kind, taken map[string]bool) string {
	return newIDSeq(c, kind, taken).next()
}

// idSeq hands out the ids NextID would give one call after another, in
// linear time: the catalog is scanned once, and each call goes on from
// the last sequence number (every number before it is used or taken).
type idSeq struct {
	kind  catalog.Kind
	used  map[string]bool
	taken map[string]bool
	seq   int
}

func newIDSeq(c *catalog.Catalog, kind catalog.Kind, taken map[string]bool) *idSeq {
	s := &idSeq{kind: kind, used: make(map[string]bool, len(c.Records)), taken: taken}
	for _, r := range c.Records {
		s.used[r.ID] = true
		if r.Kind == kind {
			s.seq++
		}
	}
	return s
}

func (s *idSeq) next() string {
	for {
		s.seq++
		if id := IDFor(s.kind, s.seq); !s.used[id] && !s.taken[id] {
			if s.taken != nil {
				s.taken[id] = true
			}
			return id
		}
	}
}
