package catalog

// The schema: every kind and every field of a record, declared once.
//
// Everything that reads, checks, writes, indexes, exports or compares a
// record's fields walks these tables instead of naming the fields itself:
// the decoder and the validation in this package; the ledger's columns,
// its TOML writer and the open data (package ledger); the manifest's
// hashes (history); the search document's tiers and its "now" line
// (search); the record page's field list and the changes page's labels
// (site); and the `new` command's scaffold. A field added here is read
// from content files, checked, imported, exported, indexed and diffed;
// TestSchemaCoversRecord fails until Record has it and the schema knows
// it, and the other tests say what else is missing. The README's content
// format is the public contract these tables implement.
//
// Orders matter for bytes that are published: a kind's Keys are in the
// order content files (and the ledger's TOML writer) write them; its
// Columns in the order ledgers and open data CSV/XLSX write them; fields
// in the order of Record, which is the order of data/catalog.json; and
// the search tiers in the order their texts are indexed.

// Kind is one of the four lists. Its value is the content folder and the
// first segment of the record's URL.
type Kind string

const (
	Cancelled  Kind = "cancelled"
	Village    Kind = "village"
	Training   Kind = "training"
	Inspection Kind = "inspection"
)

// A KindSpec declares one kind of record.
type KindSpec struct {
	Kind   Kind     // the id: content folder and URL segment
	Table  string   // the TOML array-of-tables name its files use
	Title  string   // the list's name, as the site shows it and ledger sheets are named
	Short  string   // the short name, for navigation and search facets
	Sheets []string // other names a ledger's sheet of this list goes by

	Keys    []*Use   // the keys a record of the kind may have, in the order files write them
	Columns []string // the ledger's and open data's columns, in order
	Details []string // the record page's list of the kind's own fields, in order
	Now     NowLine  // what a resident does now, in one line

	uses map[string]*Use
}

// A Use is a field as one kind has it. The texts and headers left empty
// are the field's own.
type Use struct {
	Field    *Field // from Key
	Key      string
	Required bool
	// Default is the value of a key that is absent or blank. The ledger's
	// TOML writer leaves a value equal to it out, unless Explicit.
	Default  string
	Explicit bool
	// InsteadOf names a key that a retained record lacking it needs this
	// key in place of: a certificate kept without a basis says why.
	InsteadOf string
	// Suggest is the value `new` writes for the editor to confirm.
	Suggest string

	Label   string   // on the record page
	Hint    string   // what the value holds, for "add key = …" messages
	Comment string   // the note `new` writes beside the key
	Headers []string // the ledger's names for the column
}

// Type is how a field's value is written in a content file.
type Type int

const (
	TypeLine     Type = iota // a string on one line, trimmed
	TypeMarkdown             // a string that may span lines, in Markdown
	TypeList                 // an array of one-line strings
	TypeDate                 // a TOML local date, 2018-06-30
)

// Ref is what a field's value names.
type Ref int

const (
	RefNone       Ref = iota
	RefDepartment     // a department id
	RefPolicy         // a policy id (or, for a list, several)
)

// A Field is one key of a record, whatever its kind.
type Field struct {
	Key       string // the TOML key, and the field's key in open data JSON and in the manifest
	Label     string // its name on the record page, 证明用途
	DiffLabel string // its name where changes are listed, if not Label
	Hint      string // what the value holds, for "add key = …" messages
	Blank     string // what a ledger cell left blank must hold, where the format needs a value
	Comment   string // the note `new` writes beside the key, for every kind
	Type      Type
	Ref       Ref
	Values    []string // an enum's values
	Long      bool     // values run to a sentence or more: wide ledger columns
	// Headers are the names a ledger column of the field goes by. The
	// first is what exports write, so that an export reads back.
	Headers []string

	at func(*Record) any // *string, *[]string or *Date in Record
}

// Grounds are the four cancellation principles, as `ground` values.
var Grounds = []string{"no-legal-basis", "licence-proves", "higher-authority", "data-sharing"}

// Statuses are the values of `status`.
var Statuses = []string{"retained", "removed"}

// The ledger header names shared by several fields and kinds. Every list
// accepts them all, since offices reuse one another's templates; they
// differ only in which comes first.
var (
	itemNames = []string{"证明名称", "事项名称", "名称", "证明事项名称", "证明材料名称", "培训事项名称", "年检事项名称"}
	userDepts = []string{"使用单位", "索要单位", "实施部门", "实施单位", "主管部门", "证明材料使用单位"}
	runDepts  = []string{"实施部门", "实施单位", "主管部门", "使用单位", "索要单位", "证明材料使用单位"}
	uses      = []string{"所涉事项", "涉及事项", "办理事项", "用途", "办理用途", "证明用途"}
)

