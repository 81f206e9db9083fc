// Package synth writes synthetic catalogs: realistic in shape (four kinds,
// departments with aliases, policies with 文号, synonyms, notes) and of any
// size, for tests and benchmarks that need more records than the sample
// catalog has. The same n and seed always give the same files.
package synth

import (
	"fmt"
	"math/rand"
	"strconv"
	"strings"
	"testing/fstest"

	"jianzheng/generator/catalog"
)

// perFile is how many records one TOML file holds.
const perFile = 500

// Catalog returns a catalog of n records as content files, loadable with
// catalog.Load. About 45% are cancelled proofs, 20% village certificates,
// 17% trainings and 18% inspections.
func Catalog(n int, seed int64) fstest.MapFS {
	g := &gen{rng: rand.New(rand.NewSource(seed)), files: fstest.MapFS{}}
	g.put("site.toml", "title = \"合成清单\"\npublisher = \"合成\"\nupdated = 2020-12-31\nnotice = \"本清单由程序合成，仅供测试。\"\n")
	g.departments()
	g.writePolicies(10 + n/200)
	g.synonyms()
	var kinds [4][]string
	for i := 0; i < n; i++ {
		k, rec := g.record(i)
		kinds[k] = append(kinds[k], rec)
	}
	for k, recs := range kinds {
		folder := string(catalog.Kinds[k])
		for f := 0; f*perFile < len(recs); f++ {
			part := recs[f*perFile : min((f+1)*perFile, len(recs))]
			g.put(fmt.Sprintf("%s/part-%03d.toml", folder, f), strings.Join(part, "\n"))
		}
	}
	return g.files
}

type gen struct {
	rng       *rand.Rand
	files     fstest.MapFS
	policyIDs []string       // ids
	names     map[string]int // name → records of a kind so far, so that names are unique
}

func (g *gen) put(name, s string) { g.files[name] = &fstest.MapFile{Data: []byte(s)} }

func (g *gen) pick(list []string) string { return list[g.rng.Intn(len(list))] }

// q quotes s as a TOML basic string.
func q(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`).Replace(s) + `"`
}

func qs(list []string) string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = q(s)
	}
	return "[" + strings.Join(out, ", ") + "]"
}

func (g *gen) departments() {
	var b strings.Builder
	for i, d := range depts {
		fmt.Fprintf(&b, "[[department]]\nid = %q\nname = %s\naliases = %s\nphone = \"0536-61%05d\"\n\n",
			d.id, q("诸城市"+d.name), qs(append([]string{d.name}, d.aliases...)), 10000+i*37)
	}
	g.put("departments.toml", b.String())
}

func (g *gen) writePolicies(n int) {
	var b strings.Builder
	prefixes := []string{"诸政办发", "鲁政办字", "潍政办发", "诸政发", "诸编办发"}
	topics := []string{"证明事项清理", "减证便民", "证明事项告知承诺制", "村(居)委会出具证明", "政府培训事项清理", "年检事项清理"}
	for i := 0; i < n; i++ {
		id := "policy-" + strconv.Itoa(i)
		year := 2016 + g.rng.Intn(5)
		num := fmt.Sprintf("%s〔%d〕%d号", g.pick(prefixes), year, 1+g.rng.Intn(120))
		title := fmt.Sprintf("关于进一步做好%s工作的通知", topics[g.rng.Intn(len(topics))])
		fmt.Fprintf(&b, "[[policy]]\nid = %q\nnumber = %s\ntitle = %s\nissuer = \"诸城市人民政府办公室\"\nissued = %d-%02d-%02d\n\n",
			id, q(num), q(title), year, 1+g.rng.Intn(12), 1+g.rng.Intn(28))
		g.policyIDs = append(g.policyIDs, id)
	}
	g.put("policies.toml", b.String())
}

func (g *gen) synonyms() {
	var b strings.Builder
	for _, grp := range synonymGroups {
		fmt.Fprintf(&b, "[[synonyms]]\nterms = %s\n\n", qs(grp))
	}
	g.put("synonyms.toml", b.String())
}

// record writes record i: its kind (an index of catalog.Kinds) and its
// TOML table.
func (g *gen) record(i int) (int, string) {
	x := g.rng.Intn(100)
	switch {
	case x < 45:
		return 0, g.proof(i)
	case x < 65:
		return 1, g.certificate(i)
	case x < 82:
		return 2, g.training(i)
	}
	return 3, g.inspection(i)
}

