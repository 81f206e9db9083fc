package history

import (
	"os"
	"reflect"
	"testing"

	"jianzheng/generator/catalog"
)

func sample(t *testing.T) *catalog.Catalog {
	t.Helper()
	c, err := catalog.Load(os.DirFS("../../content"))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestFirstPublication(t *testing.T) {
	c := sample(t)
	m := Next(nil, c)
	if len(m.Publications) != 1 || !m.Publications[0].First || m.Publications[0].Count != len(c.Records) {
		t.Fatalf("publications = %+v", m.Publications)
	}
	// Rebuilding the same catalog gives the same manifest, byte for byte.
	again := Next(m, c)
	if string(again.JSON()) != string(m.JSON()) {
		t.Error("rebuilding an unchanged catalog changed the manifest")
	}
	read, err := Read(m.JSON())
	if err != nil || !reflect.DeepEqual(read.Publications, m.Publications) {
		t.Errorf("Read(JSON()) = %+v, %v", read, err)
	}
}

// TestPolicyRemovesItems is the 46号 story: a new policy removes retained
// village certificates in a later publication.
func TestPolicyRemovesItems(t *testing.T) {
	c := sample(t)
	first := Next(nil, c)

	c.Site.Updated = catalog.Date{Year: 2019, Month: 3, Day: 1}
	var removed []string
	for _, r := range c.Records {
		if r.Kind == catalog.Village && !r.Removed() && len(removed) < 3 {
			r.State, r.RemovedOn, r.RemovedBy = "removed", c.Site.Updated, "luzhengban-2018-46"
			removed = append(removed, r.ID)
		}
	}
	c.Records[0].Instead = "新的办法。"
	second := Next(first, c)
	p := second.Publications[0]
	if p.Date != "2019-03-01" || len(second.Publications) != 2 || second.Publications[1].Date != "2018-12-28" {
		t.Fatalf("publications %+v", second.Publications)
	}
	var got []string
	for _, it := range p.Status {
		if it.From != "retained" || it.To != "removed" {
			t.Errorf("status change %+v", it)
		}
		got = append(got, it.ID)
	}
	if len(got) != 3 {
		t.Errorf("status changes %v, want %v", got, removed)
	}
	if len(p.Changed) != 1 || p.Changed[0].ID != c.Records[0].ID || !reflect.DeepEqual(p.Changed[0].Fields, []string{"instead"}) {
		t.Errorf("changed = %+v", p.Changed)
	}
	// The changes name their cause: the removing policy, not every policy
	// the certificates and the edited proof cite (back to 2016).
	if !reflect.DeepEqual(p.Policies, []string{"luzhengban-2018-46"}) {
		t.Errorf("policies %v, want only the removing one", p.Policies)
	}
	for _, it := range p.Status {
		if !reflect.DeepEqual(it.Policies, []string{"luzhengban-2018-46"}) {
			t.Errorf("%s: causes %v", it.ID, it.Policies)
		}
	}
	if len(p.Changed) == 1 && len(p.Changed[0].Policies) != 0 {
		t.Errorf("an edit caused by no new policy names %v", p.Changed[0].Policies)
	}
	if !contains(p.Policies, "luzhengban-2018-46") {
		t.Errorf("policies %v lack the removing policy", p.Policies)
	}
	// Rebuilding on the same date compares with the same baseline again.
	if again := Next(second, c); string(again.JSON()) != string(second.JSON()) {
		t.Error("rebuilding the same publication changed the manifest")
	}
}

func TestMissing(t *testing.T) {
	c := sample(t)
	m := Next(nil, c)
	gone := c.Records[5]
	c.Records = append(c.Records[:5:5], c.Records[6:]...)
	c.Site.Updated = catalog.Date{Year: 2019, Month: 1, Day: 2}
	missing := Missing(Published(m), c)
	if len(missing) != 1 || missing[0].ID != gone.ID || missing[0].Name != gone.Name {
		t.Errorf("missing = %+v, want %s", missing, gone.ID)
	}
}

// TestMissingSameDate: a record published by a build and deleted before a
// rebuild on the same date is missing too, though the publication it
// joined is being replaced (its baseline does not have it).
func TestMissingSameDate(t *testing.T) {
	c := sample(t)
	first := Next(nil, c)
	c.Site.Updated = catalog.Date{Year: 2019, Month: 1, Day: 2}
	added := *c.Records[0]
	added.ID, added.Name = "xin-zengjia", "新增的证明"
	c.Records = append(c.Records, &added)
	second := Next(first, c) // publishes xin-zengjia
	c.Records = c.Records[:len(c.Records)-1]
	missing := Missing(Published(second), c)
	if len(missing) != 1 || missing[0].ID != "xin-zengjia" {
		t.Errorf("same-date rebuild: missing = %+v, want xin-zengjia", missing)
	}
}

func TestReadRefusesOtherFormat(t *testing.T) {
	if _, err := Read([]byte(`{"format": 2}`)); err == nil {
		t.Error("read a manifest of format 2")
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
