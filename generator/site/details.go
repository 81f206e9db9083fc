package site

import "jianzheng/generator/catalog"

// A Detail is one of a record's own fields as its page lists them (the
// template function details).
type Detail struct {
	Key    string
	Label  string       // the field's name on the record page
	Text   string       // the value; a date in ISO form
	IsDate bool         // the field is a date: Date holds it
	Date   catalog.Date //
}

// details are the fields the record's kind lists on its page, in the
// schema's order (KindSpec.Details), each labelled as the schema says;
// an optional field left blank is left out.
func details(r *catalog.Record) []Detail {
	spec := r.Kind.Spec()
	if spec == nil {
		return nil
	}
	var out []Detail
	for _, key := range spec.Details {
		u := spec.Use(key)
		f := u.Field
		if !u.Required && f.IsBlank(r) {
			continue
		}
		out = append(out, Detail{Key: key, Label: u.Label, Text: f.Text(r), IsDate: f.Type == catalog.TypeDate, Date: f.Date(r)})
	}
	return out
}

// fieldLabel is a field's name where changes are listed, or key itself
// for a key the schema does not know (a manifest from another version).
func fieldLabel(key string) string {
	if f := catalog.FieldOf(key); f != nil {
		return f.DiffName()
	}
	return key
}
