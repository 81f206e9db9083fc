package main

import (
	"bytes"
	"compress/gzip"
	"path"
	"strings"

	"jianzheng/generator/site"
)

// compressible are the extensions of text files worth a .gz twin.
var compressible = map[string]bool{".html": true, ".css": true, ".js": true, ".xml": true,
	".json": true, ".csv": true, ".txt": true, ".svg": true}

// addGzip writes FILE.gz beside every text file, for servers that send
// precompressed files (nginx gzip_static, Caddy precompressed). The gzip
// header carries no name and no time, so the output stays deterministic.
func addGzip(files site.Files) error {
	var names []string
	for name := range files {
		if compressible[strings.ToLower(path.Ext(name))] {
			names = append(names, name)
		}
	}
	for _, name := range names {
		var b bytes.Buffer
		w, err := gzip.NewWriterLevel(&b, gzip.BestCompression)
		if err != nil {
			return err
		}
		if _, err := w.Write(files[name]); err != nil {
			return err
		}
		if err := w.Close(); err != nil {
			return err
		}
		files[name+".gz"] = b.Bytes()
	}
	return nil
}
