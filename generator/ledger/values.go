package ledger

import (
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/width"

	"jianzheng/generator/catalog"
)

// cleanCell normalises a cell's line ends and trims it; spreadsheets keep
// the CRs of pasted text and the full-width spaces of typed text.
func cleanCell(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.TrimSpace(s)
}

// cleanNotes gives a note of several lines the final line break that the
// content files' multi-line strings carry, so that a note read from a
// ledger equals the note the catalog loaded.
func cleanNotes(s string) string {
	if strings.Contains(s, "\n") {
		return s + "\n"
	}
	return s
}

const (
	primarySeps   = "；;\n"
	secondarySeps = "、，,/／"
)

// splitList splits a list cell. Exports join with "；", so once a cell
// holds a primary separator only those split it: "户口簿、身份证；护照"
// is two items, not three.
func splitList(s string) []string {
	seps := primarySeps
	if !strings.ContainsAny(s, primarySeps) {
		seps += secondarySeps
	}
	var out []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(seps, r) }) {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// joinList is splitList's inverse: a lone item holding a secondary
// separator gets a trailing "；" so that it reads back whole.
func joinList(items []string) string {
	s := strings.Join(items, "；")
	if len(items) == 1 && strings.ContainsAny(s, secondarySeps) {
		s += "；"
	}
	return s
}

var (
	textDate  = regexp.MustCompile(`^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$`)
	compact   = regexp.MustCompile(`^(\d{4})(\d{2})(\d{2})$`)
	serialNum = regexp.MustCompile(`^\d+(?:\.\d+)?$`)
)

// parseDate reads a date cell. raw is the cell's stored value (for an
// Excel date, its serial number); text is what the sheet shows.
func parseDate(text, raw string, date1904 bool) (catalog.Date, bool) {
	for _, s := range []string{raw, text} {
		s = strings.TrimSpace(width.Fold.String(s))
		if m := textDate.FindStringSubmatch(s); m != nil {
			return ymd(m[1], m[2], m[3])
		}
		if m := compact.FindStringSubmatch(s); m != nil {
			return ymd(m[1], m[2], m[3])
		}
		if serialNum.MatchString(s) {
			if f, err := strconv.ParseFloat(s, 64); err == nil {
				return fromSerial(int(f), date1904)
			}
		}
	}
	return catalog.Date{}, false
}

func ymd(y, m, d string) (catalog.Date, bool) {
	yy, _ := strconv.Atoi(y)
	mm, _ := strconv.Atoi(m)
	dd, _ := strconv.Atoi(d)
	t := time.Date(yy, time.Month(mm), dd, 0, 0, 0, 0, time.UTC)
	if t.Year() != yy || int(t.Month()) != mm || t.Day() != dd {
		return catalog.Date{}, false // 2018-02-30 rolls over; refuse it
	}
	return catalog.Date{Year: yy, Month: t.Month(), Day: dd}, true
}

// fromSerial converts an Excel date serial. A number under 10000 is taken
// for a mistake (2018 is a year, not 1905-07-10), which also keeps clear of
// the 1900 system's phantom 1900-02-29.
func fromSerial(n int, date1904 bool) (catalog.Date, bool) {
	if n < 10000 || n > 2958465 { // 9999-12-31
		return catalog.Date{}, false
	}
	base := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	if date1904 {
		base = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	t := base.AddDate(0, 0, n)
	return catalog.Date{Year: t.Year(), Month: t.Month(), Day: t.Day()}, true
}

// serial is fromSerial's inverse in the 1900 system, for date cells in exports.
func serial(d catalog.Date) float64 {
	t := time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC)
	return float64(t.Sub(time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)) / (24 * time.Hour))
}

// groundNames are the four principles as ledgers write them (§1.2 of
// the domain brief); exports write these.
var groundNames = map[string]string{
	"no-legal-basis":   "无法律法规依据",
	"licence-proves":   "有效证照可以证明",
	"higher-authority": "上级明文规定取消",
	"data-sharing":     "可通过数据共享查证",
}

// groundWords maps every accepted spelling, folded by foldWords, to a value.
var groundWords = map[string]string{}

func init() {
	variants := map[string][]string{
		"no-legal-basis":   {"没有法律法规依据", "无法律、法规依据", "无依据"},
		"licence-proves":   {"有效证照能够证明", "证照可以证明", "license-proves"},
		"higher-authority": {"上级部门明文规定取消", "上级明文规定", "上级部门明文规定"},
		"data-sharing":     {"可以通过数据共享查证", "可通过数据共享、信息比对自行查证", "数据共享", "信息共享"},
	}
	for _, v := range catalog.Grounds {
		groundWords[foldWords(v)] = v
		groundWords[foldWords(groundNames[v])] = v
		for _, w := range variants[v] {
			groundWords[foldWords(w)] = v
		}
	}
}

// foldWords compares enum words loosely: widths folded, case folded,
// spaces and punctuation other than "-" dropped.
func foldWords(s string) string {
	s = strings.ToLower(width.Fold.String(s))
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || (unicode.IsPunct(r) && r != '-') {
			return -1
		}
		return r
	}, s)
}

// parseGround reads a principle as ledgers write it: a spelling of
// groundWords, or else by meaning, from the words each principle's
// wording uses (groundMeaning): 可通过信息共享查询 is data-sharing. A
// value whose words point to two principles is ambiguous: both are
// returned, and ok is false.
func parseGround(s string) (v string, ok bool, both []string) {
	if v, ok := groundWords[foldWords(s)]; ok {
		return v, true, nil
	}
	f := foldWords(s)
	for _, g := range catalog.Grounds {
		for _, w := range groundMeaning[g] {
			if strings.Contains(f, w) {
				both = append(both, g)
				break
			}
		}
	}
	if len(both) == 1 {
		return both[0], true, nil
	}
	return "", false, both
}

// groundMeaning are the words that say each principle, as real ledgers
// word it (§1.2 of the domain brief: 凡能通过数据共享、信息对比等方式能够
// 自行查证或查询的 …). Documented in the README.
var groundMeaning = map[string][]string{
	"no-legal-basis":   {"无法律", "没有法律", "无法规", "没有法规", "无依据", "没有依据", "无设定依据", "没有设定依据", "依据不足"},
	"licence-proves":   {"证照", "有效证件", "身份证件", "户口簿"},
	"higher-authority": {"上级", "明文规定"},
	"data-sharing":     {"信息共享", "数据共享", "数据比对", "信息比对", "信息对比", "数据对比", "查询", "查证", "核查", "联网"},
}

// statusNames are what exports write for each status.
var statusNames = map[string]string{"retained": "保留", "removed": "已移出"}

var statusWords = map[string]string{
	"保留": "retained", "保留的": "retained", "继续保留": "retained", "retained": "retained",
	"取消": "removed", "已取消": "removed", "移出": "removed", "已移出": "removed",
	"已移出清单": "removed", "removed": "removed",
}

func parseStatus(s string) (string, bool) {
	v, ok := statusWords[foldWords(s)]
	return v, ok
}
