package i18n

import (
	"strconv"
	"time"
)

// DatePlaces are the places a date message may have: the weekday and
// month by name (date.weekdays, date.months), the day of the month, the
// year, and the hour (00-23) and minute of the clock.
func DatePlaces() []string { return []string{"weekday", "day", "month", "year", "hour", "minute"} }

// Date writes t as the date message key lays it out ("date.long" in
// English: "{day} {month} {year}", "4 February 2025"), in t's own zone:
// put it in the site's first. Require key with DatePlaces.
func (c *Catalog) Date(key string, t time.Time) (string, error) {
	m := c.msgs[key]
	if m == nil {
		_, _, err := c.text(key, nil)
		return "", err
	}
	return c.format(m, key, func(name string) (any, bool) {
		switch name {
		case "weekday":
			return c.weekdays[t.Weekday()], true
		case "day":
			return t.Day(), true
		case "month":
			return c.months[t.Month()-1], true
		case "year":
			return pad(t.Year(), 4), true
		case "hour":
			return pad(t.Hour(), 2), true
		case "minute":
			return pad(t.Minute(), 2), true
		}
		return nil, false
	})
}

// pad writes n with at least width digits, as time.Format's "2006" and
// "15:04" do.
func pad(n, width int) string {
	s := strconv.Itoa(n)
	for len(s) < width && n >= 0 {
		s = "0" + s
	}
	return s
}
