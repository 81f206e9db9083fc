package pipeline

import (
	"context"
	"fmt"
	"maps"
	"sync/atomic"

	"jianzheng/generator/catalog"
	"jianzheng/generator/cores"
	"jianzheng/generator/history"
	"jianzheng/generator/ledger"
	"jianzheng/generator/offline"
	"jianzheng/generator/search"
	"jianzheng/generator/site"
)

// ManifestPath is where a site keeps its history of publications.
const ManifestPath = "data/manifest.json"

// Progress hears what a build is doing, for a terminal; nil hears nothing.
type Progress interface {
	Stage(format string, args ...any) // a new stage begins
	Count(format string, args ...any) // the current stage's counts changed
}

type quiet struct{}

func (quiet) Stage(string, ...any) {}
func (quiet) Count(string, ...any) {}

// Run runs the whole sequence and returns the catalog built. It hands
// the files to emit as they are ready: the pages in chunks while they
// render and the index builds, so that a build writes them meanwhile;
// the open data and the index come last, then, with Inputs.Offline, the
// service worker and its list. emit is called from one
// goroutine at a time. A build that fails after some files have gone out
// returns the error; emit's files are then to be thrown away (the build
// command writes into a folder that replaces the site only on success).
func (b *Builder) Run(progress Progress, emit func(site.Files) error) (*catalog.Catalog, error) {
	if progress == nil {
		progress = quiet{}
	}
	progress.Stage("读取并检查内容")
	cat, manifest, err := b.Load()
	if err != nil {
		return nil, err
	}
	progress.Stage("为 %d 条事项建搜索索引", len(cat.Records))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	digests, emitAll := offline.Digests{}, emit
	if b.in.Offline {
		emit = func(files site.Files) error {
			digests.Add(files)
			return emitAll(files)
		}
	}
	index := cores.Go(func() (site.Files, error) { return Index(ctx, cat) })
	data := cores.Go(func() (site.Files, error) { return Data(cat, manifest) })
	s, err := PrepareSite(cat, b.in.Templates, manifest, b.in.Offline)
	if err == nil {
		total, written := len(s.Paths()), 0
		progress.Stage("生成并写出 %d 个文件，同时为 %d 条事项建搜索索引", total, len(cat.Records))
		err = RenderTo(ctx, s, func(files site.Files) error {
			if err := emit(files); err != nil {
				return err
			}
			written += len(files)
			progress.Count("已生成并写出 %d / %d 个文件，同时为 %d 条事项建搜索索引", written, total, len(cat.Records))
			return nil
		})
	}
	if err != nil {
		cancel()
	}
	progress.Stage("完成 %d 条事项的搜索索引", len(cat.Records))
	dataFiles, dataErr := data()
	indexFiles, indexErr := index()
	for _, e := range []error{err, dataErr, indexErr} {
		if e != nil {
			return nil, e
		}
	}
	progress.Stage("写出开放数据和搜索索引")
	if err := emit(dataFiles); err != nil {
		return nil, err
	}
	if err := emit(indexFiles); err != nil {
		return nil, err
	}
	if b.in.Offline {
		if err := emitAll(site.Files(digests.Files())); err != nil {
			return nil, err
		}
	}
	return cat, nil
}

// Pages is a site to render: a *site.Site, or the preview's version of
// one, which keeps the pages it renders.
type Pages interface {
	Paths() []string                                    // every file, in the order errors are reported in
	Page(path string) (data []byte, ok bool, err error) // renders the page at path, or returns the file there
}

// renderChunk is how many rendered files RenderTo hands over at a time.
const renderChunk = 500

// RenderTo is step 4: it renders every file of pages on every core and
// hands them to emit in chunks as they are ready, so that the pages are
// written while others render and never all wait in memory. The error is
// that of the first failing page in the site's order, whatever the
// schedule. Once a page has failed or ctx is done, no more chunks go to
// emit; the pages not yet started then fail with ctx's error.
func RenderTo(ctx context.Context, pages Pages, emit func(site.Files) error) error {
	paths := pages.Paths()
	type rendered struct {
		path string
		data []byte
	}
	out := make(chan rendered, renderChunk)
	var failed atomic.Bool
	wait := cores.Go(func() (struct{}, error) {
		defer close(out)
		return struct{}{}, cores.Each(len(paths), func(i int) error {
			err := ctx.Err()
			var data []byte
			if err == nil {
				data, _, err = pages.Page(paths[i])
			}
			if err != nil {
				failed.Store(true)
				return err
			}
			out <- rendered{paths[i], data}
			return nil
		})
	})
	var emitErr error
	chunk := site.Files{}
	for r := range out {
		if emitErr != nil || failed.Load() {
			continue // the build has failed: only wait for the workers
		}
		chunk[r.path] = r.data
		if len(chunk) == renderChunk {
			emitErr, chunk = emit(chunk), site.Files{}
		}
	}
	if _, err := wait(); err != nil {
		return err
	}
	if emitErr != nil {
		return emitErr
	}
	return emit(chunk)
}

// Index is the first half of step 5: it builds the search index and
// exports it, without the engine, which the site publishes under its
// hashed name. It gives up with ctx's error once ctx is done.
func Index(ctx context.Context, cat *catalog.Catalog) (site.Files, error) {
	ix, err := search.BuildContext(ctx, cat)
	if err != nil {
		return nil, fmt.Errorf("建搜索索引时出错：%w", err)
	}
	defer ix.Close()
	files, err := ix.Export()
	if err != nil {
		return nil, fmt.Errorf("导出搜索索引时出错：%w", err)
	}
	delete(files, search.EnginePath)
	return files, nil
}

// Data is the second half of step 5: the open data files and the
// manifest of this publication.
func Data(cat *catalog.Catalog, manifest *history.Manifest) (site.Files, error) {
	files, err := ledger.DataFiles(cat)
	if err != nil {
		return nil, err
	}
	out := site.Files(files)
	out[ManifestPath] = manifest.JSON()
	return out, nil
}

// IndexAndData is step 5 for a version: every file of the site but its
// pages, and the slow part of a build.
func (b *Builder) IndexAndData(ctx context.Context, v *Version) (site.Files, error) {
	files, err := Index(ctx, v.Catalog)
	if err != nil {
		return nil, err
	}
	data, err := Data(v.Catalog, v.Manifest)
	if err != nil {
		return nil, err
	}
	maps.Copy(files, data)
	return files, nil
}
