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
	used := map[string]bool{}
	n := 0
	for _, r := range c.Records {
		used[r.ID] = true
		if r.Kind == kind {
			n++
		}
	}
	for seq := n + 1; ; seq++ {
		if id := IDFor(kind, seq); !used[id] && !taken[id] {
			if taken != nil {
				taken[id] = true
			}
			return id
		}
	}
}
