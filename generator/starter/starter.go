// Package starter writes the smallest catalog that checks and builds, for
// `init`: an office starts its own list from it rather than from the 诸城
// sample. Each file says, in comments, what to change.
package starter

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"time"
)

// Files are the starter catalog's files by path; updated is the
// publication date written into site.toml (every date must not lie after
// it).
func Files(updated time.Time) map[string]string {
	day := updated.Format("2006-01-02")
	return map[string]string{
		"site.toml": `# 清单本身。把 title、publisher 改成本地的，updated 是这次公布的日期。
title = "某某市减证便民清单"
publisher = "某某市机构编制委员会办公室"
updated = ` + day + `
# 网站上线后的完整网址，写上后才有 sitemap.xml 和完整的订阅链接：
# base_url = "https://example.gov.cn/jzbm/"
notice = "本清单是示例，正式公布前请替换为本地的清单。"
`,
		"departments.toml": `# 部门：id 用在事项的 department 里，name 写全称，aliases 写群众常说的叫法。
[[department]]
id = "gongan"
name = "某某市公安局"
aliases = ["公安局", "派出所"]
`,
		"policies.toml": `# 政策文件：事项的 policies、removed_by 写这里的 id。
[[policy]]
id = "shili-2018-1"
number = "某政办字〔2018〕1号"
title = "关于公布取消和保留证明事项清单的通知"
issuer = "某某市人民政府办公室"
issued = ` + day + `
`,
		"synonyms.toml": `# 同义词：第一个是正式名称，后面是群众的说法，搜索时互相能找到。
[[synonyms]]
terms = ["居民户口簿", "户口本"]
`,
		"cancelled/shili.toml": `# 取消的证明事项，每一项一个 [[proof]]。这一项是示例：改成本地的，或删掉。
[[proof]]
id = "hukou-suozaidi-zhengming"
name = "户口所在地证明"
department = "gongan"
issuer = "村(居)委会"
ground = "licence-proves"
instead = "带上居民户口簿，不用再开证明。"
cancelled_on = ` + day + `
policies = ["shili-2018-1"]
`,
		"village/shili.toml": `# 社区(村)开具的证明材料，每一项一个 [[certificate]]。
[[certificate]]
id = "qinshu-guanxi-zhengming"
name = "亲属关系证明"
department = "gongan"
purpose = "户籍业务中证明申请人与他人的亲属关系。"
status = "retained"
basis = "《户口登记条例》"
`,
		"training/shili.toml": `# 保留的政府培训事项，每一项一个 [[training]]。
[[training]]
id = "baoanyuan-peixun"
name = "保安员培训"
department = "gongan"
audience = "拟从事保安服务的人员"
fee = "按物价部门核定的标准收费"
`,
		"inspection/shili.toml": `# 保留的年检事项，每一项一个 [[inspection]]。
[[inspection]]
id = "baoan-fuwu-nianjian"
name = "保安服务公司年度检查"
department = "gongan"
subject = "保安服务公司"
cycle = "每年"
fee = "不收费"
`,
	}
}

// Write writes the starter catalog and guide (the editors' guide, passed
// in) into dir, creating it. It refuses a folder that already holds a
// catalog file, so that init never overwrites anyone's work, and returns
// the paths it wrote.
func Write(dir string, updated time.Time, guide []byte) ([]string, error) {
	files := Files(updated)
	files["编辑指南.md"] = string(guide)
	var names []string
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(name))); err == nil {
			return nil, fmt.Errorf("%s 里已经有 %s：init 只在空文件夹或新文件夹里建清单，不会覆盖已有的文件", dir, name)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
	var wrote []string
	for _, name := range names {
		full := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return wrote, err
		}
		if err := os.WriteFile(full, []byte(files[name]), 0o644); err != nil {
			return wrote, err
		}
		wrote = append(wrote, full)
	}
	return wrote, nil
}
