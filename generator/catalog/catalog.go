// Package catalog reads a 减证便民 catalog from a folder of TOML files and
// checks it against the content format (shared/design/content-format.md).
//
// # Layout
//
//	site.toml            the publication: title, publisher, updated, …
//	departments.toml     [[department]]
//	policies.toml        [[policy]]
//	synonyms.toml        [[synonyms]], and builtin_off: built-in groups switched off
//	events.toml          [[event]]        一件事: a life event and its records (optional)
//	cancelled/**.toml    [[proof]]        取消的证明事项
//	village/**.toml      [[certificate]]  社区(村)开具证明材料
//	training/**.toml     [[training]]     保留的政府培训事项
//	inspection/**.toml   [[inspection]]   保留的年检事项
//
// The kinds of record, their folders and tables, and every key a record
// may have are declared once, in schema.go.
//
// Files are read in byte order of their paths. Files that do not end in
// .toml are ignored, so a README or an editor's backup can sit beside the
// records; a .toml file anywhere else is an error.
//
// # Extensions to the format
//
// site.toml may carry `notice`, a short plain-text line shown on every page
// (for a sample catalog, or "清单调整中").
//
// # Errors
//
// Load never stops at the first problem. Every broken rule becomes an
// [Error] at the position of the key, value or table it concerns; Load
// returns them together as an [ErrorList], sorted. Positions come from the
// TOML decoder for syntax errors and from a second scan of the source for
// everything else (see positions.go).
package catalog

// Catalog is a whole, valid catalog. Slices are sorted by id.
type Catalog struct {
	Site        Site
	Departments []*Department
	Policies    []*Policy
	Synonyms    []*Synonyms
	// BuiltinOff names terms of the search's built-in groups of everyday
	// words (package thesaurus) whose groups this catalog switches off
	// (synonyms.toml builtin_off): each is a term of such a group.
	BuiltinOff []BuiltinOff
	// Events are the life events (一件事), in the order of events.toml:
	// the editor's order is the order residents read them in.
	Events  []*Event
	Records []*Record // by kind (in Kinds order), then id

	departments map[string]*Department
	policies    map[string]*Policy
	records     map[string]*Record
	eventsOf    map[string][]*Event // by record id, in the order of Events
}

// EventsOf returns the events that list the record with the given id.
func (c *Catalog) EventsOf(id string) []*Event { return c.eventsOf[id] }

// Record returns the record with the given id, of any kind, or nil.
func (c *Catalog) Record(id string) *Record { return c.records[id] }

// Department returns the department with the given id, or nil.
func (c *Catalog) Department(id string) *Department { return c.departments[id] }

// Policy returns the policy with the given id, or nil.
func (c *Catalog) Policy(id string) *Policy { return c.policies[id] }

// Pos is where a table starts: the line of its [[header]].
type Pos struct {
	Path      string
	Line, Col int
}

// Site is site.toml.
type Site struct {
	Title     string
	Publisher string
	Updated   Date
	Language  string // default zh-CN
	BaseURL   string // absolute, ends in "/", or empty
	About     string // Markdown
	Notice    string // extension: a line shown on every page
}

// Department is one [[department]].
type Department struct {
	ID, Name                   string
	Aliases                    []string
	Phone, Address, Hours, URL string
	// Order places the department in lists of departments: those with an
	// order first, smallest first; then the rest by the pinyin of Name.
	// 0 when not set (an extension key, "order").
	Order int
	Pos   Pos
}

// Policy is one [[policy]]: a document (文件) that decided items.
type Policy struct {
	ID, Number, Title, Issuer string
	Issued                    Date
	URL                       string
	Summary                   string // Markdown
	Pos                       Pos
}

// Synonyms is one group of interchangeable search terms; Terms[0] is official.
type Synonyms struct {
	Terms []string
	Pos   Pos
}

// BuiltinOff is a term of builtin_off in synonyms.toml, where it is
// written.
type BuiltinOff struct {
	Term string
	Pos  Pos
}

// Event is one [[event]] of events.toml: something that happens in a
// resident's life (a birth, a death, opening a shop) and the records it
// involves, of any kind, in the order a resident meets them.
type Event struct {
	ID, Name string
	Words    []string // what residents call it: 过世, 后事, 丧事 …
	Guide    string   // Markdown
	Records  []string // record ids, in order; each exists, none twice
	Pos      Pos
}
