package content

import (
	"fmt"
	"strings"
	"time"
)

// dateLayouts are the forms front matter dates may take. Layouts without a
// zone are read in the site's (or the event's) time zone.
var dateLayouts = []struct {
	layout   string
	dateOnly bool
	zoned    bool
}{
	{time.RFC3339, false, true},
	{"2006-01-02T15:04:05", false, false},
	{"2006-01-02 15:04:05", false, false},
	{"2006-01-02T15:04", false, false},
	{"2006-01-02 15:04", false, false},
	{"2006-01-02", true, false},
}

// ParseDate reads a front matter date string in loc.
func ParseDate(s string, loc *time.Location) (t time.Time, dateOnly bool, err error) {
	s = strings.TrimSpace(s)
	for _, l := range dateLayouts {
		if l.zoned {
			if t, err := time.Parse(l.layout, s); err == nil {
				return t, false, nil
			}
			continue
		}
		if t, err := time.ParseInLocation(l.layout, s, loc); err == nil {
			if t.Format(l.layout) != s { // Go moves a time in a spring-forward gap
				return time.Time{}, false, fmt.Errorf("%s does not exist in %s: the clocks go forward then; pick another time", s, loc)
			}
			return t, l.dateOnly, nil
		}
	}
	return time.Time{}, false, fmt.Errorf("%q is not a date: write 2025-04-14, 2025-04-14 18:30 or 2025-04-14T18:30:00+01:00", s)
}

// parseDateValue accepts what the front matter decoders produce: strings, and
// time.Time for YAML timestamps and TOML dates. TOML local dates and times
// carry a placeholder zone; they are wall-clock times in loc.
func parseDateValue(v any, loc *time.Location) (time.Time, bool, error) {
	switch v := v.(type) {
	case string:
		return ParseDate(v, loc)
	case time.Time:
		switch v.Location().String() {
		case "date-local":
			return time.Date(v.Year(), v.Month(), v.Day(), 0, 0, 0, 0, loc), true, nil
		case "datetime-local":
			return time.Date(v.Year(), v.Month(), v.Day(), v.Hour(), v.Minute(), v.Second(), 0, loc), false, nil
		}
		return v, false, nil
	}
	return time.Time{}, false, fmt.Errorf("%s is not a date: write 2025-04-14, 2025-04-14 18:30 or 2025-04-14T18:30:00+01:00", describeNumber(v))
}
