package catalog

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"jianzheng/generator/cores"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

// MaxFileSize bounds one content file. A catalog file is typed by hand;
// anything larger is a mistake (a pasted dump, a binary), and reading it
// whole would let one file exhaust the machine.
const MaxFileSize = 8 << 20

// rootFiles are the files the content folder may hold at its top.
var rootFiles = []string{"site.toml", "departments.toml", "policies.toml", "synonyms.toml", "events.toml"}

// Load reads and validates the catalog in fsys. On any problem it returns
// a nil catalog and an ErrorList naming every problem found.
func Load(fsys fs.FS) (*Catalog, error) { return new(Loader).Load(fsys) }

// Load is catalog.Load, parsing only the files whose bytes differ from
// those of the previous call (see Loader).
func (ld *Loader) Load(fsys fs.FS) (*Catalog, error) {
	ld.mu.Lock()
	defer ld.mu.Unlock()
	l := &loader{fsys: fsys, c: &Catalog{}, cache: ld.files, parsed: map[string]*parsed{}}
	defer func() { ld.files = l.parsed }() // files gone from fsys are forgotten
	files, refused, err := tomlFiles(fsys)
	if err != nil {
		return nil, err
	}
	l.errs = append(l.errs, refused...)
	var roots []string
	for _, name := range rootFiles {
		if contains(files, name) {
			roots = append(roots, name)
		}
	}
	docs := map[string]*doc{}
	for i, p := range l.parseFiles(roots) {
		docs[roots[i]] = p.doc
	}
	l.loadSite(docs["site.toml"], contains(files, "site.toml") || refused.has("site.toml"))
	l.loadDepartments(docs["departments.toml"])
	l.loadPolicies(docs["policies.toml"])
	l.loadSynonyms(docs["synonyms.toml"])
	l.loadEvents(docs["events.toml"])
	var records []string
	for _, name := range files {
		if contains(rootFiles, name) {
			continue
		}
		if _, ok := kindOfPath(name); !ok {
			l.errs.Add(name, 1, 1, "%s", unknownPlace(name))
			continue
		}
		records = append(records, name)
	}
	// Parse a batch at a time, so that past MaxRecords no more time and
	// memory go into files that cannot be built.
	batch := 4 * runtime.GOMAXPROCS(0)
	for start := 0; start < len(records); start += batch {
		names := records[start:min(start+batch, len(records))]
		if len(l.c.Records) >= MaxRecords {
			for _, name := range names {
				l.errs.Add(name, 1, 1, "%s", tooManyRecords)
			}
			continue
		}
		for i, p := range l.parseFiles(names) {
			if p.doc != nil {
				kind, _ := kindOfPath(names[i])
				l.loadFileRecords(p, kind)
			}
		}
	}
	l.validate()
	if err := l.errs.Err(); err != nil {
		return nil, err
	}
	sortCatalog(l.c)
	return l.c, nil
}

type loader struct {
	fsys   fs.FS
	c      *Catalog
	errs   ErrorList
	cache  map[string]*parsed // the previous Load's files, by path
	parsed map[string]*parsed // this Load's
	recs   []decoded
	depts  []decoded
	pols   []decoded
	events []decoded
}

// decoded pairs a value with the table it came from, for positions.
type decoded struct {
	v any
	t *table
}

// doc is one parsed file.
type doc struct {
	path string
	m    map[string]any
	pos  positions

	broken map[string]bool // keys on lines blanked after a syntax error (see parse)
}

func kindOfPath(name string) (Kind, bool) {
	dir, _, ok := strings.Cut(name, "/")
	if !ok {
		return "", false
	}
	for _, k := range Kinds {
		if dir == string(k) {
			return k, true
		}
	}
	return "", false
}

func unknownPlace(name string) string {
	dir, _, inDir := strings.Cut(name, "/")
	if !inDir {
		return fmt.Sprintf("不认识的文件 %q%s：内容文件夹的最上层只放 %s", name,
			DidYouMean(name, rootFiles), strings.Join(rootFiles, "、"))
	}
	var kinds []string
	for _, k := range Kinds {
		kinds = append(kinds, string(k)+"/")
	}
	return fmt.Sprintf("不认识的文件夹 %q%s：事项放在 %s 里", dir+"/",
		DidYouMean(dir+"/", kinds), strings.Join(kinds, "、"))
}

