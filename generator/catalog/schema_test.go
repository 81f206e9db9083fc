package catalog

import (
	"reflect"
	"slices"
	"testing"
)

// TestSchemaCoversRecord walks Record by reflection: every field but Kind
// and Pos must be the field of exactly one key of the schema, of the Go
// type its Type says.
func TestSchemaCoversRecord(t *testing.T) {
	r := &Record{}
	v := reflect.ValueOf(r).Elem()
	owner := map[uintptr]string{}
	for _, f := range Fields() {
		p := reflect.ValueOf(f.at(r))
		if p.Kind() != reflect.Pointer {
			t.Errorf("field %s: at gives %s, not a pointer into Record", f.Key, p.Type())
			continue
		}
		want := map[Type]reflect.Type{TypeLine: reflect.TypeFor[string](), TypeMarkdown: reflect.TypeFor[string](),
			TypeList: reflect.TypeFor[[]string](), TypeDate: reflect.TypeFor[Date]()}[f.Type]
		if p.Elem().Type() != want {
			t.Errorf("field %s: Record holds it as %s; its Type wants %s", f.Key, p.Elem().Type(), want)
		}
		if other, dup := owner[p.Pointer()]; dup {
			t.Errorf("fields %s and %s share one Record field", other, f.Key)
		}
		owner[p.Pointer()] = f.Key
	}
	for i := 0; i < v.NumField(); i++ {
		sf := v.Type().Field(i)
		if sf.Name == "Kind" || sf.Name == "Pos" {
			continue
		}
		if _, ok := owner[v.Field(i).Addr().Pointer()]; !ok {
			t.Errorf("Record.%s is in no field of the schema: declare it in schema.go", sf.Name)
		}
	}
}

// TestSchemaOrder pins that fields are declared in the order of Record,
// which is the order of data/catalog.json.
func TestSchemaOrder(t *testing.T) {
	r := &Record{}
	last := uintptr(0)
	for _, f := range Fields() {
		p := reflect.ValueOf(f.at(r)).Pointer()
		if p < last {
			t.Errorf("field %s is declared out of Record's order", f.Key)
		}
		last = p
	}
}

func TestKinds(t *testing.T) {
	everyKind := map[string]int{}
	for _, s := range specs {
		for _, u := range s.Keys {
			everyKind[u.Key]++
		}
	}
	status := []string{"status", "removed_on", "removed_by"}
	for _, s := range specs {
		var keys []string
		for _, u := range s.Keys {
			if slices.Contains(keys, u.Key) {
				t.Errorf("%s: key %s twice", s.Kind, u.Key)
			}
			keys = append(keys, u.Key)
			if everyKind[u.Key] < len(specs) && !slices.Contains(status, u.Key) && !slices.Contains(s.Details, u.Key) {
				t.Errorf("%s: its own key %s is not in Details, so the record page would not show it", s.Kind, u.Key)
			}
			if u.Required && u.Hint == "" {
				t.Errorf("%s: required key %s has no Hint for the message that asks for it", s.Kind, u.Key)
			}
			if u.Required && u.Key != "id" && u.Field.Blank == "" {
				t.Errorf("%s: required key %s has no Blank for a ledger cell left blank", s.Kind, u.Key)
			}
			if len(u.Headers) == 0 {
				t.Errorf("%s: key %s has no ledger header", s.Kind, u.Key)
			}
		}
		cols := slices.Clone(s.Columns)
		slices.Sort(cols)
		slices.Sort(keys)
		if !slices.Equal(cols, keys) {
			t.Errorf("%s: Columns %v are not the kind's keys %v: an export must read back", s.Kind, cols, keys)
		}
		if got := Kind(s.Kind).Spec(); got != s {
			t.Errorf("%s: Spec() = %v", s.Kind, got)
		}
	}
}

// TestSearchTiers pins that every text worth finding is indexed: a new
// field needs a tier (or a reason here not to have one).
func TestSearchTiers(t *testing.T) {
	notIndexed := []string{"id", "updated", "ground", "cancelled_on", "status", "removed_on"}
	seen := map[string]bool{}
	for tier := 1; tier <= 3; tier++ {
		for _, f := range SearchTier(tier) {
			if seen[f.Key] {
				t.Errorf("field %s is in two tiers", f.Key)
			}
			seen[f.Key] = true
		}
	}
	for _, f := range Fields() {
		if !seen[f.Key] && !slices.Contains(notIndexed, f.Key) {
			t.Errorf("field %s is in no search tier", f.Key)
		}
	}
}

func TestNowLine(t *testing.T) {
	for _, c := range []struct {
		r          Record
		now, label string
	}{
		{Record{Kind: Cancelled, Instead: "凭户口簿办理"}, "凭户口簿办理", "凭户口簿办理"},
		{Record{Kind: Village, Purpose: "证明居住"}, "证明居住", "证明居住"},
		{Record{Kind: Training, Audience: "驾驶员", Frequency: "每年", Fee: "免费"}, "驾驶员，每年；免费", "驾驶员，每年；免费"},
		{Record{Kind: Training, Audience: "驾驶员", Fee: "免费"}, "驾驶员；免费", "驾驶员；免费"},
		{Record{Kind: Inspection, Subject: "营运车辆", Cycle: "每年", Fee: "不收费"}, "营运车辆，每年；不收费", "每年；不收费"},
	} {
		if got := c.r.Now(); got != c.now {
			t.Errorf("%s Now() = %q, want %q", c.r.Kind, got, c.now)
		}
		if got := c.r.NowLabelled(); got != c.label {
			t.Errorf("%s NowLabelled() = %q, want %q", c.r.Kind, got, c.label)
		}
	}
}

func TestStatus(t *testing.T) {
	for _, c := range []struct {
		r    Record
		want string
	}{
		{Record{Kind: Cancelled}, "cancelled"},
		{Record{Kind: Village, State: "retained"}, "retained"},
		{Record{Kind: Training, State: "removed"}, "removed"},
		{Record{Kind: Inspection}, "retained"},
	} {
		if got := c.r.Status(); got != c.want {
			t.Errorf("%+v Status() = %q, want %q", c.r, got, c.want)
		}
	}
}
