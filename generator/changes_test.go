package main

import (
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// TestPolicyRemovesNine is the 鲁政办字〔2018〕46号 story: a publication
// with all 21 village certificates retained, then one in which the policy
// removes 9. The change shows on the home page, changes/, the feed and in
// diff; deleting a published record's file makes the build refuse.
func TestPolicyRemovesNine(t *testing.T) {
	before := filepath.Join(t.TempDir(), "content")
	copyDir(t, "../content", before)
	yichu := filepath.Join(before, "village", "yichu.toml")
	data, _ := os.ReadFile(yichu)
	text := strings.ReplaceAll(string(data), `status = "removed"`, "status = \"retained\"\nretention_reason = \"群众需要\"")
	text = regexp.MustCompile(`(?m)^removed_(on|by) = .*\n`).ReplaceAllString(text, "")
	os.WriteFile(yichu, []byte(text), 0o644)
	site := filepath.Join(before, "site.toml")
	data, _ = os.ReadFile(site)
	os.WriteFile(site, []byte(strings.Replace(string(data), "updated = 2018-12-28", "updated = 2018-12-27", 1)), 0o644)

	out := filepath.Join(t.TempDir(), "public")
	if code, o, e := build(t, "-content", before, "-templates", "../templates", "-out", out); code != 0 {
		t.Fatalf("first publication: exit %d\n%s%s", code, o, e)
	}
	if !strings.Contains(readFile(t, out, "index.html"), "21</strong>") {
		t.Fatal("the first publication does not show 21 village certificates")
	}

	var diffOut, diffErr strings.Builder
	if code := run([]string{"diff", "-content", "../content", "-against", out}, &diffOut, &diffErr); code != 0 {
		t.Fatalf("diff: exit %d: %s", code, diffErr.String())
	}
	// Each change names its cause, the removing policy, and no other.
	if !strings.Contains(diffOut.String(), "状态改变（9）：") || strings.Count(diffOut.String(), "：保留 → 已移出；依据 鲁政办字〔2018〕46号\n") != 9 ||
		!strings.Contains(diffOut.String(), "与上次公布相比：新增 0 条，删除 0 条，状态改变 9 条，修改 0 条") {
		t.Errorf("diff does not show the 9 removals by 46号:\n%s", diffOut.String())
	}

	code, o, e := build(t, "-content", "../content", "-templates", "../templates", "-out", out)
	if code != 0 {
		t.Fatalf("second publication: exit %d\n%s%s", code, o, e)
	}
	if !strings.HasSuffix(o, "与上次公布相比：新增 0 条，删除 0 条，状态改变 9 条，修改 0 条\n") {
		t.Errorf("the build summary does not end with what changed:\n%s", o)
	}
	home := readFile(t, out, "index.html")
	if !strings.Contains(home, "2018年12月28日 公布：9 项状态改变") {
		t.Errorf("home page lacks the latest change")
	}
	changes := readFile(t, out, "changes/index.html")
	if strings.Count(changes, "保留 → 已移出清单") != 9 || !strings.Contains(changes, "luzhengban-2018-46/index.html") ||
		!strings.Contains(changes, `<time datetime="2018-12-27">2018年12月27日</time></h2>
  <p>首次公布`) {
		t.Errorf("changes page does not list the 9 removals, the policy and the first publication")
	}
	feed := readFile(t, out, "changes/feed.xml")
	if strings.Count(feed, "<entry>") != 2 || !strings.Contains(feed, "9 项状态改变") {
		t.Errorf("feed:\n%s", feed)
	}

	// Nothing lost: a published record's file deleted makes the build refuse.
	gone := filepath.Join(t.TempDir(), "content")
	copyDir(t, "../content", gone)
	os.Remove(filepath.Join(gone, "village", "yichu.toml"))
	os.Remove(filepath.Join(gone, "events.toml")) // its events name records of yichu.toml
	published := snapshot(t, out)
	code, _, stderr := build(t, "-content", gone, "-templates", "../templates", "-out", out)
	if code != 1 || !strings.Contains(stderr, "village/hukou-dengji-biangeng-cun") || !strings.Contains(stderr, "-allow-removal") {
		t.Errorf("exit %d, stderr:\n%s", code, stderr)
	}
	if len(snapshot(t, out)) != len(published) {
		t.Error("the refused build changed the site")
	}
	if code, o, e := build(t, "-content", gone, "-templates", "../templates", "-out", out, "-allow-removal"); code != 0 {
		t.Errorf("-allow-removal: exit %d\n%s%s", code, o, e)
	}
}

// TestSameDateRebuildKeepsRecords: a record published by a build and
// deleted before a rebuild on the same date (fixing a typo and
// republishing the same day) makes the build refuse and leaves the site
// byte for byte as it was; the guard compares with what the site
// published, whatever the date.
func TestSameDateRebuildKeepsRecords(t *testing.T) {
	content := filepath.Join(t.TempDir(), "content")
	copyDir(t, "../content", content)
	extra := filepath.Join(content, "cancelled", "xin.toml")
	os.WriteFile(extra, []byte(`[[proof]]
id = "xin-zhengming"
name = "当天新增的证明"
department = "gongan"
issuer = "派出所"
ground = "licence-proves"
instead = "带上身份证。"
cancelled_on = 2018-06-30
`), 0o644)
	out := filepath.Join(t.TempDir(), "public")
	if code, o, e := build(t, "-content", content, "-templates", "../templates", "-out", out); code != 0 {
		t.Fatalf("first build: exit %d\n%s%s", code, o, e)
	}
	os.Remove(extra)
	published := snapshot(t, out)
	code, _, stderr := build(t, "-content", content, "-templates", "../templates", "-out", out)
	if code != 1 || !strings.Contains(stderr, "cancelled/xin-zhengming") || !strings.Contains(stderr, "-allow-removal") {
		t.Errorf("same-date rebuild without a published record: exit %d\n%s", code, stderr)
	}
	if !reflect.DeepEqual(snapshot(t, out), published) {
		t.Error("the refused build changed the site")
	}
}
