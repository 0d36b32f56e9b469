package content

import (
	"strconv"
	"strings"
	"time"
)

// Field is the value of one of a site-defined type's own keys on a page,
// typed by the key's kind. The built-in types keep theirs in the page's
// own fields (Organisation, Start, …); a type hub.toml declares has no
// such fields, so its values live here, in the order the type declares
// its keys, which is the order its "at a glance" box shows them.
type Field struct {
	Name string
	Kind Kind
	Text string    // text and url
	List []string  // list
	Time time.Time // date
	// DateOnly marks a date written without a time of day.
	DateOnly bool
	Number   float64 // number, and year as a whole number
	Bool     bool
}

// Value is the field's value as its kind holds it: string, []string,
// time.Time, int (year), float64 (number) or bool.
func (f *Field) Value() any {
	switch f.Kind {
	case KindList:
		return f.List
	case KindDate:
		return f.Time
	case KindYear:
		return int(f.Number)
	case KindNumber:
		return f.Number
	case KindBool:
		return f.Bool
	}
	return f.Text
}

// empty reports a value that says nothing: blank text, an empty list, or
// one the decoder could not read (and reported).
func (f *Field) empty() bool {
	switch f.Kind {
	case KindText, KindURL:
		return f.Text == ""
	case KindList:
		return len(f.List) == 0
	case KindDate:
		return f.Time.IsZero()
	}
	return false
}

// NumberText writes a number or year as an editor wrote it: 2024, 12.5.
func (f *Field) NumberText() string { return strconv.FormatFloat(f.Number, 'f', -1, 64) }

// Field returns the page's value of a site-defined type's own key, or nil
// when the page does not give it (and for a built-in type's keys). A
// layout writes {{with .Page.Field "publisher"}}{{.Text}}{{end}}.
func (p *Page) Field(name string) *Field {
	for i := range p.Fields {
		if p.Fields[i].Name == name {
			return &p.Fields[i]
		}
	}
	return nil
}

// decodeFields reads the own keys of a site-defined type into p.Fields,
// each by its kind, with the messages the built-in keys get. A type with
// a `start` date is scheduled: its pages are dated, listed and published
// by it as events are, and `end` (when it too is a date) closes it.
func decodeFields(p *Page, typ *Type, d *decoder, loc *time.Location) {
	for _, k := range typ.Keys {
		v, ok := d.src.Meta[k.Name]
		if !ok || v == nil {
			continue
		}
		if s, ok := v.(string); ok && strings.HasPrefix(strings.TrimSpace(s), PlaceholderPrefix) {
			d.placeholder(k.Name, s) // whatever the kind: say what to do, not that it is malformed
			continue
		}
		f := Field{Name: k.Name, Kind: k.Kind}
		switch k.Kind {
		case KindText:
			f.Text = d.str(k.Name)
		case KindURL:
			f.Text = d.url(k.Name)
		case KindList:
			f.List = d.list(k.Name)
		case KindDate:
			f.Time, f.DateOnly = d.date(k.Name, loc)
		case KindYear:
			f.Number = float64(d.integer(k.Name))
		case KindNumber:
			f.Number = d.number(k.Name)
		case KindBool:
			f.Bool = d.boolean(k.Name)
		}
		if !f.empty() {
			p.Fields = append(p.Fields, f)
		}
	}
	if !p.Scheduled {
		return
	}
	p.TimeZone = loc
	if f := p.Field("start"); f != nil {
		p.Start, p.AllDay = f.Time, f.DateOnly
	}
	if f := p.Field("end"); f != nil && f.Kind == KindDate {
		p.End = f.Time
		if !p.Start.IsZero() && !p.End.IsZero() && p.End.Before(p.Start) {
			d.errorf("end", "`end` (%s) is before `start` (%s)", p.End.Format("2006-01-02 15:04"), p.Start.Format("2006-01-02 15:04"))
		}
	}
	if f := p.Field("location"); f != nil && f.Kind == KindText {
		p.Location = f.Text // the calendar's LOCATION
	}
	if p.Date.IsZero() {
		p.Date = p.Start
	}
}

// number reads a key of kind number: an integer or a decimal, or text
// that is one.
func (d *decoder) number(key string) float64 {
	v, ok := d.src.Meta[key]
	if !ok || v == nil {
		return 0
	}
	switch v := v.(type) {
	case int:
		return float64(v)
	case int64:
		return float64(v)
	case uint64:
		return float64(v)
	case float64:
		return v
	case string:
		if n, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil {
			return n
		}
	}
	d.errorf(key, "`%s` must be a number, e.g. %s: 12 or %s: 2.5, not %s", key, key, key, describe(v))
	return 0
}
