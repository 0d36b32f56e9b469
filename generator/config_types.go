package generator

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/agnivade/levenshtein"
	"github.com/ideas-hub/hub/generator/content"
	"github.com/ideas-hub/hub/generator/diag"
	"github.com/ideas-hub/hub/internal/slug"
)

// A site declares its own content types in hub.toml:
//
//	[types.toolkit]
//	folder = "toolkits"
//	singular = "Toolkit"
//	plural = "Toolkits"
//	jsonld = "CreativeWork"
//	required = ["date", "publisher"]
//	[types.toolkit.keys]
//	publisher = "text"
//
// declareTypes checks every declaration, reports each mistake at its
// place in hub.toml with what to write instead (all of them, not the
// first), and returns the registry: the built-in types, then the site's
// in the order the file declares them.

// typeSettings are the settings of a [types.<name>] table.
func typeSettings() []string {
	return []string{"folder", "singular", "plural", "jsonld", "description", "required", "keys"}
}

// defaultJSONLD is the schema.org type of a site type's pages when it
// names none: the most general type of written work.
const defaultJSONLD = "CreativeWork"

var (
	typeNameRe = regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)
	folderRe   = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	keyNameRe  = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
	jsonLDRe   = regexp.MustCompile(`^[A-Z][A-Za-z]*$`)
)

// reservedTypeNames are names a type cannot take because hub's own layouts
// have them (layouts/<name>.html is a type's layout): what it names them.
func reservedTypeNames() map[string]string {
	return map[string]string{
		"home": "the home page", "section": "the lists of each type", "tags": "the list of tags",
		"tag": "each tag's page", "search": "the search page", "404": "the page for missing pages",
		"alias": "the pages left at old addresses", "baseof": "the frame of every page",
		genericLayout: "the pages of a type without a layout of its own",
	}
}

// reservedFolders are the first URL segments the site's own pages and the
// search endpoint use: no type's pages may live there.
func reservedFolders() map[string]string {
	return map[string]string{
		"tags": "the tags' pages", "search": "the search page", "assets": "the theme's files",
		"api": "the search endpoint (/api/search)",
	}
}

// typeDecls reads the [types] table of hub.toml.
type typeDecls struct {
	places tomlPlaces
	ds     Diagnostics
}

func (td *typeDecls) errorf(at diag.Pos, format string, args ...any) {
	td.ds = append(td.ds, Diagnostic{Path: ConfigFile, Line: at.Line, Col: at.Col, Msg: fmt.Sprintf(format, args...)})
}

// declareTypes reads raw, the value of `types` in hub.toml, in the order md
// lists its keys.
func declareTypes(data []byte, md toml.MetaData, raw toml.Primitive) (*content.Types, Diagnostics) {
	if !md.IsDefined("types") {
		return content.Builtin(), nil
	}
	td := &typeDecls{places: locateTOML(data)}
	var tables map[string]any
	if err := md.PrimitiveDecode(raw, &tables); err != nil || !isTable(md.Type("types")) {
		td.errorf(td.places.value("types"), "`types` must be a table of types: write [types.toolkit] and the type's settings under it")
		return nil, td.ds
	}
	builtin := content.Builtin()
	var site []*content.Type
	folders := map[string]string{} // folder → the site type that took it, as "name (hub.toml:line:col)"
	for _, name := range declaredUnder(md, "types") {
		t := td.declare(name, tables[name], builtin, folders)
		if t != nil {
			site = append(site, t)
		}
	}
	if td.ds != nil {
		return nil, td.ds.Sorted()
	}
	return content.WithSiteTypes(site), nil
}

// declaredUnder lists the keys of the table at path in the order the file
// first writes them: a dotted key (types.kit.folder = …) names its table
// only through its longer key.
func declaredUnder(md toml.MetaData, path ...string) []string {
	var names []string
	for _, k := range md.Keys() {
		if len(k) > len(path) && slices.Equal(k[:len(path)], path) && !slices.Contains(names, k[len(path)]) {
			names = append(names, k[len(path)])
		}
	}
	return names
}

