package site

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"

	"jianzheng/generator/internal/slim"
)

// assetNames maps an asset's plain name ("style.css") to the path it is
// published under, which carries a hash of its content
// ("assets/style.3f2a1b4c.css"): any cache may keep it forever, and a
// changed file gets a new name. Pages link to assets with {{asset "style.css"}}.
type assetNames map[string]string

// siteScript is the script of every page: the display switches, the
// search's warming and the service worker's registration.
const siteScript = "site.js"

// addAssets puts the templates' assets/ and more (by plain name: the
// search engine, which it publishes after site.js's code) into files,
// under hashed names, and returns the names.
func addAssets(tmpl fs.FS, more map[string][]byte, files Files) (assetNames, error) {
	plain := Files{}
	err := fs.WalkDir(tmpl, "assets", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), ".") {
			return err
		}
		data, err := fs.ReadFile(tmpl, p)
		switch path.Ext(p) {
		case ".css":
			data = slim.CSS(data)
		case ".js":
			data = slim.JS(data)
		}
		plain[strings.TrimPrefix(p, "assets/")] = data
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("templates: %w", err)
	}
	maps.Copy(plain, more)
	// The search page runs one script, not two: site.js's code, then the
	// engine. On a phone every request of the first wave counts, and
	// HTTP/1.1 gives a page six connections (README, Speed on a phone).
	if engine, ok := more[engineAsset]; ok {
		plain[engineAsset] = slices.Concat(plain[siteScript], []byte(";\n"), engine)
	}
	names := assetNames{}
	for name, data := range plain {
		sum := sha256.Sum256(data)
		ext := path.Ext(name)
		hashed := "assets/" + strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:4]) + ext
		names[name] = hashed
		files[hashed] = data
	}
	return names, nil
}

// path is the published path of an asset, or an error naming what is missing.
func (a assetNames) path(name string) (string, error) {
	if p, ok := a[name]; ok {
		return p, nil
	}
	return "", fmt.Errorf("no asset %q in templates/assets", name)
}
