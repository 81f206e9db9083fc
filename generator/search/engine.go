package search

// Engine is the browser engine, the file Export writes at EnginePath. It
// does not depend on the index, so pages that link to it can be rendered
// while the index is still being built.
func Engine() []byte { return engineJS }