// read reads one file whole, or returns why it cannot.
func read(fsys fs.FS, name string) ([]byte, *Error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, &Error{Path: name, Line: 1, Col: 1, Msg: fmt.Sprintf("读不了这个文件：%v", err)}
	}
	defer f.Close()
	data, err := readLimited(f, MaxFileSize)
	if err != nil {
		return nil, &Error{Path: name, Line: 1, Col: 1, Msg: err.Error()}
	}
	return data, nil
}

// parse decodes one file's bytes; on an encoding or syntax error it
// returns the errors instead. It touches nothing shared, so files parse
// concurrently (see parseFiles).
//
// A syntax error does not hide the rest of the file: parse reports it,
// blanks the broken line (a broken table header: the whole table) and
// decodes again, up to maxSyntaxErrors times, so that one run of check
// lists every mistake. The document returned then is the file without
// its broken lines, and a key written on one of them is not reported
// missing: its line already has an error.
func parse(name string, data []byte) (*doc, ErrorList) {
	fail := func(line, col int, format string, args ...any) (*doc, ErrorList) {
		return nil, ErrorList{{Path: name, Line: line, Col: col, Msg: fmt.Sprintf(format, args...)}}
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if !utf8.Valid(data) {
		line, col := invalidUTF8At(data)
		return fail(line, col, "文件不是 UTF-8 编码：请另存为 UTF-8（Excel 或 WPS：另存为 → UTF-8）")
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		line, col := lineCol(data, i)
		return fail(line, col, "文件里有 NUL 字节：文件可能已损坏，或者不是文本文件")
	}
	if line, col, msg := checkShape(string(data)); msg != "" {
		return fail(line, col, "%s", msg)
	}
	var errs ErrorList
	src := []byte(string(data)) // a copy: broken lines are blanked in place
	broken := map[string]bool{}
	// Each try decodes the whole file again: a large file gets fewer, so
	// that no file costs more than decoding 32 MB.
	tries := min(4*maxSyntaxErrors, max(1, (32<<20)/max(len(src), 1)))
	for ; tries > 0; tries-- {
		m := map[string]any{}
		_, err := toml.Decode(string(src), &m)
		if err == nil {
			if len(errs) > 0 {
				return &doc{path: name, m: m, pos: scanPositions(string(src)), broken: broken}, errs
			}
			return &doc{path: name, m: m, pos: scanPositions(string(src))}, nil
		}
		var pe toml.ParseError
		if !errors.As(err, &pe) {
			errs.Add(name, 1, 1, "%v", err)
			return nil, errs
		}
		line, col := lineCol(src, pe.Position.Start)
		if pe.Position.Start == 0 && pe.Position.Line > 1 {
			line, col = pe.Position.Line, 1
		}
		if blankLine(src, line) {
			// No progress: the error is about what follows a statement
			// that never ended (an unclosed list or string). Blank that
			// statement, without reporting this echo of its error.
			if !blankStatementBefore(src, line, broken) {
				break
			}
			continue
		}
		errs.Add(name, line, col, "%s", syntaxMessage(pe))
		if len(errs) == maxSyntaxErrors {
			break
		}
		blankAt(src, line, broken)
	}
	return nil, errs
}

// maxSyntaxErrors is how many syntax errors one file reports before the
// loader stops reading it: past that, it is mostly not TOML at all.
const maxSyntaxErrors = 20

// lineSpan returns the byte range of line n (from 1) in src, without its end.
func lineSpan(src []byte, n int) (start, end int, ok bool) {
	for l := 1; l < n; l++ {
		i := bytes.IndexByte(src[start:], '\n')
		if i < 0 {
			return 0, 0, false
		}
		start += i + 1
	}
	end = len(src)
	if i := bytes.IndexByte(src[start:], '\n'); i >= 0 {
		end = start + i
	}
	return start, end, true
}

// blankLine reports whether line n holds nothing but spaces (or is past the end).
func blankLine(src []byte, n int) bool {
	start, end, ok := lineSpan(src, n)
	return !ok || len(bytes.TrimSpace(src[start:end])) == 0
}

// blankAt blanks line n, keeping every byte offset, line and column of
// the rest of the file. A broken table header takes its table with it,
// lest its keys land in the table before. The key a blanked line
// assigns goes into broken.
func blankAt(src []byte, n int, broken map[string]bool) {
	start, end, _ := lineSpan(src, n)
	if bytes.HasPrefix(bytes.TrimSpace(src[start:end]), []byte("[")) {
		for l := n; ; l++ {
			s, e, ok := lineSpan(src, l)
			if !ok || (l > n && bytes.HasPrefix(bytes.TrimSpace(src[s:e]), []byte("["))) {
				return
			}
			blank(src[s:e])
		}
	}
	if m := lineKey.FindSubmatch(src[start:end]); m != nil {
		broken[string(m[1])] = true
	}
	blank(src[start:end])
}

// blankStatementBefore blanks the statement that line n continues: the
// nearest line above it that starts a key or a table. It reports false
// when there is none.
func blankStatementBefore(src []byte, n int, broken map[string]bool) bool {
	for l := n - 1; l >= 1; l-- {
		s, e, _ := lineSpan(src, l)
		t := bytes.TrimSpace(src[s:e])
		if len(t) > 0 && t[0] != '#' && (t[0] == '[' || bytes.Contains(t, []byte("="))) {
			blankAt(src, l, broken)
			for m := l + 1; m < n; m++ { // its continuation lines
				s, e, _ := lineSpan(src, m)
				blank(src[s:e])
			}
			return true
		}
	}
	return false
}

// lineKey finds the key a line starts with, even with its = missing.
var lineKey = regexp.MustCompile(`^\s*["']?([A-Za-z0-9_-]+)`)

func blank(b []byte) {
	for i := range b {
		if b[i] != '\r' {
			b[i] = ' '
		}
	}
}

// parseFiles reads and parses names on every core and returns them in
// the order of names (with a nil doc where a file failed), adding
// failures to l.errs. A file whose bytes are those the previous Load
// parsed is not parsed again. A panic while parsing (a decoder bug on
// some input) becomes an error at its file, among the others; so no
// piece of work fails, and Each's error is always nil.
func (l *loader) parseFiles(names []string) []*parsed {
	out := make([]*parsed, len(names))
	cores.Each(len(names), func(i int) error {
		if err := cores.Call(func() error { out[i] = l.parseFile(names[i]); return nil }); err != nil {
			var pe *cores.PanicError
			errors.As(err, &pe)
			msg := fmt.Sprintf("TOML 解析程序处理这个文件时出错（%v）：请把这个文件报告给维护人员", pe.Value)
			out[i] = &parsed{err: ErrorList{{Path: names[i], Line: 1, Col: 1, Msg: msg}}}
		}
		return nil
	})
	for i, p := range out {
		l.errs = append(l.errs, p.err...)
		if p.data != nil {
			l.parsed[names[i]] = p
		}
	}
	return out
}

func readLimited(f fs.File, limit int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, fmt.Errorf("读不了这个文件：%v", err)
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("文件超过 %d MB：请拆成几个文件", limit>>20)
	}
	return data, nil
}

