package site

import (
	"sort"
	"strconv"
	"strings"
	"unicode"

	"jianzheng/generator/catalog"
)

// Residents think in services (办理事项: 申请低保, 办理入学), not in the
// names of proofs, so every service a record's used_for names gets a page
// listing everything it concerns. A service's address is the pinyin of
// its name, which stays put as long as the name does.

// Service is one 办理事项 and the records that concern it.
type Service struct {
	Name  string
	Slug  string
	Lists []*List
	Count int
}

// services collects the services of c, in pinyin order, with unique slugs.
func (m *model) services() []*Service {
	byName := byKey(m.c.Records, func(r *catalog.Record) []string { return r.UsedFor })
	names := make([]string, 0, len(byName))
	for n := range byName {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool {
		ki, kj := sortKey(names[i]), sortKey(names[j])
		if ki != kj {
			return ki < kj
		}
		return names[i] < names[j]
	})
	used := map[string]int{}
	var out []*Service
	for _, name := range names {
		slug := slugOf(name)
		used[slug]++
		if n := used[slug]; n > 1 {
			slug += "-" + strconv.Itoa(n)
		}
		lists, count := m.subLists(byName[name])
		out = append(out, &Service{Name: name, Slug: slug, Lists: lists, Count: count})
	}
	return out
}

// slugOf is a name's pinyin, syllables joined by "-", other letters and
// digits kept, at most 60 characters.
func slugOf(name string) string {
	var parts []string
	var word strings.Builder
	flush := func() {
		if word.Len() > 0 {
			parts = append(parts, word.String())
			word.Reset()
		}
	}
	for _, r := range name {
		switch {
		case unicode.Is(unicode.Han, r):
			flush()
			if py := firstReading(r); py != "" {
				parts = append(parts, py)
			}
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			word.WriteRune(unicode.ToLower(r))
		default:
			flush()
		}
	}
	flush()
	slug := strings.Join(parts, "-")
	for len(slug) > 60 {
		slug = slug[:strings.LastIndexByte(slug[:60], '-')]
	}
	if slug == "" {
		slug = "service"
	}
	return slug
}

func servicePath(s *Service) string { return "service/" + s.Slug + "/index.html" }
