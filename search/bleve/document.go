package bleveengine

import (
	"fmt"
	"time"

	"github.com/ideas-hub/hub/search"
)

// checkDocument reports what makes d unindexable in an index of schema s:
// what search.Document.Check finds, and a date bleve cannot hold.
func checkDocument(d *search.Document, s search.Schema) error {
	if err := d.Check(s); err != nil {
		return err
	}
	if !d.Date.IsZero() && (d.Date.Year() < minYear || d.Date.Year() > maxYear) {
		return fmt.Errorf("%s: date %s is outside %d–%d", d.URL, d.Date.Format(search.DayLayout), minYear, maxYear)
	}
	return nil
}

// bleve keeps dates as int64 nanoseconds since 1970, so only these years fit.
const (
	minYear = 1678
	maxYear = 2261
)

// civilTime returns the wall-clock reading of t as if it were UTC. The index
// stores dates this way so that a page dated 2024-05-01 in the site's time zone
// is inside from=2024-05-01 whatever that zone's offset, while pages of one day
// still sort by their time.
func civilTime(t time.Time) time.Time {
	y, m, d := t.Date()
	h, mi, s := t.Clock()
	return time.Date(y, m, d, h, mi, s, t.Nanosecond(), time.UTC)
}
