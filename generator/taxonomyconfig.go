package generator

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/BurntSushi/toml"
	"github.com/ideas-hub/hub/generator/content"
	"github.com/ideas-hub/hub/generator/diag"
	"github.com/ideas-hub/hub/internal/slug"
)

// The [[taxonomies]] of hub.toml. They are read apart from the rest of the
// config, as plain values, so that every mistake in every declaration is
// reported in one run, each at its place in the file with what to write
// instead; the TOML decoder stops at the first value of a wrong type.

// taxonomyFields are the settings of one [[taxonomies]] table.
var taxonomyFields = []string{"name", "param", "keys", "title", "singular"}

// reservedTaxonomyNames are the first URL segments the site or `hub serve`
// answers itself, and the keys of a search hit a taxonomy's list of terms
// would clash with.
func reservedTaxonomyNames() []string {
	return []string{"search", "assets", "api", "healthz",
		"url", "title", "type", "date", "summary", "snippet"}
}

// reservedParams are the search endpoint's own parameters.
func reservedParams() []string {
	return []string{"q", "type", content.TagsParam, "from", "to", "sort", "page", "size"}
}

// fixedKeys are the front matter keys every type takes that hold no terms.
func fixedKeys() []string {
	return []string{"title", "date", "updated", "summary", "draft", "slug", "aliases", "image", "image_alt"}
}

var (
	taxonomyNameRe  = regexp.MustCompile(`^[a-z][a-z0-9-]*$`)
	taxonomyParamRe = regexp.MustCompile(`^[a-z][a-z0-9_-]*$`)
	frontMatterKey  = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
)

// readTaxonomies sets c.Taxonomies from the [[taxonomies]] of hub.toml,
// the defaults when it declares none, and lets every type take their
// keys. It returns every mistake it finds.
func (c *Config) readTaxonomies(data []byte) Diagnostics {
	c.Taxonomies = content.Defaults()
	var doc map[string]any
	if _, err := toml.Decode(string(data), &doc); err != nil {
		return nil // the config's own decode reports it
	}
	raw, ok := doc["taxonomies"]
	if !ok {
		c.Types = c.Types.WithKeys(c.Taxonomies.Keys())
		return nil
	}
	places := locateTOML(data)
	tables, ok := asTables(raw)
	if !ok {
		return Diagnostics{{Path: ConfigFile, Line: findTOMLKeyLine(data, "taxonomies"), Col: 1,
			Msg: "`taxonomies` must be tables, each under its own [[taxonomies]] line with name, param, keys, title and singular"}}
	}
	tc := taxonomyChecker{folders: map[string]string{}, names: map[string]diag.Pos{}, params: map[string]diag.Pos{}, keys: map[string]string{}}
	for _, t := range c.Types.Sections() {
		tc.folders[t.Folder] = t.Name
	}
	tc.kinds = map[string]content.Kind{}
	for _, t := range c.Types.All() {
		for _, k := range t.Keys {
			tc.kinds[k.Name] = k.Kind
		}
	}
	var declared []*content.Taxonomy
	for i, table := range tables {
		b := tableBlock{places: places, path: []string{"taxonomies", "#" + strconv.Itoa(i)}}
		if t := tc.check(table, b); t != nil {
			declared = append(declared, t)
		}
	}
	if tc.ds != nil {
		return tc.ds.Sorted()
	}
	c.Taxonomies = content.NewTaxonomies(declared)
	c.tagsDeclared = slices.ContainsFunc(declared, (*content.Taxonomy).IsTags)
	c.Types = c.Types.WithKeys(c.Taxonomies.Keys())
	return nil
}

// tableBlock is one [[taxonomies]] table, to place its mistakes.
type tableBlock struct {
	places tomlPlaces
	path   []string // "taxonomies", "#i"
}

// header is where the table starts: its [[taxonomies]] line.
func (b tableBlock) header() diag.Pos { return b.places.key(b.path...) }

// at is where key is written in the table, else its header.
func (b tableBlock) at(key string) diag.Pos {
	path := append(slices.Clone(b.path), key)
	if _, ok := b.places[placeKey(path)]; ok {
		return b.places.key(path...)
	}
	return b.header()
}

// item is where item i of the list at key is written.
func (b tableBlock) item(i int, key string) diag.Pos {
	path := append(slices.Clone(b.path), key, "#"+strconv.Itoa(i))
	if _, ok := b.places[placeKey(path)]; ok {
		return b.places.value(path...)
	}
	return b.at(key)
}

