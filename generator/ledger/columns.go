package ledger

import (
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/text/width"

	"jianzheng/generator/catalog"
)

// column is a content-format key and the ledger header names it goes by.
// names[0] is what exports write, so that an export reads back.
type column struct {
	key   string
	names []string
}

// The name and department headers differ by list only in which comes
// first; every list accepts them all, since offices reuse templates.
var (
	proofNames = []string{"证明名称", "事项名称", "名称", "证明事项名称", "证明材料名称", "培训事项名称", "年检事项名称"}
	userDepts  = []string{"使用单位", "索要单位", "实施部门", "实施单位", "主管部门", "证明材料使用单位"}
	runDepts   = []string{"实施部门", "实施单位", "主管部门", "使用单位", "索要单位", "证明材料使用单位"}
	uses       = []string{"所涉事项", "涉及事项", "办理事项", "用途", "办理用途", "证明用途"}
)

func first(name string, rest []string) []string {
	out := []string{name}
	for _, n := range rest {
		if n != name {
			out = append(out, n)
		}
	}
	return out
}

var (
	colID         = column{"id", []string{"编号", "ID"}}
	colAliases    = column{"aliases", []string{"别名", "俗称"}}
	colIssuer     = column{"issuer", []string{"开具单位", "出具单位", "原开具单位"}}
	colBasis      = column{"basis", []string{"设定依据", "设定及保留依据", "依据", "实施依据"}}
	colUsedFor    = column{"used_for", uses}
	colStatus     = column{"status", []string{"状态"}}
	colRemovedOn  = column{"removed_on", []string{"移出时间", "移出日期", "取消时间", "取消日期"}}
	colRemovedBy  = column{"removed_by", []string{"移出文件", "取消依据文件"}}
	colPolicies   = column{"policies", []string{"公布文号", "相关文件"}}
	colNotes      = column{"notes", []string{"备注", "说明"}}
	colUpdated    = column{"updated", []string{"更新时间", "更新日期"}}
	colFee        = column{"fee", []string{"收费标准", "是否收费", "收费"}}
	colUserDept   = column{"department", userDepts}
	colRunnerDept = column{"department", runDepts}
)

// schemas lists each kind's columns in export order.
var schemas = map[catalog.Kind][]column{
	catalog.Cancelled: {
		colID, {"name", proofNames}, colAliases, colUserDept, colIssuer, colBasis,
		{"used_for", first("证明用途", uses)},
		{"ground", []string{"取消理由", "取消原因"}},
		{"instead", []string{"取消后办理方式", "替代方式", "取消替代方式"}},
		{"cancelled_on", []string{"取消时间", "取消日期"}},
		colPolicies, colNotes, colUpdated,
	},
	catalog.Village: {
		colID, {"name", proofNames}, colAliases, colUserDept, colIssuer,
		{"purpose", []string{"证明用途", "用途", "办理用途"}},
		{"used_for", []string{"所涉事项", "涉及事项", "办理事项"}},
		colBasis, colStatus,
		{"retention_reason", []string{"保留理由", "保留原因"}},
		colRemovedOn, colRemovedBy, colPolicies, colNotes, colUpdated,
	},
	catalog.Training: {
		colID, {"name", first("培训事项名称", proofNames)}, colAliases, colRunnerDept,
		{"audience", []string{"培训对象"}}, colFee,
		{"frequency", []string{"培训周期", "频次", "周期"}},
		{"duration", []string{"学时", "时长"}},
		colBasis, colUsedFor, colStatus, colRemovedOn, colRemovedBy, colPolicies, colNotes, colUpdated,
	},
	catalog.Inspection: {
		colID, {"name", first("年检事项名称", proofNames)}, colAliases, colRunnerDept,
		{"subject", []string{"年检对象", "对象"}},
		{"cycle", []string{"年检周期", "周期"}}, colFee,
		{"window", []string{"办理时间", "时间窗口"}},
		colBasis, colUsedFor, colStatus, colRemovedOn, colRemovedBy, colPolicies, colNotes, colUpdated,
	},
}

// required lists the columns a sheet of each kind must have, mirroring the
// keys the content format requires (id is generated when absent).
var required = map[catalog.Kind][]string{
	catalog.Cancelled:  {"name", "department", "issuer", "ground", "instead", "cancelled_on"},
	catalog.Village:    {"name", "department", "purpose", "status"},
	catalog.Training:   {"name", "department", "audience", "fee"},
	catalog.Inspection: {"name", "department", "subject", "cycle", "fee"},
}

// ignored headers carry display order only; the id is a stable slug.
var ignored = []string{"序号"}

// listTitles are the lists' Chinese names, as the site shows them; they
// name the workbook's sheets.
var listTitles = map[catalog.Kind]string{
	catalog.Cancelled:  "取消的证明事项",
	catalog.Village:    "社区(村)开具证明材料清单",
	catalog.Training:   "保留的政府培训事项",
	catalog.Inspection: "保留的年检事项",
}

// ListTitle is kind's list name, the name of its sheet in exports.
func ListTitle(kind catalog.Kind) string { return listTitles[kind] }

// headerName returns the name an export writes for key in kind's sheet.
func headerName(kind catalog.Kind, key string) string {
	for _, c := range schemas[kind] {
		if c.key == key {
			return c.names[0]
		}
	}
	return key
}

// normHeader folds a header cell to the form names are compared in:
// full-width letters and parentheses narrowed, every space removed (wrapped
// headers hold line breaks, and offices pad names: "备　　注"), and a
// required-marker star dropped.
func normHeader(s string) string {
	s = width.Fold.String(s)
	s = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
	s = strings.Trim(s, "*★☆")
	if strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")") {
		s = s[1 : len(s)-1]
	}
	return strings.ToUpper(s)
}

// dropParenthetical drops a trailing note: "取消时间(年月日)" → "取消时间".
func dropParenthetical(s string) string {
	if i := strings.LastIndexByte(s, '('); i > 0 && strings.HasSuffix(s, ")") {
		return s[:i]
	}
	return s
}

// match finds the key a header cell names in kind's sheet. ok is false for
// an ignored column; a non-empty problem explains an unusable header.
func match(kind catalog.Kind, header string) (key string, ok bool, problem string) {
	h := normHeader(header)
	for _, try := range []string{h, dropParenthetical(h)} {
		for _, n := range ignored {
			if try == n {
				return "", false, ""
			}
		}
		for _, c := range schemas[kind] {
			for _, n := range c.names {
				if try == normHeader(n) {
					return c.key, true, ""
				}
			}
		}
	}
	for _, other := range catalog.Kinds {
		if other == kind {
			continue
		}
		for _, c := range schemas[other] {
			for _, n := range c.names {
				if h == n || dropParenthetical(h) == n {
					return "", false, fmt.Sprintf("%q is a column of %s, not of %s: check the list this sheet belongs to, or delete the column",
						header, listTitles[other], listTitles[kind])
				}
			}
		}
	}
	var names []string
	for _, c := range schemas[kind] {
		names = append(names, c.names...)
	}
	if hint := catalog.DidYouMean(h, names); hint != "" {
		return "", false, fmt.Sprintf("unknown column %q%s", header, hint)
	}
	return "", false, fmt.Sprintf("unknown column %q: %s takes %s", header, listTitles[kind], exportNames(kind))
}

// exportNames lists kind's columns by their first names, for messages.
func exportNames(kind catalog.Kind) string {
	var names []string
	for _, c := range schemas[kind] {
		names = append(names, c.names[0])
	}
	return strings.Join(names, " ")
}
