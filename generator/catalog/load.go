package catalog

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"jianzheng/generator/cores"
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
var rootFiles = []string{"site.toml", "departments.toml", "policies.toml", "synonyms.toml"}

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
		return fmt.Sprintf("unknown file %q%s: the top of the content folder holds only %s", name,
			DidYouMean(name, rootFiles), strings.Join(rootFiles, ", "))
	}
	var kinds []string
	for _, k := range Kinds {
		kinds = append(kinds, string(k)+"/")
	}
	return fmt.Sprintf("unknown folder %q%s: records go in %s", dir+"/",
		DidYouMean(dir+"/", kinds), strings.Join(kinds, ", "))
}

// read reads one file whole, or returns why it cannot.
func read(fsys fs.FS, name string) ([]byte, *Error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, &Error{Path: name, Line: 1, Col: 1, Msg: fmt.Sprintf("cannot read: %v", err)}
	}
	defer f.Close()
	data, err := readLimited(f, MaxFileSize)
	if err != nil {
		return nil, &Error{Path: name, Line: 1, Col: 1, Msg: err.Error()}
	}
	return data, nil
}

// parse decodes one file's bytes; on an encoding or syntax error it
// returns the error instead. It touches nothing shared, so files parse
// concurrently (see parseFiles).
func parse(name string, data []byte) (*doc, *Error) {
	fail := func(line, col int, format string, args ...any) (*doc, *Error) {
		return nil, &Error{Path: name, Line: line, Col: col, Msg: fmt.Sprintf(format, args...)}
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if !utf8.Valid(data) {
		line, col := invalidUTF8At(data)
		return fail(line, col, "the file is not UTF-8: save it as UTF-8 (in Excel or WPS: 另存为 → UTF-8)")
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		line, col := lineCol(data, i)
		return fail(line, col, "the file contains a NUL byte: it may be damaged or not a text file")
	}
	src := string(data)
	if line, col, msg := checkShape(src); msg != "" {
		return fail(line, col, "%s", msg)
	}
	m := map[string]any{}
	if _, err := toml.Decode(src, &m); err != nil {
		var pe toml.ParseError
		if !errors.As(err, &pe) {
			return fail(1, 1, "%v", err)
		}
		line, col := lineCol(data, pe.Position.Start)
		if pe.Position.Start == 0 && pe.Position.Line > 1 {
			line, col = pe.Position.Line, 1
		}
		return fail(line, col, "%s", syntaxMessage(pe))
	}
	return &doc{path: name, m: m, pos: scanPositions(src)}, nil
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
			msg := fmt.Sprintf("the TOML decoder failed on this file (%v); please report it", pe.Value)
			out[i] = &parsed{err: &Error{Path: names[i], Line: 1, Col: 1, Msg: msg}}
		}
		return nil
	})
	for i, p := range out {
		if p.err != nil {
			l.errs = append(l.errs, p.err)
		}
		if p.data != nil {
			l.parsed[names[i]] = p
		}
	}
	return out
}

func readLimited(f fs.File, limit int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, fmt.Errorf("cannot read: %v", err)
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("the file is larger than %d MB: split it into several files", limit>>20)
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

// syntaxMessage keeps the decoder's short message and drops its "toml:" prefix.
func syntaxMessage(pe toml.ParseError) string {
	msg := pe.Message
	if msg == "" {
		msg = pe.Error()
	}
	return "TOML syntax: " + strings.TrimPrefix(msg, "toml: ")
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
	return &table{file: d.path, name: name, m: d.m, pos: d.pos, errs: &l.errs, known: map[string]bool{}}
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
		top.errAtKey(name, "%q must be written as [[%s]] tables, one per entry, not %s", name, name, typeName(v))
		return nil
	}
	var out []*table
	for i, m := range items {
		t := &table{file: d.path, path: []string{name, strconv.Itoa(i)}, m: m, pos: d.pos, errs: &l.errs, known: map[string]bool{}}
		t.name = label(m)
		out = append(out, t)
	}
	return out
}

// otherTables reports top-level keys in a file meant to hold only [[name]].
func (l *loader) otherTables(d *doc, name, want string) {
	top := l.fileTable(d, d.path)
	top.known[name] = true
	var keys []string
	for k := range d.m {
		if k != name {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		hint := DidYouMean(k, []string{name})
		for _, kind := range Kinds {
			if k == kind.Table() {
				hint = fmt.Sprintf(": [[%s]] records belong in %s/", k, kind)
			}
		}
		top.errAtKey(k, "unknown table %q in %s%s; this file holds only %s", k, d.path, hint, want)
	}
}

func tableLabel(table string) func(m map[string]any) string {
	return func(m map[string]any) string {
		if id, ok := m["id"].(string); ok && strings.TrimSpace(id) != "" {
			return fmt.Sprintf("%s %q", table, strings.TrimSpace(id))
		}
		return table
	}
}

func firstTerm(m map[string]any) string {
	if terms, ok := m["terms"].([]any); ok && len(terms) > 0 {
		if s, ok := terms[0].(string); ok {
			return fmt.Sprintf("synonyms %q", s)
		}
	}
	return "synonyms"
}