// lineCol turns a byte offset into a line and a column counted in characters.
func lineCol(data []byte, off int) (int, int) {
	off = min(max(off, 0), len(data))
	before := data[:off]
	line := bytes.Count(before, []byte("\n")) + 1
	start := bytes.LastIndexByte(before, '\n') + 1
	return line, utf8.RuneCount(bytes.TrimSuffix(before[start:], []byte("\r"))) + 1
}

func invalidUTF8At(data []byte) (int, int) {
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			return lineCol(data, i)
		}
		i += n
	}
	return 1, 1
}

// syntaxMessage says what the decoder found wrong in plain Chinese. The
// decoder's own words (English, and about its grammar: "table array name
// delimiter") are kept only for a message not listed in syntaxTexts.
func syntaxMessage(pe toml.ParseError) string {
	msg := pe.Message
	if msg == "" {
		msg = pe.Error()
	}
	msg = strings.TrimPrefix(msg, "toml: ")
	for _, t := range syntaxTexts {
		if m := t.re.FindStringSubmatch(msg); m != nil {
			zh := t.zh
			for i, g := range m[1:] {
				zh = strings.ReplaceAll(zh, "$"+strconv.Itoa(i+1), g)
			}
			return "TOML 语法错误：" + zh
		}
	}
	return "TOML 语法错误：" + msg
}

