package bleveengine

import (
	"slices"
	"time"

	"github.com/ideas-hub/hub/search"
)

// filter is a Request's filters compiled against the columns.
type filter struct {
	types    []bool       // by index in the schema's Types; nil = any type
	terms    []termFilter // by index in the schema's Taxonomies
	none     bool         // a taxonomy's filter names only unknown terms: nothing matches
	from, to int64        // inclusive bounds on columns.date; to < from matches nothing
	dated    bool         // a date bound is set (undated pages fail it)
}

// termFilter is one taxonomy's filter: any of its terms matches.
type termFilter struct {
	ids []uint16 // nil = any term, or none
}

func compileFilter(c *columns, s *search.Schema, r *search.Request) filter {
	f := filter{from: math64Min, to: math64Max, terms: make([]termFilter, len(c.taxa))}
	if len(r.Types) > 0 {
		f.types = make([]bool, len(s.Types))
		for _, t := range r.Types {
			if i := slices.Index(s.Types, t); i >= 0 {
				f.types[i] = true
			}
		}
	}
	for j, t := range s.Taxonomies {
		wanted := r.Terms[t.Name]
		if t.Name == search.TagsName {
			wanted = r.Tags
		}
		if len(wanted) == 0 {
			continue
		}
		ids := []uint16{}
		for _, slug := range wanted {
			if id, ok := c.taxa[j].id[slug]; ok {
				ids = append(ids, id)
			}
		}
		f.terms[j].ids = ids
		f.none = f.none || len(ids) == 0
	}
	if !r.From.IsZero() {
		f.dated = true
		f.from = clampNanos(r.From)
	}
	if !r.To.IsZero() {
		f.dated = true
		f.to = clampNanos(r.To.AddDate(0, 0, 1)) - 1 // the whole of the last day
	}
	return f
}

const (
	math64Min = -1 << 63
	math64Max = 1<<63 - 1
)

// clampNanos returns t in Unix nanoseconds, clamped to what int64 holds.
// Request dates are calendar days, compared with civil times (see civilTime).
func clampNanos(t time.Time) int64 {
	switch {
	case t.Year() < minYear:
		return math64Min + 1 // above noDate
	case t.Year() > maxYear:
		return math64Max
	}
	return t.UnixNano()
}

func (f *filter) typeOK(typ uint8) bool { return f.types == nil || f.types[typ] }

func (t *termFilter) ok(terms []uint16) bool {
	if t.ids == nil {
		return true
	}
	for _, id := range terms {
		if slices.Contains(t.ids, id) {
			return true
		}
	}
	return false
}

func (f *filter) dateOK(d int64) bool {
	if !f.dated {
		return true
	}
	return d != noDate && d >= f.from && d <= f.to
}
