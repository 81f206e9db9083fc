package search

import (
	"io/fs"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"
)

// TestEngineFiles holds js/ to the rules Engine relies on: every script
// is joined, once, into the engine or boot.js's head start (bootFiles); none is over 500 lines; each declares one variable,
// named after it, and exports it under node; it requires only scripts
// joined before it; and no string or template literal spans lines, so
// that code may drop whole comment lines.
func TestEngineFiles(t *testing.T) {
	names, err := fs.Glob(engineFS, "js/*.js")
	if err != nil {
		t.Fatal(err)
	}
	shipped := map[string]bool{}
	for _, list := range [][]string{engineFiles, bootFiles} {
		at := map[string]int{}
		for i, name := range list {
			if _, dup := at[name]; dup {
				t.Errorf("%s is twice in its list", name)
			}
			at[name] = i
			shipped[name] = true
		}
		checkScripts(t, list, at)
	}
	for _, p := range names {
		if !shipped[strings.TrimPrefix(p, "js/")] {
			t.Errorf("%s is in neither engineFiles nor bootFiles: it would not ship", p)
		}
	}
}

// checkScripts holds the scripts of list, joined in that order (at: each
// one's place), to the rules of TestEngineFiles.
func checkScripts(t *testing.T, list []string, at map[string]int) {
	vars := regexp.MustCompile(`(?m)^var (\w+)`)
	requires := regexp.MustCompile(`require\("\./([\w.]+)"\)`)
	for i, name := range list {
		b, err := fs.ReadFile(engineFS, "js/"+name)
		if err != nil {
			t.Fatal(err)
		}
		src, v := string(b), strings.TrimSuffix(name, ".js")
		if n := strings.Count(src, "\n"); n > 500 {
			t.Errorf("%s has %d lines, more than 500", name, n)
		}
		if got := vars.FindAllStringSubmatch(src, -1); len(got) != 1 || got[0][1] != v {
			t.Errorf("%s declares %v at the top level, not the one variable %s", name, got, v)
		}
		if !strings.Contains(src, "\nif (typeof module === \"object\") module.exports = "+v+";\n") {
			t.Errorf("%s does not export %s under node", name, v)
		}
		for _, m := range requires.FindAllStringSubmatch(src, -1) {
			if j, ok := at[m[1]]; !ok || j >= i {
				t.Errorf("%s requires %s, which is not joined before it", name, m[1])
			}
		}
		if strings.Contains(src, "`") || strings.Contains(src, "\\\n") {
			t.Errorf("%s has a template literal or a string continued across lines", name)
		}
	}
}

// TestEngineJoined runs the published engine through node's syntax check:
// the scripts joined and minified are still a script.
func TestEngineJoined(t *testing.T) {
	node := nodePath(t)
	root := engineOnly(t)
	out, err := exec.Command(node, "--check", root+"/"+EnginePath).CombinedOutput()
	if err != nil {
		t.Errorf("node --check %s: %v\n%s", EnginePath, err, out)
	}
	if !strings.HasPrefix(string(engineJS), "/*! search.js, joined from generator/search/js: ") || !strings.HasSuffix(string(engineJS), "})()") {
		t.Errorf("%s is not wrapped in its function", EnginePath)
	}
}

// TestEngineAPI runs testdata/engine.test.js: the engine's API, as the
// comment at the top of js/engine.js documents it, on the fixture's
// export.
func TestEngineAPI(t *testing.T) {
	node := nodePath(t)
	files, err := fixtureIndex(t).Export()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(node, "--test", "testdata/engine.test.js")
	cmd.Env = append(os.Environ(), "JZ_SITE="+writeSite(t, files))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("engine.test.js: %v\n%s", err, out)
	}
}