// Record is an item of any of the four kinds: one Go field per field of
// the schema below, which says which kinds have which keys. Keys that a
// kind does not have stay empty.
type Record struct {
	Kind       Kind
	ID, Name   string
	Aliases    []string
	Department string // id
	Basis      string
	Policies   []string // ids
	UsedFor    []string
	Notes      string // Markdown
	Updated    Date

	// proof
	Issuer      string // also certificates
	Ground      string
	Instead     string
	CancelledOn Date

	// certificate, training, inspection
	State           string // the status key: "retained" or "removed"; see Status
	RetentionReason string
	RemovedOn       Date
	RemovedBy       string // policy id

	Purpose string // certificate

	Audience, Fee, Frequency, Duration string // training (Fee also inspection)

	Subject, Cycle, Window string // inspection

	Pos Pos
}

// fields are every field, in the order of Record and of open data JSON.
var fields = []*Field{
	{Key: "id", Label: "编号", Hint: "编号：a-z、0-9 和 -，是网址的一部分，公布后不再改",
		Comment: "网址的一部分，公布后不要再改", Headers: []string{"编号", "ID"},
		at: func(r *Record) any { return &r.ID }},
	{Key: "name", Label: "名称", Hint: "正式名称", Blank: "请填写正式名称", Long: true,
		Headers: itemNames, at: func(r *Record) any { return &r.Name }},
	{Key: "aliases", Label: "别名", Type: TypeList, Headers: []string{"别名", "俗称"},
		at: func(r *Record) any { return &r.Aliases }},
	{Key: "department", Label: "部门", Ref: RefDepartment,
		Hint:    "使用或实施单位在 departments.toml 里的 id",
		Blank:   "请填写使用或实施单位，用 departments.toml 里的名称",
		Comment: `departments.toml 里部门的 id，例如 "gongan"`, Headers: userDepts,
		at: func(r *Record) any { return &r.Department }},
	{Key: "basis", Label: "设定依据", Long: true, Headers: []string{"设定依据", "设定及保留依据", "依据", "实施依据"},
		at: func(r *Record) any { return &r.Basis }},
	{Key: "policies", Label: "相关文件", Type: TypeList, Ref: RefPolicy, Headers: []string{"公布文号", "相关文件"},
		at: func(r *Record) any { return &r.Policies }},
	{Key: "used_for", Label: "涉及的办事事项", Type: TypeList, Headers: uses,
		at: func(r *Record) any { return &r.UsedFor }},
	{Key: "notes", Label: "说明", Type: TypeMarkdown, Long: true, Headers: []string{"备注", "说明"},
		at: func(r *Record) any { return &r.Notes }},
	{Key: "updated", Label: "更新日期", Type: TypeDate, Headers: []string{"更新时间", "更新日期"},
		at: func(r *Record) any { return &r.Updated }},

	{Key: "issuer", Label: "开具单位", Hint: "开具单位",
		Blank: "请填写原来由谁开具，如 村(居)委会", Headers: []string{"开具单位", "出具单位", "原开具单位", "开具部门", "出具部门"},
		at: func(r *Record) any { return &r.Issuer }},
	{Key: "ground", Label: "取消原因", Values: Grounds,
		Hint:    "取消原因：no-legal-basis、licence-proves、higher-authority 或 data-sharing",
		Blank:   "请填写按哪条原则取消",
		Comment: "取消原因：no-legal-basis、licence-proves、higher-authority 或 data-sharing",
		Headers: []string{"取消理由", "取消原因", "清理原则", "取消原则", "清理理由", "取消依据原则"}, at: func(r *Record) any { return &r.Ground }},
	{Key: "instead", Label: "取消后怎么办", DiffLabel: "现在怎么办", Long: true,
		Hint: "取消后群众怎么办", Blank: "请填写取消后群众怎么办（取消后办理方式）",
		Comment: "现在怎么办，用居民一看就懂的话写", Headers: []string{"取消后办理方式", "替代方式", "取消替代方式", "取消后的办理方式", "替代措施", "替代办法", "办理方式"},
		at: func(r *Record) any { return &r.Instead }},
	{Key: "cancelled_on", Label: "取消时间", Type: TypeDate,
		Hint: "从哪天起不再需要，取消时间", Blank: "请填写从哪天起不再需要，如 2018-06-30",
		Comment: "从哪天起不再需要", Headers: []string{"取消时间", "取消日期"},
		at: func(r *Record) any { return &r.CancelledOn }},

	{Key: "status", Label: "状态", Values: Statuses, Hint: `retained 保留，或 removed 已移出`,
		Blank: "请填写 保留 或 已移出", Headers: []string{"状态"}, at: func(r *Record) any { return &r.State }},
	{Key: "retention_reason", Label: "保留理由", Hint: "没有设定依据仍保留的理由",
		Blank:   "没有设定依据而保留的证明，要写保留理由",
		Headers: []string{"保留理由", "保留原因", "不能实行告知承诺及保留原因"}, at: func(r *Record) any { return &r.RetentionReason }},
	{Key: "removed_on", Label: "移出时间", Type: TypeDate, Hint: "从哪天起不再开具",
		Headers: []string{"移出时间", "移出日期", "取消时间", "取消日期"}, at: func(r *Record) any { return &r.RemovedOn }},
	{Key: "removed_by", Label: "移出依据", Ref: RefPolicy, Hint: "移出它的文件在 policies.toml 里的 id",
		Headers: []string{"移出文件", "取消依据文件"}, at: func(r *Record) any { return &r.RemovedBy }},

	{Key: "purpose", Label: "证明用途", Long: true, Hint: "证明什么、用来办什么，证明用途",
		Blank: "请填写证明用途", Comment: "证明用途",
		Headers: []string{"证明用途", "用途", "办理用途"}, at: func(r *Record) any { return &r.Purpose }},

	{Key: "audience", Label: "培训对象", Hint: "谁要参加，培训对象", Blank: "请填写培训对象",
		Comment: "培训对象", Headers: []string{"培训对象"}, at: func(r *Record) any { return &r.Audience }},
	{Key: "fee", Label: "收费", Hint: "免费/不收费，或收费标准和依据",
		Blank: "请填写 免费 或 不收费，或收费标准和依据", Headers: []string{"收费标准", "是否收费", "收费"},
		at: func(r *Record) any { return &r.Fee }},
	{Key: "frequency", Label: "多久一次", DiffLabel: "频次", Headers: []string{"培训周期", "频次", "周期"},
		at: func(r *Record) any { return &r.Frequency }},
	{Key: "duration", Label: "学时", Headers: []string{"学时", "时长"},
		at: func(r *Record) any { return &r.Duration }},

	{Key: "subject", Label: "年检对象", Hint: "年检对象", Blank: "请填写年检对象",
		Comment: "年检对象", Headers: []string{"年检对象", "对象"}, at: func(r *Record) any { return &r.Subject }},
	{Key: "cycle", Label: "周期", Hint: "多久一次，年检周期", Blank: "请填写多久一次（每年、每两年…）",
		Comment: "多久一次，例如 每年", Headers: []string{"年检周期", "周期"}, at: func(r *Record) any { return &r.Cycle }},
	{Key: "window", Label: "办理时间", Headers: []string{"办理时间", "时间窗口"},
		at: func(r *Record) any { return &r.Window }},
}

