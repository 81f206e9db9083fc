package ledger

import (
	"bytes"
	"encoding/json"

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
	jsonRecord struct {
		ID              string       `json:"id"`
		Kind            string       `json:"kind"`
		Status          string       `json:"status"`
		Name            string       `json:"name"`
		Aliases         []string     `json:"aliases,omitempty"`
		Department      jsonDept     `json:"department"`
		Basis           string       `json:"basis,omitempty"`
		Policies        []jsonPolicy `json:"policies,omitempty"`
		UsedFor         []string     `json:"used_for,omitempty"`
		Notes           string       `json:"notes,omitempty"`
		Updated         string       `json:"updated,omitempty"`
		Issuer          string       `json:"issuer,omitempty"`
		Ground          string       `json:"ground,omitempty"`
		Instead         string       `json:"instead,omitempty"`
		CancelledOn     string       `json:"cancelled_on,omitempty"`
		RetentionReason string       `json:"retention_reason,omitempty"`
		RemovedOn       string       `json:"removed_on,omitempty"`
		RemovedBy       *jsonPolicy  `json:"removed_by,omitempty"`
		Purpose         string       `json:"purpose,omitempty"`
		Audience        string       `json:"audience,omitempty"`
		Fee             string       `json:"fee,omitempty"`
		Frequency       string       `json:"frequency,omitempty"`
		Duration        string       `json:"duration,omitempty"`
		Subject         string       `json:"subject,omitempty"`
		Cycle           string       `json:"cycle,omitempty"`
		Window          string       `json:"window,omitempty"`
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
		status := r.Status
		if r.Kind == catalog.Cancelled {
			status = "cancelled"
		}
		j := jsonRecord{
			ID: r.ID, Kind: string(r.Kind), Status: status, Name: r.Name, Aliases: r.Aliases,
			Department: deptJSON(c.Department(r.Department)), Basis: r.Basis, UsedFor: r.UsedFor,
			Notes: r.Notes, Updated: r.Updated.String(), Issuer: r.Issuer, Ground: r.Ground, Instead: r.Instead,
			CancelledOn: r.CancelledOn.String(), RetentionReason: r.RetentionReason, RemovedOn: r.RemovedOn.String(),
			Purpose: r.Purpose, Audience: r.Audience, Fee: r.Fee, Frequency: r.Frequency, Duration: r.Duration,
			Subject: r.Subject, Cycle: r.Cycle, Window: r.Window,
		}
		for _, id := range r.Policies {
			j.Policies = append(j.Policies, policyJSON(c.Policy(id)))
		}
		if p := c.Policy(r.RemovedBy); p != nil {
			pj := policyJSON(p)
			j.RemovedBy = &pj
		}
		out.Records = append(out.Records, j)
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