// declare checks one [types.<name>] table and returns its type, or nil
// when it has a mistake.
func (td *typeDecls) declare(name string, raw any, builtin *content.Types, folders map[string]string) *content.Type {
	at := td.places.key("types", name)
	settings, ok := raw.(map[string]any)
	if !ok {
		td.errorf(td.places.value("types", name), "`types.%s` must be a table: write [types.%s] and the type's settings under it", name, name)
		return nil
	}
	before := len(td.ds)
	td.checkName(name, at, builtin)
	for k := range settings {
		if !slices.Contains(typeSettings(), k) {
			msg := fmt.Sprintf("unknown setting `%s` of type %s", k, name)
			if s, ok := closest(k, typeSettings()); ok {
				msg += fmt.Sprintf(": did you mean `%s`?", s)
			} else {
				msg += ": a type takes " + strings.Join(typeSettings(), ", ")
			}
			td.errorf(td.places.key("types", name, k), "%s", msg)
		}
	}
	t := &content.Type{Name: name, JSONLD: defaultJSONLD}
	singular := sentenceCase(strings.ReplaceAll(name, "-", " "))
	t.Folder = td.text(settings, name, "folder", fmt.Sprintf("the folder under content/ of its files and the first part of its URLs, e.g. folder = %q", slug.Make(name)+"s"))
	t.Singular = td.text(settings, name, "singular", fmt.Sprintf("the name of one of its pages, e.g. singular = %q", singular))
	t.Plural = td.text(settings, name, "plural", fmt.Sprintf("the heading of its list, e.g. plural = %q", singular+"s"))
	t.Description = td.optionalText(settings, name, "description")
	if j := td.optionalText(settings, name, "jsonld"); j != "" {
		t.JSONLD = j
		if !jsonLDRe.MatchString(j) {
			td.errorf(td.places.value("types", name, "jsonld"), "jsonld %q is not a schema.org type: write its name as schema.org spells it, e.g. jsonld = %q", j, defaultJSONLD)
		}
	}
	td.checkFolder(t, builtin, folders)
	t.Keys = td.keys(name, settings["keys"])
	t.Required = td.required(t, settings["required"])
	if len(td.ds) > before {
		return nil
	}
	return t
}

func (td *typeDecls) checkName(name string, at diag.Pos, builtin *content.Types) {
	if b, ok := builtin.Lookup(name); ok {
		td.errorf(at, "type name %q is taken by a built-in type (%s): give [types.%s] another name", name, strings.ToLower(b.Plural), name)
	} else if what, ok := reservedTypeNames()[name]; ok {
		td.errorf(at, "type name %q is taken by %s (layouts/%s.html): give [types.%s] another name", name, what, name, name)
	} else if !typeNameRe.MatchString(name) {
		msg := fmt.Sprintf("type name %q may hold only lower-case letters, digits and hyphens", name)
		if s := slug.Make(name); s != "" && s[0] >= 'a' && s[0] <= 'z' {
			msg += fmt.Sprintf(": write [types.%s]", s)
		}
		td.errorf(at, "%s", msg)
	}
}

// checkFolder reports a folder that is malformed or already someone's, and
// claims t's for it.
func (td *typeDecls) checkFolder(t *content.Type, builtin *content.Types, folders map[string]string) {
	if t.Folder == "" {
		return
	}
	at := td.places.value("types", t.Name, "folder")
	if b, ok := builtin.InFolder(t.Folder); ok {
		td.errorf(at, "folder %q is taken by the built-in type %s: choose another folder for %s", t.Folder, b.Name, t.Name)
		return
	}
	if what, ok := reservedFolders()[t.Folder]; ok {
		td.errorf(at, "folder %q is taken by %s at /%s/: choose another folder for %s", t.Folder, what, t.Folder, t.Name)
		return
	}
	if other, ok := folders[t.Folder]; ok {
		td.errorf(at, "folder %q is taken by type %s: choose another folder for %s", t.Folder, other, t.Name)
		return
	}
	if !folderRe.MatchString(t.Folder) {
		msg := fmt.Sprintf("folder %q may hold only lower-case letters, digits and hyphens: it is the first part of the pages' URLs", t.Folder)
		if s := slug.Make(t.Folder); s != "" {
			msg += fmt.Sprintf("; write folder = %q", s)
		}
		td.errorf(at, "%s", msg)
		return
	}
	folders[t.Folder] = fmt.Sprintf("%s (%s:%d:%d)", t.Name, ConfigFile, at.Line, at.Col)
}

// text reads a required text setting; what says what to write.
func (td *typeDecls) text(settings map[string]any, name, key, what string) string {
	if _, ok := settings[key]; !ok {
		td.errorf(td.places.key("types", name), "type %s needs `%s`: %s", name, key, what)
		return ""
	}
	s := td.optionalText(settings, name, key)
	if s == "" && !td.failedAt(name, key) {
		td.errorf(td.places.value("types", name, key), "`%s` of type %s is empty: %s", key, name, what)
	}
	return s
}

// failedAt reports whether a mistake was already reported at the value of
// types.<name>.<key>.
func (td *typeDecls) failedAt(name, key string) bool {
	at := td.places.value("types", name, key)
	return slices.ContainsFunc(td.ds, func(d Diagnostic) bool { return d.Line == at.Line && d.Col == at.Col })
}

func (td *typeDecls) optionalText(settings map[string]any, name, key string) string {
	v, ok := settings[key]
	if !ok {
		return ""
	}
	s, ok := v.(string)
	if !ok {
		td.errorf(td.places.value("types", name, key), "`%s` of type %s must be text in quotes, e.g. %s = \"…\"", key, name, key)
		return ""
	}
	return strings.TrimSpace(s)
}

