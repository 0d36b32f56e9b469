// Package generator turns a site folder (content/, layouts/, static/,
// hub.toml) into the files of a static site. It orchestrates: the loader
// reads and validates every content file (package content) and renders its
// markdown (package markdown), the plan lists every output the site makes
// with the hash of its inputs, views and templates render them, and package
// publish writes them into a folder swapped in whole. A Builder keeps what
// one build learnt so the preview's next build redoes only what an edit
// changed (delta.go); it must equal a full build, byte for byte.
//
// See ARCHITECTURE.md at the repository root for the map of packages and
// where to add an output, a taxonomy or a content type.
package generator
