package catalog

import "strings"

// Looking the schema up, and reading and setting a record's fields
// through it.

// Kinds lists the kinds in the order the site shows them.
var Kinds = func() []Kind {
	out := make([]Kind, len(specs))
	for i, s := range specs {
		out[i] = s.Kind
	}
	return out
}()

var (
	fieldByKey = map[string]*Field{}
	specByKind = map[Kind]*KindSpec{}
	tierFields [3][]*Field
)

// init links the tables and checks that every key they name is a field:
// a mistake there is the program's, so it panics at start.
func init() {
	for _, f := range fields {
		fieldByKey[f.Key] = f
	}
	mustField := func(where, key string) *Field {
		f := fieldByKey[key]
		if f == nil {
			panic("catalog: " + where + " names the unknown field " + key)
		}
		return f
	}
	for i, keys := range searchTiers {
		for _, k := range keys {
			tierFields[i] = append(tierFields[i], mustField("searchTiers", k))
		}
	}
	for _, s := range specs {
		specByKind[s.Kind] = s
		s.uses = map[string]*Use{}
		for _, u := range s.Keys {
			f := mustField(string(s.Kind), u.Key)
			u.Field = f
			u.Label = or(u.Label, f.Label)
			u.Hint = or(u.Hint, f.Hint)
			u.Comment = or(u.Comment, f.Comment)
			if u.Headers == nil {
				u.Headers = f.Headers
			}
			s.uses[u.Key] = u
		}
		lists := append(append([][]string{s.Columns, s.Details, {s.Now.Lead}}, s.Now.Parts...), keysOf(s.Keys))
		for _, keys := range lists {
			for _, k := range keys {
				if k != "" && s.uses[k] == nil {
					panic("catalog: kind " + string(s.Kind) + " names the key " + k + " it does not have")
				}
			}
		}
	}
}

func or(s, otherwise string) string {
	if s == "" {
		return otherwise
	}
	return s
}

func keysOf(uses []*Use) []string {
	var out []string
	for _, u := range uses {
		if u.InsteadOf != "" {
			out = append(out, u.InsteadOf)
		}
	}
	return out
}

// join concatenates lists of uses.
func join(lists ...[]*Use) []*Use {
	var out []*Use
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}

// first is names with name moved to the front.
func first(name string, names []string) []string {
	out := []string{name}
	for _, n := range names {
		if n != name {
			out = append(out, n)
		}
	}
	return out
}

// Spec is the kind's declaration, or nil for an unknown kind.
func (k Kind) Spec() *KindSpec { return specByKind[k] }

// Table is the TOML array-of-tables name the kind's files use.
func (k Kind) Table() string {
	if s := k.Spec(); s != nil {
		return s.Table
	}
	return ""
}

// Use is the kind's use of key, or nil if the kind has no such key.
func (s *KindSpec) Use(key string) *Use { return s.uses[key] }

// Fields are every field of a record, in the order of Record. The slice
// is the schema's own: do not change it.
func Fields() []*Field { return fields }

// FieldOf is the field of key, or nil.
func FieldOf(key string) *Field { return fieldByKey[key] }

// SearchTier is the fields of search tier t (1, 2 or 3), in the order
// their texts are indexed.
func SearchTier(t int) []*Field { return tierFields[t-1] }

// Text is a string field's value, or a date's in ISO form ("" if none);
// "" for a list.
func (f *Field) Text(r *Record) string {
	switch p := f.at(r).(type) {
	case *string:
		return *p
	case *Date:
		return p.String()
	}
	return ""
}

// List is a list field's value; nil for any other field.
func (f *Field) List(r *Record) []string {
	if p, ok := f.at(r).(*[]string); ok {
		return *p
	}
	return nil
}

// Date is a date field's value; the zero Date for any other field.
func (f *Field) Date(r *Record) Date {
	if p, ok := f.at(r).(*Date); ok {
		return *p
	}
	return Date{}
}

// IsBlank reports whether r has no value for f.
func (f *Field) IsBlank(r *Record) bool {
	switch p := f.at(r).(type) {
	case *string:
		return *p == ""
	case *[]string:
		return len(*p) == 0
	case *Date:
		return p.IsZero()
	}
	return true
}

// SetText sets a string field; it does nothing to other fields.
func (f *Field) SetText(r *Record, s string) {
	if p, ok := f.at(r).(*string); ok {
		*p = s
	}
}

// SetList sets a list field; it does nothing to other fields.
func (f *Field) SetList(r *Record, l []string) {
	if p, ok := f.at(r).(*[]string); ok {
		*p = l
	}
}

// SetDate sets a date field; it does nothing to other fields.
func (f *Field) SetDate(r *Record, d Date) {
	if p, ok := f.at(r).(*Date); ok {
		*p = d
	}
}

// DiffName is the field's name where changes are listed.
func (f *Field) DiffName() string { return or(f.DiffLabel, f.Label) }

// Status is the record's status as pages, search and open data show it:
// "cancelled" for every cancelled proof, else "retained" or "removed".
func (r *Record) Status() string {
	switch {
	case r.Kind == Cancelled:
		return "cancelled"
	case r.State == "":
		return "retained" // a record made in Go rather than decoded
	}
	return r.State
}

// Removed reports whether the item is no longer issued, run or required.
func (r *Record) Removed() bool { return r.State == "removed" }

// Now is the record's "now" line as lists show it (see NowLine).
func (r *Record) Now() string { return r.nowLine(true) }

// NowLabelled is the "now" line as it reads after a label that says
// what it is about: without the kind's Lead.
func (r *Record) NowLabelled() string { return r.nowLine(false) }

func (r *Record) nowLine(lead bool) string {
	s := r.Kind.Spec()
	if s == nil {
		return ""
	}
	var parts []string
	for i, keys := range s.Now.Parts {
		if i == 0 && lead && s.Now.Lead != "" {
			keys = append([]string{s.Now.Lead}, keys...)
		}
		var vs []string
		for _, k := range keys {
			if v := strings.TrimSpace(fieldByKey[k].Text(r)); v != "" {
				vs = append(vs, v)
			}
		}
		if len(vs) > 0 {
			parts = append(parts, strings.Join(vs, "，"))
		}
	}
	return strings.Join(parts, "；")
}

// Refs are the ids of departments or policies (as ref says) that r's
// fields name, in the schema's order, blanks left out: a certificate's
// policies and then the policy that removed it.
func (r *Record) Refs(ref Ref) []string {
	var out []string
	for _, f := range fields {
		if f.Ref != ref {
			continue
		}
		if f.Type == TypeList {
			out = append(out, f.List(r)...)
		} else if v := f.Text(r); v != "" {
			out = append(out, v)
		}
	}
	return out
}
