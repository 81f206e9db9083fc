package catalog

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// table reads one TOML table into typed values. Each accessor notes the
// key as known and reports a wrong type or a blank required value at the
// value's position; done reports every key nobody asked for.
type table struct {
	file  string
	path  []string // where the table is: {"proof", "3"}; nil for a whole file
	name  string   // how messages name the table: `proof "hukou"`
	m     map[string]any
	pos   positions
	errs  *ErrorList
	known map[string]bool

	broken map[string]bool // keys of lines blanked after a syntax error
}

// header is where the table starts; for a whole file, its first line.
func (t *table) header() Pos {
	if p, ok := t.pos[keyPath(t.path...)]; ok && t.path != nil {
		return Pos{t.file, p.Line, p.Col}
	}
	return Pos{t.file, 1, 1}
}

func (t *table) lookup(parts ...string) (pos, bool) {
	p, ok := t.pos[keyPath(append(append([]string{}, t.path...), parts...)...)]
	return p, ok
}

// keyAt is where key is written, falling back to the table's header.
func (t *table) keyAt(key string) (int, int) {
	if p, ok := t.lookup(key); ok {
		return p.Line, p.Col
	}
	h := t.header()
	return h.Line, h.Col
}

// valueAt is where key's value (or its item-th element, if item ≥ 0) starts.
func (t *table) valueAt(key string, item int) (int, int) {
	if item >= 0 {
		if p, ok := t.lookup(key, strconv.Itoa(item)); ok {
			return p.ValLine, p.ValCol
		}
	}
	if p, ok := t.lookup(key); ok {
		return p.ValLine, p.ValCol
	}
	h := t.header()
	return h.Line, h.Col
}

func (t *table) errAtKey(key, format string, args ...any) {
	line, col := t.keyAt(key)
	t.errs.Add(t.file, line, col, format, args...)
}

func (t *table) errAtValue(key string, item int, format string, args ...any) {
	line, col := t.valueAt(key, item)
	t.errs.Add(t.file, line, col, format, args...)
}

func (t *table) errAtHeader(format string, args ...any) {
	h := t.header()
	t.errs.Add(t.file, h.Line, h.Col, format, args...)
}

func (t *table) get(key string, required bool) (any, bool) {
	t.known[key] = true
	v, ok := t.m[key]
	if !ok && required && !t.broken[key] {
		t.errAtHeader("%s 缺少 %s：请加上 %s = …（%s）", t.name, key, key, t.describe(key))
	}
	return v, ok
}

// str reads a string; required means present and not blank.
func (t *table) str(key string, required bool) string {
	v, ok := t.get(key, required)
	if !ok {
		return ""
	}
	s, isStr := v.(string)
	if !isStr {
		t.errAtValue(key, -1, "%s 的值要写在英文双引号里，现在是%s", key, typeName(v))
		return ""
	}
	if required && strings.TrimSpace(s) == "" {
		t.errAtValue(key, -1, "%s 是空的：请填写%s", key, t.describe(key))
	}
	return s
}

// line reads a one-line string, trimmed of surrounding space.
func (t *table) line(key string, required bool) string {
	return strings.TrimSpace(t.str(key, required))
}

// list reads an array of non-blank strings.
func (t *table) list(key string, required bool) []string {
	v, ok := t.get(key, required)
	if !ok {
		return nil
	}
	items, isList := v.([]any)
	if !isList {
		t.errAtValue(key, -1, "%s 要写成列表，如 [\"…\", \"…\"]，现在是%s", key, typeName(v))
		return nil
	}
	var out []string
	for i, item := range items {
		s, isStr := item.(string)
		switch {
		case !isStr:
			t.errAtValue(key, i, "%s 的第 %d 项要写在英文双引号里，现在是%s", key, i+1, typeName(item))
		case strings.TrimSpace(s) == "":
			t.errAtValue(key, i, "%s 的第 %d 项是空的：请删掉或填上", key, i+1)
		default:
			out = append(out, strings.TrimSpace(s))
		}
	}
	if required && len(out) == 0 && len(items) == 0 {
		t.errAtValue(key, -1, "%s 是空列表：请列出%s", key, t.describe(key))
	}
	return out
}

