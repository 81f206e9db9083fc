package ledger

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"golang.org/x/text/width"

	"jianzheng/generator/catalog"
)

// refs resolves what ledgers write for departments and policies to ids.
type refs struct {
	// depts holds, from the most to the least certain: full names, ids,
	// aliases, names without their city prefix. Each maps to the ids of the
	// departments it could mean.
	depts     [4]map[string][]string
	deptNames []string // names and aliases, for suggestions
	pols      map[string]string
	polNames  []string
}

// cityPrefix is the 诸城市 of 诸城市公安局: a few characters up to the
// first 市, 县, 区 or 旗.
var cityPrefix = regexp.MustCompile(`^\p{Han}{1,4}?[市县区旗]`)

func newRefs(c *catalog.Catalog) *refs {
	x := &refs{pols: map[string]string{}}
	for i := range x.depts {
		x.depts[i] = map[string][]string{}
	}
	add := func(level int, key, id string) {
		for _, have := range x.depts[level][key] {
			if have == id {
				return
			}
		}
		x.depts[level][key] = append(x.depts[level][key], id)
	}
	for _, d := range c.Departments {
		add(0, d.Name, d.ID)
		add(1, d.ID, d.ID)
		x.deptNames = append(x.deptNames, d.Name)
		for _, a := range d.Aliases {
			add(2, a, d.ID)
			x.deptNames = append(x.deptNames, a)
		}
		if short := cityPrefix.ReplaceAllString(d.Name, ""); short != d.Name && short != "" {
			add(3, short, d.ID)
		}
	}
	for _, p := range c.Policies {
		x.pols[p.ID] = p.ID
		x.pols[normNumber(p.Number)] = p.ID
		x.polNames = append(x.polNames, p.Number)
	}
	return x
}

// department returns the id a cell names, or a message saying why none.
func (x *refs) department(c *catalog.Catalog, s string) (string, string) {
	for _, level := range x.depts {
		switch ids := level[s]; len(ids) {
		case 0:
			continue
		case 1:
			return ids[0], ""
		default:
			var names []string
			for _, id := range ids {
				names = append(names, c.Department(id).Name)
			}
			sort.Strings(names)
			return "", fmt.Sprintf("%q 可能是 %s：请写全称", s, strings.Join(names, " 或 "))
		}
	}
	return "", fmt.Sprintf("%q 不是 departments.toml 里的部门%s", s, catalog.DidYouMean(s, x.deptNames))
}

// policy returns the id of the policy a 文号 or id names.
func (x *refs) policy(s string) (string, string) {
	if id, ok := x.pols[s]; ok {
		return id, ""
	}
	if id, ok := x.pols[normNumber(s)]; ok {
		return id, ""
	}
	return "", fmt.Sprintf("%q 不是 policies.toml 里的文件%s", s, catalog.DidYouMean(s, x.polNames))
}

// normNumber folds the ways a 文号's year is bracketed: 〔2018〕, [2018],
// ［2018］, (2018), 【2018】.
func normNumber(s string) string {
	s = width.Fold.String(s)
	return strings.Map(func(r rune) rune {
		switch r {
		case '〔', '【', '[', '(':
			return '('
		case '〕', '】', ']', ')':
			return ')'
		case ' ', '\u3000':
			return -1
		}
		return r
	}, s)
}
