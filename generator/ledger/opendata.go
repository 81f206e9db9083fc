package ledger

import (
	"bytes"
	"encoding/json"
	"strconv"

	"jianzheng/generator/catalog"
)

// DataFiles is the catalog as open data, by path from the site root:
// data/catalog.json (every record, with its department and policies
// resolved), data/<kind>.csv (UTF-8 with BOM, ledger column names, so
// Excel opens it and import reads it back) and data/catalog.xlsx (a sheet
// per kind).
func DataFiles(c *catalog.Catalog) (map[string][]byte, error) {
	files := map[string][]byte{}
	for _, k := range catalog.Kinds {
		files["data/"+string(k)+".csv"] = CSV(c, k)
	}
	x, err := XLSX(c)
	if err != nil {
		return nil, err
	}
	files["data/catalog.xlsx"] = x
	j, err := catalogJSON(c)
	if err != nil {
		return nil, err
	}
	files["data/catalog.json"] = j
	return files, nil
}

// The shapes of data/catalog.json; documented in the README.
type (
	jsonCatalog struct {
		Format      int          `json:"format"`
		Title       string       `json:"title"`
		Publisher   string       `json:"publisher"`
		Updated     string       `json:"updated"`
		Records     []jsonRecord `json:"records"`
		Departments []jsonDept   `json:"departments"`
		Policies    []jsonPolicy `json:"policies"`
	}
	jsonDept struct {
		ID      string   `json:"id"`
		Name    string   `json:"name"`
		Aliases []string `json:"aliases,omitempty"`
		Phone   string   `json:"phone,omitempty"`
		Address string   `json:"address,omitempty"`
		Hours   string   `json:"hours,omitempty"`
		URL     string   `json:"url,omitempty"`
	}
	jsonPolicy struct {
		ID      string `json:"id"`
		Number  string `json:"number"`
		Title   string `json:"title"`
		Issuer  string `json:"issuer"`
		Issued  string `json:"issued"`
		URL     string `json:"url,omitempty"`
		Summary string `json:"summary,omitempty"`
	}
)

func deptJSON(d *catalog.Department) jsonDept {
	return jsonDept{d.ID, d.Name, d.Aliases, d.Phone, d.Address, d.Hours, d.URL}
}

func policyJSON(p *catalog.Policy) jsonPolicy {
	return jsonPolicy{p.ID, p.Number, p.Title, p.Issuer, p.Issued.String(), p.URL, p.Summary}
}

func catalogJSON(c *catalog.Catalog) ([]byte, error) {
	out := jsonCatalog{Format: 1, Title: c.Site.Title, Publisher: c.Site.Publisher, Updated: c.Site.Updated.String(),
		Records: []jsonRecord{}, Departments: []jsonDept{}, Policies: []jsonPolicy{}}
	for _, d := range c.Departments {
		out.Departments = append(out.Departments, deptJSON(d))
	}
	for _, p := range c.Policies {
		out.Policies = append(out.Policies, policyJSON(p))
	}
	for _, r := range c.Records {
		out.Records = append(out.Records, jsonRecord{c, r})
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(out); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// jsonRecord is one record of data/catalog.json: its id, kind and status,
// then each of its fields in the schema's order, under its key, with
// departments and policies resolved. A field left empty is left out, but
// for those every kind requires (id, name, department).
type jsonRecord struct {
	c *catalog.Catalog
	r *catalog.Record
}

func (j jsonRecord) MarshalJSON() ([]byte, error) {
	r := j.r
	keys := []string{"id", "kind", "status"}
	values := []any{r.ID, string(r.Kind), r.Status()}
	for _, f := range catalog.Fields() {
		if f.Key == "id" || f.Key == "status" || r.Kind.Spec().Use(f.Key) == nil || f.IsBlank(r) && !everyKindRequires[f.Key] {
			continue
		}
		if v := j.value(f); v != nil {
			keys, values = append(keys, f.Key), append(values, v)
		}
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b) // its line ends go when the catalog's encoder compacts this
	enc.SetEscapeHTML(false)
	b.WriteByte('{')
	for i, k := range keys {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.Quote(k) + ":")
		if err := enc.Encode(values[i]); err != nil {
			return nil, err
		}
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// value is a field's value as JSON, nil to leave it out.
func (j jsonRecord) value(f *catalog.Field) any {
	c, r := j.c, j.r
	switch {
	case f.Ref == catalog.RefDepartment:
		if d := c.Department(f.Text(r)); d != nil {
			return deptJSON(d)
		}
		return jsonDept{ID: f.Text(r)}
	case f.Ref == catalog.RefPolicy && f.Type == catalog.TypeList:
		var out []jsonPolicy
		for _, id := range f.List(r) {
			out = append(out, policyJSONOf(c, id))
		}
		return out
	case f.Ref == catalog.RefPolicy:
		if p := c.Policy(f.Text(r)); p != nil {
			return policyJSON(p)
		}
		return nil
	case f.Type == catalog.TypeList:
		return f.List(r)
	}
	return f.Text(r)
}

func policyJSONOf(c *catalog.Catalog, id string) jsonPolicy {
	if p := c.Policy(id); p != nil {
		return policyJSON(p)
	}
	return jsonPolicy{ID: id}
}

// everyKindRequires holds the keys every kind requires.
var everyKindRequires = func() map[string]bool {
	out := map[string]bool{}
	for _, f := range catalog.Fields() {
		out[f.Key] = true
		for _, k := range catalog.Kinds {
			if u := k.Spec().Use(f.Key); u == nil || !u.Required {
				out[f.Key] = false
			}
		}
	}
	return out
}()