// keys reads [types.<name>.keys]: each key's name and kind.
func (td *typeDecls) keys(name string, raw any) []content.Key {
	if raw == nil {
		return nil
	}
	table, ok := raw.(map[string]any)
	if !ok {
		td.errorf(td.places.value("types", name, "keys"), "`keys` of type %s must be a table of key names and kinds: write [types.%s.keys] and under it lines such as publisher = \"text\"", name, name)
		return nil
	}
	var keys []content.Key
	for _, k := range td.order(table, "types", name, "keys") {
		at := td.places.key("types", name, "keys", k)
		switch {
		case slices.Contains(content.CommonKeys(), k):
			td.errorf(at, "key `%s` is one every type takes: remove it from [types.%s.keys]", k, name)
			continue
		case !keyNameRe.MatchString(k):
			msg := fmt.Sprintf("key name %q may hold only lower-case letters, digits and underscores, starting with a letter", k)
			if s := strings.ReplaceAll(slug.Make(k), "-", "_"); s != "" && s[0] >= 'a' && s[0] <= 'z' {
				msg += fmt.Sprintf(": write %s = …", s)
			}
			td.errorf(at, "%s", msg)
			continue
		}
		keys = append(keys, content.Key{Name: k, Kind: td.kind(name, k, table[k])})
	}
	return keys
}

// order lists a table's keys in the order the file writes them.
func (td *typeDecls) order(table map[string]any, path ...string) []string {
	names := make([]string, 0, len(table))
	for k := range table {
		names = append(names, k)
	}
	slices.SortFunc(names, func(a, b string) int {
		pa, pb := td.places.key(append(path, a)...), td.places.key(append(path, b)...)
		if pa.Line != pb.Line {
			return pa.Line - pb.Line
		}
		if pa.Col != pb.Col {
			return pa.Col - pb.Col
		}
		return strings.Compare(a, b)
	})
	return names
}

func (td *typeDecls) kind(name, key string, raw any) content.Kind {
	at := td.places.value("types", name, "keys", key)
	var kinds []string
	for _, k := range content.Kinds() {
		kinds = append(kinds, string(k))
	}
	s, ok := raw.(string)
	if !ok {
		td.errorf(at, "the kind of key `%s` must be text in quotes: one of %s, e.g. %s = \"text\"", key, strings.Join(kinds, ", "), key)
		return ""
	}
	if !content.IsKind(s) {
		msg := fmt.Sprintf("kind %q of key `%s` does not exist", s, key)
		if c, ok := closest(strings.ToLower(s), kinds); ok {
			msg += fmt.Sprintf(": did you mean %q? (kinds: %s)", c, strings.Join(kinds, ", "))
		} else {
			msg += ": write one of " + strings.Join(kinds, ", ")
		}
		td.errorf(at, "%s", msg)
	}
	return content.Kind(s)
}

// required reads a type's required keys: each must be one of its own or
// one every type takes.
func (td *typeDecls) required(t *content.Type, raw any) []string {
	if raw == nil {
		return nil
	}
	items, ok := raw.([]any)
	if !ok {
		td.errorf(td.places.value("types", t.Name, "required"), "`required` of type %s must be a list of key names, e.g. required = [\"date\"]", t.Name)
		return nil
	}
	var own []string
	for _, k := range t.Keys {
		own = append(own, k.Name)
	}
	var out []string
	for i, it := range items {
		at := td.places.item(i, "types", t.Name, "required")
		k, ok := it.(string)
		switch {
		case !ok:
			td.errorf(at, "item %d of `required` of type %s must be a key name in quotes", i+1, t.Name)
		case slices.Contains(own, k) || slices.Contains(content.CommonKeys(), k):
			if !slices.Contains(out, k) {
				out = append(out, k)
			}
		default:
			msg := fmt.Sprintf("required key `%s` is neither a key of type %s nor one every type takes", k, t.Name)
			if s, ok := closest(k, append(own, content.CommonKeys()...)); ok {
				msg += fmt.Sprintf(": did you mean `%s`?", s)
			} else {
				msg += fmt.Sprintf(": declare it under [types.%s.keys], e.g. %s = \"text\"", t.Name, k)
			}
			td.errorf(at, "%s", msg)
		}
	}
	return out
}

// closest is the name in names that s is probably a misspelling of: at
// most one edit away for short names, two for longer ones.
func closest(s string, names []string) (string, bool) {
	best, bestDist := "", 3
	for _, n := range names {
		limit := 2
		if len(n) <= 4 {
			limit = 1
		}
		if d := levenshtein.ComputeDistance(s, n); d <= limit && d < bestDist {
			best, bestDist = n, d
		}
	}
	return best, best != ""
}

// sentenceCase capitalises the first letter: "funding call" is "Funding call".
func sentenceCase(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// isTable reports whether toml's name of a value's type is a table's: a
// table only ever named in the headers of its own tables has none.
func isTable(tomlType string) bool { return tomlType == "" || tomlType == "Hash" }
