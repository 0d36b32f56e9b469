package content

import "slices"

// WithSiteTypes returns a registry of the built-in types and, after them
// in the order given, a site's own (as hub.toml declares them, checked:
// see generator's config). What a site type leaves to hub is filled in
// from its keys' kinds: the hint for a missing required key, what
// `hub new` writes for each key, the keys its search documents carry.
func WithSiteTypes(site []*Type) *Types {
	all := builtin()
	plain := all[len(all)-1] // plain pages stay last, as Builtin has them
	all = all[:len(all)-1]
	for _, t := range site {
		t.Builtin = false
		t.Search = nil
		for i := range t.Keys {
			k := &t.Keys[i]
			// A scheduled type's pages are dated by their start: hub new asks for it.
			k.Ask = t.Requires(k.Name) || k.Name == "start" && k.Kind == KindDate
			k.Missing = kindHint(k.Name, k.Kind)
			k.Example = kindExample(k)
			if k.Kind == KindText || k.Kind == KindList {
				t.Search = append(t.Search, k.Name)
			}
		}
		all = append(all, t)
	}
	return newTypes(append(all, plain))
}

// SiteTypes returns the types a site declares, in its order.
func (ts *Types) SiteTypes() []*Type {
	var out []*Type
	for _, t := range ts.all {
		if !t.Builtin {
			out = append(out, t)
		}
	}
	return out
}

// Scheduled reports whether t's pages happen at a time: it has a `start`
// key of kind date. Events are; a site's own type is when it declares one.
// Scheduled pages are listed upcoming first, published before their start
// and given calendars.
func (t *Type) Scheduled() bool {
	k, ok := t.Key("start")
	return ok && k.Kind == KindDate
}

// IsKind reports whether k names a kind.
func IsKind(k string) bool { return slices.Contains(Kinds(), Kind(k)) }

// kindHint is what a missing required key of a site-defined type should
// look like, after "missing required key `name`".
func kindHint(name string, kind Kind) string {
	return ", e.g. " + name + ": " + map[Kind]string{
		KindText: `"…"`, KindList: "[one, two]", KindDate: "2025-04-14", KindURL: "https://…",
		KindYear: "2025", KindBool: "true", KindNumber: "12",
	}[kind]
}

// kindExample is what `hub new` writes for a site type's key: after
// "TODO: " for a required key the editor must fill, and as a commented-out
// example value for another.
func kindExample(k *Key) string {
	if k.Ask {
		return map[Kind]string{
			KindText: "the " + words(k.Name), KindList: "the " + words(k.Name) + ", as a list: [one, two]",
			KindDate: "a date, e.g. {date}", KindURL: "https://…", KindYear: "a year, e.g. {year}",
			KindBool: "true or false", KindNumber: "a number",
		}[k.Kind]
	}
	return map[Kind]string{
		KindText: "…", KindList: "[one, two]", KindDate: "{date}", KindURL: "https://…",
		KindYear: "{year}", KindBool: "true", KindNumber: "1",
	}[k.Kind]
}

// words writes a key's name as words: "published_year" is "published year".
func words(name string) string {
	b := []byte(name)
	for i, c := range b {
		if c == '_' || c == '-' {
			b[i] = ' '
		}
	}
	return string(b)
}
