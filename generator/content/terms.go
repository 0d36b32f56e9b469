package content

import (
	"slices"
	"strings"

	"github.com/agnivade/levenshtein"

	"github.com/ideas-hub/hub/generator/diag"
)

// decodeTerms reads the values of every key of the taxonomies but tags:
// text or a list of text, each a term. It keeps each key's values in d,
// where the typed fields (a case study's organisation, an event's
// featured organisations) read them, so a key is checked once whatever
// type its page is.
func decodeTerms(p *Page, d *decoder, tax *Taxonomies, slugs *Slugs) {
	if tax == nil {
		return
	}
	others := tax.Others()
	p.Terms = make([]PageTerms, len(others))
	for i, t := range others {
		pt := &p.Terms[i]
		pt.Taxonomy = t
		for _, key := range t.Keys {
			values := d.termValues(key)
			d.termVals[key] = values
			for _, v := range values {
				pt.Names = append(pt.Names, v)
				pt.Slugs = append(pt.Slugs, slugs.Of(v))
				pt.Keys = append(pt.Keys, key)
			}
		}
	}
}

// termValues reads a taxonomy key: a single value or a list of them.
func (d *decoder) termValues(key string) []string {
	v, ok := d.src.Meta[key]
	if !ok || v == nil {
		return nil
	}
	switch v.(type) {
	case []any:
		return d.list(key)
	case string, int, int64, float64, bool:
		if s := d.str(key); s != "" {
			return []string{s}
		}
		return nil
	}
	d.errorf(key, "`%s` must be text or a list of text, e.g. %s: [\"one\", \"two\"], not %s", key, key, describe(v))
	return nil
}

// TermInfoKeys are the front matter keys a term's description file takes.
func TermInfoKeys() []string { return []string{"title", "summary", "website", "image", "image_alt"} }

// DecodeTermInfo reads the front matter of a term's description file into
// ti: only the keys TermInfoKeys names, each checked as a page's is.
func DecodeTermInfo(ti *TermInfo, src *Source, dl *diag.List) {
	d := &decoder{src: src, dl: dl}
	allowed := TermInfoKeys()
	for _, k := range src.KeyOrder {
		if !slices.Contains(allowed, k) {
			d.errorf(k, "a term's description takes only %s: `%s` is none of them%s", strings.Join(quoted(allowed), ", "), k, closest(k, allowed))
		}
	}
	ti.Title = d.str("title")
	ti.Summary = d.str("summary")
	ti.Website = d.url("website")
	ti.Image = imageURL(d.str("image"))
	ti.ImageAlt = d.str("image_alt")
	if ti.Image != "" && ti.ImageAlt == "" {
		d.errorf("image", "`image` needs `image_alt`: a short description of the picture for people who cannot see it")
	}
}

func quoted(keys []string) []string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = "`" + k + "`"
	}
	return out
}

// closest is ": did you mean `x`?" when k is a misspelling of one of keys.
func closest(k string, keys []string) string {
	if s, ok := Closest(k, keys); ok {
		return ": did you mean `" + s + "`?"
	}
	return ""
}

// Closest returns the one of known that k is probably a misspelling of.
// Short words allow one edit, longer ones two; a different case is one too.
func Closest(k string, known []string) (string, bool) {
	lower := strings.ToLower(strings.ReplaceAll(k, "-", "_"))
	best, bestDist := "", 3
	for _, kn := range known {
		limit := 2
		if len(kn) <= 4 {
			limit = 1
		}
		d := levenshtein.ComputeDistance(lower, kn)
		if lower == kn {
			d = 0
		}
		if d <= limit && d < bestDist {
			best, bestDist = kn, d
		}
	}
	return best, best != ""
}