// searchTiers are the fields a record is found by, most telling first:
// what the item is called; what a resident does or needs; everything
// else worth finding. A department counts with its name and aliases, a
// policy with its number (文号) and title.
var searchTiers = [3][]string{
	{"name", "aliases"},
	{"instead", "purpose", "used_for", "audience", "subject", "fee", "cycle", "frequency"},
	{"basis", "notes", "issuer", "retention_reason", "duration", "window", "department", "policies", "removed_by"},
}

// The keys every kind shares, at the head and the tail of its files.
func head(name, department []string) []*Use {
	return []*Use{{Key: "id", Required: true}, {Key: "name", Required: true, Headers: name}, {Key: "aliases"},
		{Key: "department", Required: true, Headers: department}}
}

func tail(basis *Use, usedFor []string) []*Use {
	return []*Use{basis, {Key: "used_for", Headers: usedFor}, {Key: "policies"}, {Key: "notes"}, {Key: "updated"}}
}

// specs are the kinds, in the order the site shows them.
var specs = []*KindSpec{
	{
		Kind: Cancelled, Table: "proof", Title: "取消的证明事项", Short: "取消的证明",
		Sheets: []string{"取消证明事项", "取消的证明事项清单", "取消证明事项清单"},
		Keys: join(head(itemNames, userDepts), []*Use{
			{Key: "issuer", Required: true, Label: "原来由谁开具", Hint: "原来由谁开具",
				Comment: "原来由谁开具，例如 村(居)委会、派出所"},
			{Key: "ground", Required: true}, {Key: "instead", Required: true}, {Key: "cancelled_on", Required: true},
		}, tail(&Use{Key: "basis"}, first("证明用途", uses))),
		Columns: []string{"id", "name", "aliases", "department", "issuer", "basis", "used_for", "ground", "instead",
			"cancelled_on", "policies", "notes", "updated"},
		Details: []string{"instead", "ground", "issuer", "cancelled_on"},
		Now:     NowLine{Parts: [][]string{{"instead"}}},
	},
	{
		Kind: Village, Table: "certificate", Title: "社区(村)开具证明材料清单", Short: "村居可开的证明",
		Sheets: []string{"社区(村)开具证明材料", "村(社区)开具证明材料清单"},
		Keys: join(head(itemNames, userDepts), []*Use{
			{Key: "issuer", Default: "村(居)民委员会", Explicit: true},
			{Key: "purpose", Required: true},
			{Key: "status", Required: true, Suggest: "retained", Comment: "retained 保留，removed 已移出"},
			{Key: "retention_reason", InsteadOf: "basis"}, {Key: "removed_on"}, {Key: "removed_by"},
		}, tail(&Use{Key: "basis", Comment: "设定依据；没有依据时删掉这一行，写 retention_reason（保留理由）"},
			[]string{"所涉事项", "涉及事项", "办理事项"})),
		Columns: []string{"id", "name", "aliases", "department", "issuer", "purpose", "used_for", "basis", "status",
			"retention_reason", "removed_on", "removed_by", "policies", "notes", "updated"},
		Details: []string{"purpose", "issuer", "retention_reason"},
		Now:     NowLine{Parts: [][]string{{"purpose"}}},
	},
	{
		Kind: Training, Table: "training", Title: "保留的政府培训事项", Short: "保留的培训",
		Sheets: []string{"保留政府培训事项", "政府培训事项目录", "培训事项"},
		Keys: join(head(first("培训事项名称", itemNames), runDepts), []*Use{
			{Key: "audience", Required: true}, {Key: "fee", Required: true, Comment: "免费，或收费标准和依据"},
			{Key: "frequency"}, {Key: "duration"},
			{Key: "status", Default: "retained"}, {Key: "removed_on"}, {Key: "removed_by"},
		}, tail(&Use{Key: "basis"}, uses)),
		Columns: []string{"id", "name", "aliases", "department", "audience", "fee", "frequency", "duration", "basis",
			"used_for", "status", "removed_on", "removed_by", "policies", "notes", "updated"},
		Details: []string{"audience", "fee", "frequency", "duration"},
		Now:     NowLine{Parts: [][]string{{"audience", "frequency"}, {"fee"}}},
	},
	{
		Kind: Inspection, Table: "inspection", Title: "保留的年检事项", Short: "保留的年检",
		Sheets: []string{"保留年检事项", "年检目录", "年检事项"},
		Keys: join(head(first("年检事项名称", itemNames), runDepts), []*Use{
			{Key: "subject", Required: true}, {Key: "cycle", Required: true},
			{Key: "fee", Required: true, Comment: "不收费，或收费标准和依据"}, {Key: "window"},
			{Key: "status", Default: "retained"}, {Key: "removed_on"}, {Key: "removed_by"},
		}, tail(&Use{Key: "basis"}, uses)),
		Columns: []string{"id", "name", "aliases", "department", "subject", "cycle", "fee", "window", "basis",
			"used_for", "status", "removed_on", "removed_by", "policies", "notes", "updated"},
		Details: []string{"subject", "cycle", "fee", "window"},
		Now:     NowLine{Lead: "subject", Parts: [][]string{{"cycle"}, {"fee"}}},
	},
}

// A NowLine is what a resident most needs next, in one line: what to do
// instead of a cancelled proof, what a certificate is for, who attends a
// training and what it costs, when an inspection falls due. The values of
// a part are joined with "，", the parts with "；", blank values left out.
// Lead, when set, opens the line in lists, joined to the first part; it
// says what the line is about, which a label before the line already says
// where there is one (search results: strings.toml search.now).
type NowLine struct {
	Lead  string
	Parts [][]string
}
