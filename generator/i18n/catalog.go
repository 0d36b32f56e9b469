// Package i18n holds a theme's interface strings: the words a reader sees
// around the content ("Upcoming events", "Next page", "3 results"), and the
// month and day names dates are written with. They live in message files,
// layouts/i18n/<language>.toml, one per language, so a site in another
// language adds a file rather than changing code. A site's own file
// overrides the theme's key by key, as its layouts override the theme's
// file by file.
//
// A message is text with named places to fill ("Tagged: {name}"), or a
// table of plural forms chosen by its count, by the language's CLDR rules:
//
//	[tag.count]
//	one = "{count} page on the hub"
//	other = "{count} pages on the hub"
//
// A message whose key ends in _html is markup, written as it is; the
// values filled into it are escaped as html/template escapes text.
package i18n

import (
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"slices"
	"strings"

	"golang.org/x/text/language"

	"github.com/ideas-hub/hub/generator/diag"
)

// DefaultLanguage is the language of a site whose own language has no
// message file in any layer: the theme's.
const DefaultLanguage = "en"

// Dir is the folder of the layouts that holds the message files.
const Dir = "i18n"

// A Layer is a folder of layouts that may hold message files.
type Layer struct {
	FS fs.FS // the layouts folder, with the message files in i18n/
	// Name is how errors name a file of the layer ("i18n/en.toml" →
	// "layouts/i18n/en.toml (default theme)").
	Name func(file string) string
}

// Catalog is the messages of one language, read from every layer.
type Catalog struct {
	lang     language.Tag // for the plural rules
	file     string       // the most specific file read, as its layer names it
	msgs     map[string]*message
	months   []string // January first
	weekdays []string // Sunday first, as time.Weekday counts
	hash     uint64
	sources  map[string]string // file name → text, to place problems
}

// Load reads the message files of lang from layers, lowest first. For
// "en-GB" the files are en.toml, then en-GB.toml, each of them in every
// layer in turn; a key in a later file overrides the same key in an
// earlier one. When no layer has a file for lang, the catalogue is the
// DefaultLanguage's. Mistakes in the files come back as diag.Diagnostics,
// every one of them.
func Load(lang string, layers ...Layer) (*Catalog, error) {
	chain := languageChain(lang)
	if !hasAny(chain, layers) {
		chain = []string{DefaultLanguage}
	}
	c := &Catalog{msgs: map[string]*message{}, sources: map[string]string{}}
	h := fnv.New64a()
	var probs diag.Diagnostics
	for _, tag := range chain {
		for _, l := range layers {
			name := Dir + "/" + tag + ".toml"
			data, err := fs.ReadFile(l.FS, name)
			if errors.Is(err, fs.ErrNotExist) {
				continue
			}
			if err != nil {
				return nil, fmt.Errorf("%s: %w", l.Name(name), err)
			}
			path := l.Name(name)
			fmt.Fprintf(h, "%s\x00%d\x00", path, len(data))
			h.Write(data)
			c.file, c.lang, c.sources[path] = path, language.Make(tag), string(data)
			probs = append(probs, c.add(path, data)...)
		}
	}
	if c.file == "" {
		name := Dir + "/" + DefaultLanguage + ".toml"
		return nil, diag.Diagnostics{{Path: layers[len(layers)-1].Name(name), Msg: fmt.Sprintf("no message file for language %q: the layouts need %s", lang, name)}}
	}
	probs = append(probs, c.checkDates()...)
	if probs != nil {
		return nil, probs.Sorted()
	}
	c.hash = h.Sum64()
	return c, nil
}

// languageChain lists the tags whose files make up lang's catalogue,
// shortest first: "en-GB" gives "en", "en-GB". A tag that could not name
// a file ("../x", "") is left out.
func languageChain(lang string) []string {
	var chain []string
	parts := strings.Split(lang, "-")
	for i := range parts {
		tag := strings.Join(parts[:i+1], "-")
		if !validTag(tag) {
			return nil
		}
		chain = append(chain, tag)
	}
	return chain
}

func validTag(tag string) bool {
	if tag == "" || strings.HasSuffix(tag, "-") {
		return false
	}
	for _, r := range tag {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return true
}

func hasAny(chain []string, layers []Layer) bool {
	for _, tag := range chain {
		for _, l := range layers {
			if _, err := fs.Stat(l.FS, Dir+"/"+tag+".toml"); err == nil {
				return true
			}
		}
	}
	return false
}

// File names the most specific message file read: where a missing message
// belongs.
func (c *Catalog) File() string { return c.file }

// Hash identifies the catalogue's text: equal hashes, equal messages.
func (c *Catalog) Hash() uint64 { return c.hash }

// Months are the month names, January first.
func (c *Catalog) Months() []string { return slices.Clone(c.months) }

// Has reports whether the catalogue has a message for key.
func (c *Catalog) Has(key string) bool { return c.msgs[key] != nil }

// Check reports a problem when key has no message, or its message has a
// place that names does not fill, as a call giving those names would.
func (c *Catalog) Check(key string, names ...string) error {
	m := c.msgs[key]
	if m == nil {
		return fmt.Errorf("no message %q in %s", key, c.file)
	}
	for _, n := range m.names {
		if !slices.Contains(names, n) {
			return fmt.Errorf("message %q in %s has {%s}, which is not given%s", key, m.file, n, given(names))
		}
	}
	if m.plural && !slices.Contains(names, countArg) {
		return fmt.Errorf("message %q in %s has plural forms, chosen by a %q that is not given", key, m.file, countArg)
	}
	return nil
}

func given(names []string) string {
	if len(names) == 0 {
		return " (nothing is)"
	}
	return " (only " + strings.Join(names, ", ") + ")"
}

// Require checks, for each key, that the catalogue has its message and
// that the message fills no place but the names listed: the messages a
// program writes itself. Each problem is placed at the file that defines
// the message, or at File when none does.
func (c *Catalog) Require(need map[string][]string) error {
	var probs diag.Diagnostics
	for key, names := range need {
		err := c.Check(key, names...)
		if err == nil {
			continue
		}
		p := diag.Diagnostic{Path: c.file, Msg: err.Error()}
		if m := c.msgs[key]; m != nil {
			p.Path, p.Line = m.file, keyLine(c.sources[m.file], key)
		}
		probs = append(probs, p)
	}
	if probs != nil {
		return probs.Sorted()
	}
	return nil
}