// asTables reads the value of `taxonomies` as a list of tables.
func asTables(v any) ([]map[string]any, bool) {
	switch v := v.(type) {
	case []map[string]any:
		return v, true
	case []any:
		out := make([]map[string]any, len(v))
		for i, e := range v {
			m, ok := e.(map[string]any)
			if !ok {
				return nil, false
			}
			out[i] = m
		}
		return out, true
	}
	return nil, false
}

// taxonomyChecker checks the declarations one after another, remembering
// what the earlier ones took.
type taxonomyChecker struct {
	folders map[string]string       // section folder → type name
	kinds   map[string]content.Kind // a type's own key → its kind
	names   map[string]diag.Pos     // taxonomy names declared so far
	params  map[string]diag.Pos
	keys    map[string]string // front matter key → the taxonomy reading it
	ds      Diagnostics
}

func (tc *taxonomyChecker) errorf(at diag.Pos, format string, args ...any) {
	tc.ds = append(tc.ds, Diagnostic{Path: ConfigFile, Line: at.Line, Col: at.Col, Msg: fmt.Sprintf(format, args...)})
}

// check returns the taxonomy one table declares, or nil when it has a
// mistake, each of which it reports.
func (tc *taxonomyChecker) check(table map[string]any, b tableBlock) *content.Taxonomy {
	before := len(tc.ds)
	for _, k := range slices.Sorted(maps.Keys(table)) {
		if !slices.Contains(taxonomyFields, k) {
			hint := ""
			if s, ok := content.Closest(k, taxonomyFields); ok {
				hint = fmt.Sprintf(": did you mean %s?", s)
			}
			tc.errorf(b.at(k), "unknown setting %q in [[taxonomies]]%s (a taxonomy has name, param, keys, title and singular)", k, hint)
		}
	}
	t := &content.Taxonomy{}
	t.Name = tc.text(table, b, "name", `the URL segment of its pages, e.g. name = "support-types"`)
	if t.Name != "" {
		tc.checkName(t.Name, b)
	}
	stem := orExample(slug.Make(t.Name)) // what suggestions are made from
	if t.Name == content.TagsName {
		tc.checkTags(table, b, t)
	} else {
		t.Param = tc.text(table, b, "param", fmt.Sprintf("its filter in search, e.g. param = %q", singularOf(stem)))
		t.Keys = tc.keyList(table, b, t.Name, stem)
		t.Title = tc.text(table, b, "title", fmt.Sprintf("the heading of its index, e.g. title = %q", titleOf(stem)))
		t.Singular = tc.text(table, b, "singular", fmt.Sprintf("the name of one of its terms, e.g. singular = %q", titleOf(singularOf(stem))))
	}
	if t.Param != "" {
		tc.checkParam(t, b, stem)
	}
	if len(tc.ds) > before {
		return nil
	}
	return t
}

// checkTags reads a declaration of tags: its title and singular may be
// the site's own; its param and key are the contract's.
func (tc *taxonomyChecker) checkTags(table map[string]any, b tableBlock, t *content.Taxonomy) {
	def := content.TagsTaxonomy()
	*t = *def
	if _, ok := table["param"]; ok {
		if p := tc.text(table, b, "param", ""); p != "" && p != def.Param {
			tc.errorf(b.at("param"), "the tags taxonomy's param is %q: write param = %q or leave it out", def.Param, def.Param)
		}
	}
	if _, ok := table["keys"]; ok {
		if keys := tc.keyList(table, b, t.Name, t.Name); keys != nil && !slices.Equal(keys, def.Keys) {
			tc.errorf(b.at("keys"), "the tags taxonomy reads the `tags` key only: write keys = [\"tags\"] or leave it out")
		}
	}
	if _, ok := table["title"]; ok {
		t.Title = tc.text(table, b, "title", "")
	}
	if _, ok := table["singular"]; ok {
		t.Singular = tc.text(table, b, "singular", "")
	}
}

// text reads a setting that must be text, reporting it missing with what
// it is for.
func (tc *taxonomyChecker) text(table map[string]any, b tableBlock, key, what string) string {
	v, ok := table[key]
	if !ok {
		tc.errorf(b.header(), "this taxonomy has no %s: add %s", key, what)
		return ""
	}
	s, ok := v.(string)
	if !ok || strings.TrimSpace(s) == "" {
		tc.errorf(b.at(key), "%s must be text that is not empty, e.g. %s = %q", key, key, exampleFor(key))
		return ""
	}
	return strings.TrimSpace(s)
}

func exampleFor(key string) string {
	return map[string]string{"name": "support-types", "param": "support", "title": "Support types", "singular": "Support type"}[key]
}