// integer reads a whole number (order = 3); 0 if absent.
func (t *table) integer(key string) int64 {
	v, ok := t.get(key, false)
	if !ok {
		return 0
	}
	n, isInt := v.(int64)
	if !isInt {
		t.errAtValue(key, -1, "%s 要写整数，不加引号，如 %s = 1，现在是%s", key, key, typeName(v))
	}
	return n
}

// date reads a TOML local date (2018-06-30, without quotes).
func (t *table) date(key string, required bool) Date {
	v, ok := t.get(key, required)
	if !ok {
		return Date{}
	}
	switch d := v.(type) {
	case time.Time:
		if d.Location().String() != "date-local" { // toml's internal.LocalDate
			t.errAtValue(key, -1, "%s 只写日期，如 2018-06-30，不要带时间", key)
			return Date{}
		}
		return dateOf(d)
	case string:
		t.errAtValue(key, -1, "%s 是日期，不加引号：写成 %s = 2018-06-30", key, key)
	default:
		t.errAtValue(key, -1, "%s 要写成日期，如 2018-06-30，现在是%s", key, typeName(v))
	}
	return Date{}
}

// done reports every key no accessor asked for, suggesting the closest known one.
func (t *table) done() {
	var unknown []string
	for k := range t.m {
		if !t.known[k] {
			unknown = append(unknown, k)
		}
	}
	if len(unknown) == 0 {
		return // the usual case, and the known keys need no sorting then
	}
	sort.Strings(unknown)
	var known []string
	for k := range t.known {
		known = append(known, k)
	}
	sort.Strings(known)
	for _, k := range unknown {
		t.errAtKey(k, "%s 里没有 %s 这个键%s", t.name, k, DidYouMean(k, known))
	}
}

func typeName(v any) string {
	switch v.(type) {
	case string:
		return "文字"
	case int64:
		return "数字"
	case float64:
		return "小数"
	case bool:
		return "true/false"
	case time.Time:
		return "日期"
	case []any:
		return "列表"
	case []map[string]any:
		return "[[…]] 表"
	case map[string]any:
		return "[…] 表"
	}
	return fmt.Sprintf("%T", v)
}

// describe says in a few words what a key holds, for "add …" messages: a
// record's keys as the schema describes them for its kind, other tables'
// from keyDescriptions, where "table.key" entries win over plain keys.
func (t *table) describe(key string) string {
	if len(t.path) > 0 {
		for _, s := range specs {
			if u := s.Use(key); s.Table == t.path[0] && u != nil && u.Hint != "" {
				return u.Hint
			}
		}
		if d, ok := keyDescriptions[t.path[0]+"."+key]; ok {
			return d
		}
	}
	if d, ok := keyDescriptions[key]; ok {
		return d
	}
	return "它的值"
}

// keyDescriptions describe the keys of site.toml, departments, policies,
// synonyms and events.
var keyDescriptions = map[string]string{
	"id":            "编号：a-z、0-9 和 -，是网址的一部分，公布后不再改",
	"name":          "正式名称",
	"title":         "标题",
	"publisher":     "发布单位",
	"updated":       "本次公布的日期",
	"number":        "文号",
	"policy.issuer": "发文单位",
	"issued":        "发文日期",
	"terms":         `两个或更多的词，正式名称在前，如 ["居民户口簿", "户口本"]`,
	"event.name":    "这件事的名称，如 身后事",
	"event.words":   `群众对这件事的说法，如 ["过世", "后事", "丧事"]`,
	"event.guide":   "简短的办事指引（Markdown）",
	"event.records": `这件事涉及的事项的 id，按办理顺序，如 ["siwang-zhengming-huohua"]`,
}

// DidYouMean returns `（是不是 "x"？）` for the closest candidate
// within a small edit distance, or "". Exported so that every message
// about a misspelt name (keys, ids, spreadsheet columns) reads alike.
func DidYouMean(s string, candidates []string) string {
	limit := max(1, min(3, len([]rune(s))/2))
	best, bestD := "", limit+1
	for _, c := range candidates {
		if d := editDistance(s, c); d < bestD {
			best, bestD = c, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf("（是不是 %q？）", best)
}

func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
