package catalog

import (
	"reflect"
	"strings"
	"testing"
)

// TestLoader edits a catalog step by step and loads it after each step
// with one Loader and with Load: the catalog or the errors must be the same.
// Each step replaces files of the previous step ("" deletes one).
func TestLoader(t *testing.T) {
	hukou := base["cancelled/a.toml"]
	steps := []struct {
		name  string
		files map[string]string
	}{
		{"the base catalog", nil},
		{"a record renamed", map[string]string{"cancelled/a.toml": strings.Replace(hukou, "户口所在地证明", "户口证明", 1)}},
		{"a file added", map[string]string{"cancelled/b.toml": strings.ReplaceAll(hukou, "hukou", "hukou-2")}},
		{"a syntax error", map[string]string{"cancelled/b.toml": "[[proof]]\nid = \n"}},
		{"an id taken in an unchanged file", map[string]string{"cancelled/b.toml": hukou}},
		{"a policy removed that an unchanged file cites", map[string]string{"policies.toml": "", "cancelled/b.toml": ""}},
		{"the base catalog again", map[string]string{"policies.toml": base["policies.toml"], "cancelled/a.toml": hukou}},
		{"a problem in one file", map[string]string{"village/a.toml": base["village/a.toml"] + "colour = 1\n"}},
		{"another file edited", map[string]string{"cancelled/a.toml": strings.Replace(hukou, "户口所在地证明", "户口证明", 1)}},
		{"a date after an updated publication date", map[string]string{"site.toml": strings.Replace(base["site.toml"], "2018-12-28", "2018-05-01", 1)}},
		{"the site file gone", map[string]string{"site.toml": ""}},
	}
	files := map[string]string{}
	var ld Loader
	for _, step := range steps {
		for name, data := range step.files {
			files[name] = data
		}
		fsys := catalogFS(files)
		want, wantErr := Load(fsys)
		got, gotErr := ld.Load(fsys)
		if !reflect.DeepEqual(got, want) || errText(gotErr) != errText(wantErr) {
			t.Errorf("%s: Loader gives %v, %v; Load gives %v, %v", step.name, got, gotErr, want, wantErr)
		}
	}
}

// TestLoaderParsesChangedFilesOnly: the files an edit did not touch keep
// the documents parsed before it.
func TestLoaderParsesChangedFilesOnly(t *testing.T) {
	var ld Loader
	if _, err := ld.Load(catalogFS(nil)); err != nil {
		t.Fatal(err)
	}
	before := map[string]*parsed{}
	for name, p := range ld.files {
		before[name] = p
	}
	edited := "cancelled/a.toml"
	if _, err := ld.Load(catalogFS(map[string]string{edited: base[edited] + "\n"})); err != nil {
		t.Fatal(err)
	}
	if len(ld.files) != len(base) {
		t.Errorf("%d files remembered, want %d", len(ld.files), len(base))
	}
	for name, p := range ld.files {
		if reused := before[name] == p; reused != (name != edited) {
			t.Errorf("%s: parsed again %v", name, !reused)
		}
	}
	// And their records are the same values.
	c1, err := ld.Load(catalogFS(nil))
	if err != nil {
		t.Fatal(err)
	}
	c2, err := ld.Load(catalogFS(map[string]string{edited: base[edited] + "\n"}))
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range c2.Records {
		if same := r == c1.Records[i]; same != (r.Pos.Path != edited) {
			t.Errorf("%s %s: the same record value %v", r.Pos.Path, r.ID, same)
		}
	}
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