func (tc *taxonomyChecker) checkName(name string, b tableBlock) {
	at := b.at("name")
	switch {
	case !taxonomyNameRe.MatchString(name):
		tc.errorf(at, "name %q may hold only lower-case letters, digits and hyphens, starting with a letter: try name = %q", name, orExample(slug.Make(name)))
	case tc.folders[name] != "":
		tc.errorf(at, "name %q is the folder of the %s pages (content/%s/): choose another name", name, tc.folders[name], name)
	case slices.Contains(reservedTaxonomyNames(), name):
		tc.errorf(at, "name %q is taken by the site itself (/%s/ or a field of every search result): choose another name", name, name)
	}
	if first, dup := tc.names[name]; dup {
		tc.errorf(at, "a taxonomy named %q is declared twice (first at %s:%d:%d): remove one or rename it", name, ConfigFile, first.Line, first.Col)
	} else {
		tc.names[name] = at
	}
}

func (tc *taxonomyChecker) checkParam(t *content.Taxonomy, b tableBlock, stem string) {
	at := b.at("param")
	switch {
	case !taxonomyParamRe.MatchString(t.Param):
		tc.errorf(at, "param %q may hold only lower-case letters, digits, hyphens and underscores, starting with a letter: try param = %q", t.Param, orExample(slug.Make(t.Param)))
		return
	case t.Name != content.TagsName && slices.Contains(reservedParams(), t.Param):
		tc.errorf(at, "param %q is a filter the search endpoint already has (%s): choose another, e.g. param = %q",
			t.Param, strings.Join(reservedParams(), ", "), singularOf(stem))
		return
	}
	if first, dup := tc.params[t.Param]; dup {
		tc.errorf(at, "param %q is used by two taxonomies (first at %s:%d:%d): give each its own", t.Param, ConfigFile, first.Line, first.Col)
	} else {
		tc.params[t.Param] = at
	}
}

// keyList reads a taxonomy's front matter keys: a list of key names, each
// read by no other taxonomy and holding text.
func (tc *taxonomyChecker) keyList(table map[string]any, b tableBlock, name, stem string) []string {
	v, ok := table["keys"]
	if !ok {
		tc.errorf(b.header(), "this taxonomy has no keys: add the front matter keys whose values are its terms, e.g. keys = [%q]",
			strings.ReplaceAll(singularOf(stem), "-", "_"))
		return nil
	}
	list, ok := v.([]any)
	if !ok || len(list) == 0 {
		tc.errorf(b.at("keys"), "keys must be a list of front matter keys, e.g. keys = [%q]", strings.ReplaceAll(singularOf(stem), "-", "_"))
		return nil
	}
	var keys []string
	for i, e := range list {
		at := b.item(i, "keys")
		k, ok := e.(string)
		switch {
		case !ok:
			tc.errorf(at, "keys must be a list of text: %v is not a key name", e)
		case !frontMatterKey.MatchString(k):
			tc.errorf(at, "key %q may hold only lower-case letters, digits and underscores, starting with a letter: try %q", k,
				strings.ReplaceAll(slug.Make(k), "-", "_"))
		case name != content.TagsName && k == "tags":
			tc.errorf(at, "key \"tags\" belongs to the tags taxonomy: choose another key")
		case slices.Contains(fixedKeys(), k):
			tc.errorf(at, "key %q is a page's own %s, not a list of terms: choose another key", k, strings.ReplaceAll(k, "_", " "))
		case tc.kinds[k] != "" && tc.kinds[k] != content.KindText && tc.kinds[k] != content.KindList:
			tc.errorf(at, "key %q holds a %s, not terms: choose another key", k, tc.kinds[k])
		case tc.keys[k] != "":
			tc.errorf(at, "key %q is read by the %q taxonomy already: a key's values are the terms of one taxonomy", k, tc.keys[k])
		case slices.Contains(keys, k):
			tc.errorf(at, "key %q is listed twice", k)
		default:
			keys = append(keys, k)
			continue
		}
	}
	for _, k := range keys {
		tc.keys[k] = name
	}
	return keys
}

// singularOf guesses one of a plural name: "support-types" → "support-type".
func singularOf(name string) string {
	if s, ok := strings.CutSuffix(name, "ies"); ok && len(s) > 1 {
		return s + "y"
	}
	if s, ok := strings.CutSuffix(name, "s"); ok && len(s) > 1 {
		return s
	}
	return name
}

// titleOf writes a name as a heading: "support-types" → "Support types".
func titleOf(name string) string {
	s := strings.ReplaceAll(name, "-", " ")
	for i, r := range s {
		return string(unicode.ToUpper(r)) + s[i+len(string(r)):]
	}
	return s
}

func orExample(name string) string {
	if name == "" {
		return "support-types"
	}
	return name
}
