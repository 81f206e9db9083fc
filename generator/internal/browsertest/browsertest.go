// Package browsertest decides, once per test binary, whether a test may
// drive a real browser, and finds it.
//
// A browser test needs Debian's Chromium and a CJK font. Without the font
// Chromium still runs, but every Chinese character falls back to a box of
// another width, so layout checks (touch targets of 44 px, what fits on
// the first screen) fail for reasons that say nothing about the site. So a
// missing browser or a missing font skips the test with a message saying
// what to install, except under JZ_REQUIRE_BROWSER=1 (set by .ci/run),
// where it fails: CI must never pass by skipping. Under -short every
// browser test skips: they are the slow part of the suite.
package browsertest

import (
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
)

// Help says how to enable the browser tests.
const Help = "install Chromium and a CJK font (apt-get install chromium fonts-noto-cjk) " +
	"and axe-core (npm install --prefix .ci/npm axe-core), or set JZ_CHROMIUM; CI sets JZ_REQUIRE_BROWSER=1"

// Required reports whether a missing browser is a failure rather than a skip.
func Required() bool { return os.Getenv("JZ_REQUIRE_BROWSER") == "1" }

var found struct {
	once    sync.Once
	exe     string
	problem string
}

// Chromium returns the path of a Chromium to run headless, or skips (or,
// under JZ_REQUIRE_BROWSER=1, fails) the test, saying why.
func Chromium(t testing.TB) string {
	t.Helper()
	if testing.Short() {
		t.Skip("browser test skipped under -short (the full run, as in CI, is go test ./...)")
	}
	found.once.Do(func() { found.exe, found.problem = look() })
	if found.problem != "" {
		if Required() {
			t.Fatal(found.problem + "; " + Help)
		}
		t.Skip("browser test skipped: " + found.problem + "; " + Help)
	}
	return found.exe
}

func look() (exe, problem string) {
	exe = os.Getenv("JZ_CHROMIUM")
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "chrome"} {
		if exe != "" {
			break
		}
		exe, _ = exec.LookPath(name)
	}
	if exe == "" {
		return "", "no Chromium found"
	}
	if !cjkFont() {
		return "", "no CJK font found (fc-list :lang=zh lists none)"
	}
	return exe, ""
}

// cjkFont asks fontconfig, which Chromium uses to pick fonts, whether any
// installed font covers Chinese.
func cjkFont() bool {
	out, err := exec.Command("fc-list", ":lang=zh", "family").Output()
	if err == nil {
		return strings.TrimSpace(string(out)) != ""
	}
	// No fc-list: look for the font Debian's fonts-noto-cjk installs.
	_, err = os.Stat("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
	return err == nil
}