// common writes the keys every record has; base is the name's stem and
// its slug, and the department is mostly the stem's own.
func (g *gen) common(b *strings.Builder, table string, i, baseIndex int, name, slug string) {
	d := depts[baseIndex%len(depts)]
	if g.rng.Intn(10) < 3 {
		d = depts[g.rng.Intn(len(depts))]
	}
	// A list never holds two items of one name (check refuses it): a
	// repeated name says which one it is, as real lists do, without
	// drawing from rng, so that everything else stays as it was.
	if g.names == nil {
		g.names = map[string]int{}
	}
	g.names[table+name]++
	if n := g.names[table+name]; n > 1 {
		name += "（" + strconv.Itoa(n) + "）"
	}
	fmt.Fprintf(b, "[[%s]]\nid = %q\nname = %s\n", table, slug+"-"+strconv.FormatInt(int64(i), 36), q(name))
	if g.rng.Intn(3) == 0 {
		fmt.Fprintf(b, "aliases = %s\n", qs([]string{strings.TrimSuffix(name, "证明") + "材料"}))
	}
	fmt.Fprintf(b, "department = %q\n", d.id)
	if g.rng.Intn(2) == 0 {
		fmt.Fprintf(b, "basis = %s\n", q(g.pick(laws)))
	}
	fmt.Fprintf(b, "policies = %s\n", qs([]string{g.pick(g.policyIDs)}))
	if g.rng.Intn(3) > 0 {
		fmt.Fprintf(b, "used_for = %s\n", qs([]string{g.pick(services)}))
	}
	if g.rng.Intn(2) == 0 {
		fmt.Fprintf(b, "notes = %s\n", q(g.notes()))
	}
}

func (g *gen) notes() string {
	var parts []string
	for n := 1 + g.rng.Intn(3); n > 0; n-- {
		s := g.pick(sentences)
		if strings.Contains(s, "%s") {
			words := [][]string{documents, checks, services, laws}[g.rng.Intn(4)]
			s = fmt.Sprintf(s, g.pick(words))
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, "")
}

func (g *gen) proof(i int) string {
	var b strings.Builder
	k := g.rng.Intn(len(proofs))
	g.common(&b, "proof", i, k, proofs[k][0]+"（"+g.pick(services)+"）", proofs[k][1])
	fmt.Fprintf(&b, "issuer = %s\nground = %q\n", q(g.pick([]string{"村(居)委会", "派出所", "工作单位", "镇(街道)"})),
		g.pick([]string{"no-legal-basis", "licence-proves", "higher-authority", "data-sharing"}))
	instead := fmt.Sprintf("凭%s办理，通过%s核实，不用再开证明。", g.pick(documents), g.pick(checks))
	fmt.Fprintf(&b, "instead = %s\ncancelled_on = 2018-%02d-%02d\n", q(instead), 1+g.rng.Intn(12), 1+g.rng.Intn(28))
	return b.String()
}

func (g *gen) status(b *strings.Builder) {
	if g.rng.Intn(10) < 3 {
		fmt.Fprintf(b, "status = \"removed\"\nremoved_on = 2019-%02d-%02d\nremoved_by = %q\n",
			1+g.rng.Intn(12), 1+g.rng.Intn(28), g.pick(g.policyIDs))
		return
	}
	fmt.Fprintf(b, "status = \"retained\"\n")
}

func (g *gen) certificate(i int) string {
	var b strings.Builder
	k := g.rng.Intn(len(proofs))
	g.common(&b, "certificate", i, k, proofs[k][0], proofs[k][1])
	fmt.Fprintf(&b, "purpose = %s\n", q("用于"+g.pick(services)+"，证明申请人的相关情况。"))
	g.status(&b)
	if !strings.Contains(b.String(), "basis =") {
		fmt.Fprintf(&b, "retention_reason = %s\n", q("群众办理"+g.pick(services)+"仍需要，暂予保留。"))
	}
	return b.String()
}

func (g *gen) training(i int) string {
	var b strings.Builder
	k := g.rng.Intn(len(trainings))
	g.common(&b, "training", i, k+7, trainings[k][0], trainings[k][1])
	fmt.Fprintf(&b, "audience = %s\nfee = %s\nfrequency = %s\nduration = %q\n",
		q(g.pick(audiences)), q(g.pick(fees)), q(g.pick(frequencies)), strconv.Itoa(8*(1+g.rng.Intn(6)))+"学时")
	g.status(&b)
	return b.String()
}

func (g *gen) inspection(i int) string {
	var b strings.Builder
	k := g.rng.Intn(len(inspections))
	g.common(&b, "inspection", i, k+3, inspections[k][0], inspections[k][1])
	fmt.Fprintf(&b, "subject = %s\ncycle = %s\nfee = %s\nwindow = %s\n",
		q(g.pick(subjects)), q(g.pick(cycles)), q(g.pick(fees)), q(g.pick(windows)))
	g.status(&b)
	return b.String()
}
