package content

import (
	"github.com/ideas-hub/hub/generator/diag"

	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

// PlaceholderPrefix marks values `hub new` writes for the editor to replace.
const PlaceholderPrefix = "TODO"

// decoder reads typed values out of front matter, recording each problem at
// the key's position.
type decoder struct {
	src *Source
	dl  *diag.List
	loc *time.Location
	// termVals holds the values of the taxonomies' keys, read and checked
	// once (see decodeTerms): a typed field of such a key reads them here.
	termVals map[string][]string
}

func (d *decoder) has(key string) bool { _, ok := d.src.Meta[key]; return ok }

func (d *decoder) errorf(key, format string, args ...any) {
	d.dl.Add(d.src.KeyPos(key), format, args...)
}

func (d *decoder) str(key string) string {
	if vs, ok := d.termVals[key]; ok { // a taxonomy's key may hold a list
		return strings.Join(vs, ", ")
	}
	v, ok := d.src.Meta[key]
	if !ok || v == nil {
		return ""
	}
	switch v := v.(type) {
	case string:
		s := strings.TrimSpace(v)
		if d.placeholder(key, s) {
			return ""
		}
		return s
	case int, int64, float64:
		return describeNumber(v)
	case bool:
		// YAML 1.1 reads yes, no, on, off, true and false as booleans.
		d.errorf(key, "`%s` was read as %v, not as text: put the value in quotes, e.g. %s: \"No\"", key, v, key)
		return ""
	}
	d.errorf(key, "`%s` must be text, not %s", key, describe(v))
	return ""
}

func describeNumber(v any) string {
	if f, ok := v.(float64); ok {
		return strconv.FormatFloat(f, 'f', -1, 64) // JSON numbers: 20240102, not 2.0240102e+07
	}
	return fmt.Sprint(v)
}

// placeholder reports (and records) a value `hub new` left for the editor.
func (d *decoder) placeholder(key, s string) bool {
	if !strings.HasPrefix(strings.TrimSpace(s), PlaceholderPrefix) {
		return false
	}
	d.errorf(key, "`%s` still holds the placeholder %q: replace it", key, strings.TrimSpace(s))
	return true
}

func (d *decoder) list(key string) []string {
	if vs, ok := d.termVals[key]; ok {
		return vs
	}
	v, ok := d.src.Meta[key]
	if !ok || v == nil {
		return nil
	}
	if s, ok := v.(string); ok { // a single value where a list was expected
		if s = strings.TrimSpace(s); s != "" {
			return []string{s}
		}
		return nil
	}
	items, ok := v.([]any)
	if !ok {
		d.errorf(key, "`%s` must be a list, e.g. %s: [\"one\", \"two\"]", key, key)
		return nil
	}
	out := make([]string, 0, len(items))
	for i, it := range items {
		switch it := it.(type) {
		case string:
			if s := strings.TrimSpace(it); s != "" {
				out = append(out, s)
			}
		case int, int64, float64:
			out = append(out, describeNumber(it))
		default:
			d.errorf(key, "item %d of `%s` must be text, not %s", i+1, key, describe(it))
		}
	}
	return out
}

func (d *decoder) boolean(key string) bool {
	v, ok := d.src.Meta[key]
	if !ok || v == nil {
		return false
	}
	b, ok := v.(bool)
	if !ok {
		d.errorf(key, "`%s` must be true or false, not %s", key, describe(v))
	}
	return b
}

func (d *decoder) integer(key string) int {
	v, ok := d.src.Meta[key]
	if !ok || v == nil {
		return 0
	}
	switch v := v.(type) {
	case int:
		return v
	case int64:
		return int(v)
	case float64:
		if v == float64(int(v)) {
			return int(v)
		}
	case string:
		if n, err := strconv.Atoi(strings.TrimSpace(v)); err == nil {
			return n
		}
	}
	d.errorf(key, "`%s` must be a whole number, not %s", key, describe(v))
	return 0
}

// date reads a date key in the page's zone; dateOnly reports a bare date.
func (d *decoder) date(key string, loc *time.Location) (t time.Time, dateOnly bool) {
	v, ok := d.src.Meta[key]
	if !ok || v == nil {
		return time.Time{}, false
	}
	if s, ok := v.(string); ok && d.placeholder(key, s) {
		return time.Time{}, false
	}
	t, dateOnly, err := parseDateValue(v, loc)
	if err != nil {
		d.errorf(key, "`%s`: %v", key, err)
	}
	return t, dateOnly
}

// url reads a key that must be an absolute http(s) URL.
func (d *decoder) url(key string) string {
	s := d.str(key)
	if s == "" {
		return ""
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		d.errorf(key, "`%s` must be a full web address starting with https://, not %q", key, s)
		return ""
	}
	return s
}

func (d *decoder) require(key, hint string) {
	if !d.has(key) {
		d.dl.Add(diag.Pos{Line: d.src.FMLine, Col: 1}, "missing required key `%s`%s", key, hint)
	}
}

func describe(v any) string {
	switch v.(type) {
	case []any:
		return "a list"
	case map[string]any, map[any]any:
		return "a table of keys"
	case bool:
		return "true/false"
	case nil:
		return "empty"
	}
	return fmt.Sprintf("%q", describeNumber(v))
}

// DecodePage validates the front matter of one file of type typ and fills
// p, with its terms of each of the taxonomies.
func DecodePage(p *Page, types *Types, tax *Taxonomies, slugs *Slugs, src *Source, dl *diag.List, loc *time.Location) {
	d := &decoder{src: src, dl: dl, loc: loc, termVals: map[string][]string{}}
	for _, k := range src.KeyOrder {
		if s, ok := types.SuggestKey(k); ok {
			d.errorf(k, "unknown key `%s`: did you mean `%s`?", k, s)
		}
	}
	for k := range src.Meta { // keys the scan did not see (odd formatting) still get checked
		if _, seen := src.Keys[k]; !seen {
			if s, ok := types.SuggestKey(k); ok {
				d.errorf(k, "unknown key `%s`: did you mean `%s`?", k, s)
			}
		}
	}

	d.require("title", "")
	p.Title = d.str("title")
	if t, ok := src.Meta["title"]; ok && (t == nil || isBlank(t)) { // "title:" alone is nil
		d.errorf("title", "`title` is empty")
	}
	p.Summary = d.str("summary")
	src.Summary = p.Summary
	decodeTerms(p, d, tax, slugs)
	p.Authors = d.list("authors")
	p.TagNames = d.list("tags")
	p.TagSlugs = make([]string, len(p.TagNames))
	for i, name := range p.TagNames {
		p.TagSlugs[i] = slugs.Of(name)
	}
	p.Aliases = d.list("aliases")
	p.Draft = d.boolean("draft")
	p.Image = imageURL(d.str("image"))
	p.ImageAlt = d.str("image_alt")
	p.ImageCredit, p.ImageCaption = d.str("image_credit"), d.str("image_caption")
	if p.Image != "" && p.ImageAlt == "" {
		d.errorf("image", "`image` needs `image_alt`: a short description of the picture for people who cannot see it")
	}
	if s := d.str("slug"); s != "" {
		p.Slug = s
	}
	p.Date, _ = d.date("date", loc)
	p.Dated = !p.Date.IsZero()
	p.Updated, _ = d.date("updated", loc)
	p.Params = src.Meta

	typ, ok := types.Lookup(p.Type)
	if ok {
		for _, key := range typ.Required {
			d.require(key, typ.MissingText(key))
		}
		p.Scheduled = typ.Scheduled()
	}
	if p.Type == Event {
		decodeEvent(p, d, loc)
	}
	b := d // the built-in types' keys, which every page may give
	if ok && !typ.Builtin {
		decodeFields(p, typ, d, loc)
		b = d.without(typ.Keys) // a site type's own key may share a name with one, in another kind
	}
	p.Organisation = b.str("organisation")
	p.Place = b.str("place")
	p.Region = b.str("region")
	p.Website = b.url("website")
	p.Outcomes = b.list("outcomes")
	p.ReportTitle = b.str("report_title")
	p.ReportAuthor = b.str("report_author")
	p.ReportPublisher = b.str("report_publisher")
	p.ReportYear = b.integer("report_year")
	p.ReportURL = b.url("report_url")
}

// without returns a decoder that does not see keys: it reads and reports
// as d does, at the same positions.
func (d *decoder) without(keys []Key) *decoder {
	src := *d.src
	src.Meta = make(map[string]any, len(d.src.Meta))
	for k, v := range d.src.Meta {
		if !slices.ContainsFunc(keys, func(own Key) bool { return own.Name == k }) {
			src.Meta[k] = v
		}
	}
	vals := make(map[string][]string, len(d.termVals))
	for k, v := range d.termVals {
		if _, kept := src.Meta[k]; kept {
			vals[k] = v
		}
	}
	return &decoder{src: &src, dl: d.dl, loc: d.loc, termVals: vals}
}

func decodeEvent(p *Page, d *decoder, siteLoc *time.Location) {
	loc := siteLoc
	if tz := d.str("timezone"); tz != "" {
		l, err := time.LoadLocation(tz)
		if err != nil {
			d.errorf("timezone", "`timezone` %q is not a known time zone (e.g. Europe/London)", tz)
		} else {
			loc = l
		}
	}
	p.TimeZone = loc
	p.Start, p.AllDay = d.date("start", loc)
	p.End, _ = d.date("end", loc)
	if !p.Start.IsZero() && !p.End.IsZero() && p.End.Before(p.Start) {
		d.errorf("end", "`end` (%s) is before `start` (%s)", p.End.Format("2006-01-02 15:04"), p.Start.Format("2006-01-02 15:04"))
	}
	p.Location = d.str("location")
	p.Online = d.boolean("online")
	if !d.has("location") && !p.Online {
		d.dl.Add(diag.Pos{Line: d.src.FMLine, Col: 1}, "an event needs `location` (where it happens) or `online: true`")
	}
	p.RegistrationURL = d.url("registration_url")
	p.Organiser = d.str("organiser")
	p.Featured = d.list("featured")
	if p.Date.IsZero() {
		p.Date = p.Start
	}
}

// imageURL makes a relative image path root-relative, so it works from a
// page's nested URL: "images/bus.jpg" becomes "/images/bus.jpg".
func imageURL(s string) string {
	if s == "" || strings.HasPrefix(s, "/") || strings.Contains(s, "://") {
		return s
	}
	return "/" + strings.TrimPrefix(s, "./")
}

// isBlank reports whether v is text of nothing but spaces.
func isBlank(v any) bool {
	s, ok := v.(string)
	return ok && strings.TrimSpace(s) == ""
}