// syntaxTexts rephrase BurntSushi/toml's messages; $1… are the groups.
var syntaxTexts = []struct {
	re *regexp.Regexp
	zh string
}{
	{regexp.MustCompile(`^strings cannot contain newlines`), "字符串没有结束：缺少右引号（一个值写在一行里，两端各有一个英文双引号 \"）"},
	{regexp.MustCompile(`^unexpected EOF`), "文件在一个值的中间结束了：检查最后一个值的引号或方括号是否成对"},
	{regexp.MustCompile(`^invalid datetime: "(.*)"`), "日期 $1 不存在或写法不对：写成 2018-06-30 这样的年-月-日，不加引号"},
	{regexp.MustCompile(`^expected value but found "(.*)" instead`), "等号后面应是一个值：文字要用英文双引号括起来，如 \"$1…\""},
	{regexp.MustCompile(`^Key '(?:.*\.)?(.*)' has already been defined`), "同一张表里 $1 写了两次：删去多余的一行"},
	{regexp.MustCompile(`^Key '(?:.*\.)?(.*)' was already created`), "同一张表里 $1 写了两次：删去多余的一行"},
	{regexp.MustCompile(`^expected '\.' or '=', but got '(.*)' instead`), "键名后面缺少等号：写成 键 = 值"},
	{regexp.MustCompile(`^expected a comma \(','\) or array terminator \(']'\)`), "列表没有结束：缺少右方括号 ] 或两项之间的英文逗号"},
	{regexp.MustCompile(`^expected end of table array name delimiter`), "表头没有结束：[[ 要用 ]] 结束，如 [[proof]]"},
	{regexp.MustCompile(`^expected end of table name delimiter`), "表头没有结束：[ 要用 ] 结束"},
	{regexp.MustCompile(`^invalid escape`), "字符串里的反斜杠 \\ 用法不对：要写反斜杠本身，请写两个 \\\\"},
	{regexp.MustCompile(`^bare keys cannot contain '(.*)'`), "键名里不能有 $1：键名只用英文字母、数字、- 和 _"},
	{regexp.MustCompile(`^expected a top-level item to end with a newline`), "一行只能写一个 键 = 值：把后面的内容移到下一行"},
	{regexp.MustCompile(`^expected value but found '\\n' instead`), "等号后面缺少值：写上值，或删掉这一行"},
	{regexp.MustCompile(`^expected value but found '(.*)' instead`), "等号后面应是一个值，却是 $1"},
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// fileTable is a table over a whole file's top level.
func (l *loader) fileTable(d *doc, name string) *table {
	return &table{file: d.path, name: name, m: d.m, pos: d.pos, broken: d.broken, errs: &l.errs, known: map[string]bool{}}
}

// arrayTables returns the tables of d's top-level [[name]], each as a table
// reader, reporting a key that is not an array of tables.
func (l *loader) arrayTables(d *doc, name string, label func(m map[string]any) string) []*table {
	top := l.fileTable(d, d.path)
	v, ok := top.get(name, false)
	if !ok {
		return nil
	}
	items, isArray := v.([]map[string]any)
	if !isArray {
		top.errAtKey(name, "%s 要写成 [[%s]] 表，一条一个，现在是%s", name, name, typeName(v))
		return nil
	}
	var out []*table
	for i, m := range items {
		t := &table{file: d.path, path: []string{name, strconv.Itoa(i)}, m: m, pos: d.pos, broken: d.broken, errs: &l.errs, known: map[string]bool{}}
		t.name = label(m)
		out = append(out, t)
	}
	return out
}

// otherTables reports top-level keys in a file meant to hold only [[name]]
// (and the keys also).
func (l *loader) otherTables(d *doc, name, want string, also ...string) {
	top := l.fileTable(d, d.path)
	top.known[name] = true
	var keys []string
	for k := range d.m {
		if k != name && !contains(also, k) {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		hint := DidYouMean(k, []string{name})
		for _, kind := range Kinds {
			if k == kind.Table() {
				hint = fmt.Sprintf("：[[%s]] 事项应放在 %s/ 里", k, kind)
			}
		}
		top.errAtKey(k, "%s 里不认识的表 [[%s]]%s；这个文件只放 %s", d.path, k, hint, want)
	}
}

func tableLabel(table string) func(m map[string]any) string {
	return func(m map[string]any) string {
		if id, ok := m["id"].(string); ok && strings.TrimSpace(id) != "" {
			return fmt.Sprintf("[[%s]] %q", table, strings.TrimSpace(id))
		}
		return "[[" + table + "]]"
	}
}

func firstTerm(m map[string]any) string {
	if terms, ok := m["terms"].([]any); ok && len(terms) > 0 {
		if s, ok := terms[0].(string); ok {
			return fmt.Sprintf("[[synonyms]] %q", s)
		}
	}
	return "[[synonyms]]"
}
