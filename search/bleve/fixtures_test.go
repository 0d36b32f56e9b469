package bleveengine

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/ideas-hub/hub/search"
)

func day(s string) time.Time {
	t, err := time.Parse(search.DayLayout, s)
	if err != nil {
		panic(err)
	}
	return t
}

// fixtureDocs is a small, realistic hub. The tests below rely on what each
// page says; change them together.
func fixtureDocs() []search.Document {
	bst := time.FixedZone("BST", 3600)
	return []search.Document{
		{
			URL:     "/case-studies/blaengarw-timebank/",
			Title:   "Blaengarw Timebank: trading hours in a former mining village",
			Summary: "How a valley village turned an hour of help into a currency everyone holds.",
			Body: "The Blaengarw timebank began in 2004 in the workmen's hall. Members give an hour and get an hour back: " +
				"lifts to the surgery, shopping, gardening and fixing fences. The creative centre keeps the ledger. " +
				"Residents say the timebank rebuilt trust after the pit closed, and the council now co-produces its youth work with members.",
			Type:    "case-study",
			Tags:    []string{"timebanking", "co-production", "wales"},
			Date:    time.Date(2024, 5, 1, 23, 30, 0, 0, bst), // late evening: still 1 May on the site's clock
			Authors: []string{"Ceri Evans"},
			Extra:   []string{"Awel Aman Tawe", "Blaengarw", "Bridgend"},
		},
		{
			URL:     "/stories/night-bus-to-the-ward/",
			Title:   "The night bus that gets carers home",
			Summary: "Hospital staff and family carers on a late-night route the council nearly cut.",
			Body: "Mary finishes on the ward at eleven. Before the service she waited an hour for a taxi. " +
				"Now a minibus run by volunteers leaves the hospital at quarter past and drops carers across the estate.",
			Type: "story",
			Tags: []string{"transport", "carers"},
			Date: day("2023-11-10"),
		},
		{
			URL:     "/stories/late-shift-transport/",
			Title:   "Getting home from the late shift",
			Summary: "What shift workers told us about travel after dark.",
			Body: "Every group mentioned the night bus. The night bus is cheap, the night bus is safe, " +
				"and when the night bus stopped running people lost jobs. A night bus every hour would change lives.",
			Type: "story",
			Tags: []string{"transport", "employment"},
			Date: day("2022-02-14"),
		},
		{
			URL:     "/case-studies/care-home-gardens/",
			Title:   "Gardens for care homes",
			Summary: "Residents with dementia grow food with volunteers from the village.",
			Body: "The care home opened its garden to the allotment society. Residents plant, water and pick; " +
				"families join at weekends. Staff report calmer afternoons.",
			Type:    "case-study",
			Tags:    []string{"care-homes", "dementia", "gardening"},
			Date:    day("2022-06-15"),
			Authors: []string{"Priya Shah"},
			Extra:   []string{"Green Fingers Trust", "Leeds", "Yorkshire"},
		},
		{
			URL:     "/report-reviews/valuing-timebanking/",
			Title:   "Review: the value of timebanking in health and social care",
			Summary: "A careful evaluation of six timebanks and what they save the health service.",
			Body: "The report follows six timebanks over three years and counts hours exchanged, GP visits and " +
				"loneliness scores. Its cost model is generous but the interviews are the best part.",
			Type:    "report-review",
			Tags:    []string{"timebanking", "health"},
			Date:    day("2021-03-01"),
			Authors: []string{"Tom Reid"},
			Extra:   []string{"The value of time", "New Economics Foundation", "NEF"},
		},
		{
			URL:     "/events/timebank-gathering-2025/",
			Title:   "Timebank gathering in Cardiff",
			Summary: "A day of workshops for timebank brokers and members.",
			Body:    "Bring your ledger stories. Sessions on recruiting members, insurance, and working with councils.",
			Type:    "event",
			Tags:    []string{"timebanking", "wales", "co-production"},
			Date:    time.Date(2025, 9, 20, 10, 0, 0, 0, bst),
			Extra:   []string{"Timebanking Wales", "Cardiff"},
		},
		{
			URL:     "/stories/repair-cafe-lessons/",
			Title:   "What the repair cafe taught us",
			Summary: "Fixing toasters <b>and</b> friendships.",
			Body:    "We learnt that <b>bold</b> claims &amp; big promises don't fix a single kettle at the repair cafe.",
			Type:    "story",
			Tags:    []string{"repair", "co-production"},
			Date:    day("2024-08-03"),
		},
		{
			URL:     "/stories/young-careers-fair/",
			Title:   "A careers fair run by young people",
			Summary: "Sixth formers booked the employers and ran the stalls.",
			Body:    "The careers fair drew forty employers to the school hall.",
			Type:    "story",
			Tags:    []string{"youth", "employment"},
			Date:    day("2024-03-12"),
		},
		{
			URL:     "/about/",
			Title:   "About the hub",
			Summary: "Good practice ideas from community projects, gathered in one place.",
			Body:    "The hub collects case studies, report reviews, events and stories about co-production.",
			Type:    "page",
		},
	}
}

// fixtureIndex builds the fixtures into a temporary folder and opens them.
func fixtureIndex(t testing.TB) *Index {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "index")
	if err := Build(context.Background(), dir, "fixture-1", search.DefaultSchema(), fixtureDocs()); err != nil {
		t.Fatal(err)
	}
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

// fixtureServer serves the endpoint over the fixture index.
func fixtureServer(t testing.TB, opts search.HandlerOptions) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(search.NewHandler(search.NewHolder(fixtureIndex(t)), opts))
	t.Cleanup(srv.Close)
	return srv
}

func httptestServer(t testing.TB, h http.Handler) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}
