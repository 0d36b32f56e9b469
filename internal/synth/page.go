package synth

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"time"
)

// pick returns a random element of list.
func pick[T any](r *rand.Rand, list []T) T { return list[r.IntN(len(list))] }

// between returns a random int in [lo, hi].
func between(r *rand.Rand, lo, hi int) int { return lo + r.IntN(hi-lo+1) }

func capitalise(s string) string {
	if s != "" && s[0] >= 'a' && s[0] <= 'z' {
		return string(s[0]-'a'+'A') + s[1:]
	}
	return s
}

func person(r *rand.Rand) string { return pick(r, firstNames) + " " + pick(r, lastNames) }

func organisation(r *rand.Rand) string { return pick(r, places) + " " + pick(r, orgKinds) }

func reportTitle(r *rand.Rand) string {
	switch r.IntN(4) {
	case 0:
		return "The Art of " + capitalise(pick(r, adjectives)) + " " + capitalise(pick(r, nouns))
	case 1:
		return capitalise(pick(r, tagThemes)) + ": " + capitalise(pick(r, adjectives)) + " " + pick(r, nouns) + " for " + pick(r, people)
	case 2:
		return "Counting " + capitalise(pick(r, nouns)) + " in " + capitalise(pick(r, tagThemes))
	}
	return "Beyond " + capitalise(pick(r, nouns)) + ": a Guide to " + capitalise(pick(r, tagThemes))
}

// makeTitle returns a title for a page of type typ. Report review titles
// carry the report's title after "Review: ", where the page reads it back.
func makeTitle(r *rand.Rand, typ string) string {
	switch typ {
	case "case-study":
		switch r.IntN(3) {
		case 0:
			return pick(r, places) + ": " + pick(r, adjectives) + " " + pick(r, nouns) + " and " + pick(r, tagThemes)
		case 1:
			return "How " + pick(r, places) + " " + pick(r, verbs) + " its " + pick(r, nouns)
		}
		return organisation(r) + " and " + pick(r, tagThemes)
	case "report-review":
		return reviewPrefix + reportTitle(r)
	case "event":
		switch r.IntN(3) {
		case 0:
			return capitalise(pick(r, tagThemes)) + " gathering in " + pick(r, places)
		case 1:
			return "Workshop: " + pick(r, adjectives) + " " + pick(r, nouns) + " in " + pick(r, tagThemes)
		}
		return pick(r, places) + " " + pick(r, tagThemes) + " roadshow"
	case "story":
		return pick(r, titleHeads) + " " + pick(r, adjectives) + " " + pick(r, nouns) + " " + pick(r, prepositions)
	}
	return "A guide to " + pick(r, tagThemes) + " and " + pick(r, tagThemes)
}

const reviewPrefix = "Review: "

// page appends the content file of page i to b.
func (g *gen) page(i int, b []byte) []byte {
	r := g.rand(2, i)
	pl := g.pages[i]
	k := g.kinds[pl.kind]
	b = append(b, "---\n"...)
	b = yamlString(b, "title", pl.title)
	now := g.opts.Now.In(london)
	switch k.Type {
	case "case-study", "report-review", "story":
		// Dated up to eight years before now, and never after it: a
		// future-dated page would not be published, and links to it would
		// be errors.
		d := now.AddDate(0, 0, -between(r, 1, 8*365))
		b = yamlRaw(b, "date", d.Format("2006-01-02"))
		if r.IntN(8) == 0 {
			b = yamlRaw(b, "updated", d.AddDate(0, 0, between(r, 0, max(0, int(now.Sub(d).Hours()/24)-1))).Format("2006-01-02"))
		}
	}
	if r.IntN(2) == 0 {
		summary := sentence(r, nil)
		b = yamlString(b, "summary", strings.ReplaceAll(string(summary), "**", ""))
	}
	b = g.tagsLine(b, r)
	if k.Type != "page" && k.Type != "event" {
		b = yamlList(b, "authors", g.authorList(r))
	}
	if r.IntN(25) == 0 {
		b = yamlList(b, "aliases", []string{"/archive/" + strconv.Itoa(2000+i) + "/"})
	}
	b = g.typeKeys(b, r, k.Type, pl.title, now)
	b = append(b, "---\n\n"...)
	b = g.body(b, r, i)
	return b
}

var london = func() *time.Location {
	loc, err := time.LoadLocation(TimeZone)
	if err != nil {
		panic("synth: no time zone data for " + TimeZone + ": " + err.Error())
	}
	return loc
}()

// tagsLine writes 2 to 6 distinct tags, Zipf-distributed over the
// vocabulary. Now and then a tag is spelled with a capital, as editors do;
// the generator merges spellings by slug.
func (g *gen) tagsLine(b []byte, r *rand.Rand) []byte {
	z := rand.NewZipf(r, 1.1, 1, uint64(len(g.tags)-1))
	n := between(r, min(2, len(g.tags)), min(6, len(g.tags)))
	var chosen []int
	for tries := 0; len(chosen) < n && tries < 50; tries++ {
		t := int(z.Uint64())
		dup := false
		for _, c := range chosen {
			dup = dup || c == t
		}
		if !dup {
			chosen = append(chosen, t)
		}
	}
	tags := make([]string, len(chosen))
	for j, t := range chosen {
		tags[j] = g.tags[t]
		if r.IntN(10) == 0 {
			tags[j] = capitalise(tags[j])
		}
	}
	return yamlList(b, "tags", tags)
}

func (g *gen) typeKeys(b []byte, r *rand.Rand, typ, title string, now time.Time) []byte {
	switch typ {
	case "case-study":
		org := zipfPick(r, g.orgs)
		b = yamlString(b, "organisation", org)
		b = yamlString(b, "place", pick(r, places))
		b = yamlString(b, "region", zipfPick(r, g.regions))
		if r.IntN(2) == 0 {
			b = yamlString(b, "website", "https://www."+slugify(org)+".org.uk/")
		}
		outcomes := make([]string, between(r, 2, 5))
		for j := range outcomes {
			outcomes[j] = pick(r, outcomeVerbs) + " " + pick(r, adjectives) + " " + pick(r, nouns)
		}
		b = yamlList(b, "outcomes", outcomes)
	case "report-review":
		b = yamlString(b, "report_title", strings.TrimPrefix(title, reviewPrefix))
		b = yamlString(b, "report_author", person(r))
		pub := pick(r, publishers)
		b = yamlString(b, "report_publisher", pub)
		b = yamlRaw(b, "report_year", strconv.Itoa(between(r, 1995, now.Year()-1)))
		if r.IntN(2) == 0 {
			b = yamlString(b, "report_url", "https://www."+slugify(pub)+".org/reports/"+slugify(title)+".pdf")
		}
	case "event":
		b = g.eventKeys(b, r, now)
	}
	return b
}

// eventKeys writes an event from about three years before now to a year
// after it, in the daytime (never in a daylight-saving gap).
func (g *gen) eventKeys(b []byte, r *rand.Rand, now time.Time) []byte {
	day := now.AddDate(0, 0, between(r, -3*365, 365))
	if r.IntN(6) == 0 { // an all-day event, sometimes over several days
		start := day.Format("2006-01-02")
		b = yamlRaw(b, "start", start)
		if n := r.IntN(3); n > 0 {
			b = yamlRaw(b, "end", day.AddDate(0, 0, n).Format("2006-01-02"))
		}
	} else {
		start := time.Date(day.Year(), day.Month(), day.Day(), between(r, 9, 18), 30*r.IntN(2), 0, 0, london)
		b = yamlRaw(b, "start", start.Format("2006-01-02 15:04"))
		b = yamlRaw(b, "end", start.Add(time.Duration(between(r, 2, 12))*30*time.Minute).Format("2006-01-02 15:04"))
	}
	switch r.IntN(20) {
	case 0, 1, 2, 3, 4: // online only: in no region
		b = yamlRaw(b, "online", "true")
	case 5, 6, 7: // hybrid
		b = yamlString(b, "location", pick(r, places)+" "+pick(r, venues))
		b = yamlRaw(b, "online", "true")
		b = yamlString(b, "region", zipfPick(r, g.regions))
	default:
		b = yamlString(b, "location", pick(r, places)+" "+pick(r, venues))
		b = yamlString(b, "region", zipfPick(r, g.regions))
	}
	org := zipfPick(r, g.orgs)
	b = yamlString(b, "organiser", org)
	b = yamlString(b, "registration_url", "https://tickets.example.org/"+slugify(org)+"/"+strconv.Itoa(r.IntN(1e6)))
	if r.IntN(3) == 0 {
		b = yamlList(b, "featured", distinct(r, g.orgs, 2))
	}
	return b
}

// yamlString writes key: "value". Vocabulary text has no characters that
// need escaping in a YAML double-quoted string beyond what Quote does.
func yamlString(b []byte, key, value string) []byte {
	b = append(b, key...)
	b = append(b, ": "...)
	b = strconv.AppendQuote(b, value)
	return append(b, '\n')
}

func yamlRaw(b []byte, key, value string) []byte {
	b = append(b, key...)
	b = append(b, ": "...)
	b = append(b, value...)
	return append(b, '\n')
}

// yamlList writes a flow list: key: ["a", "b"].
func yamlList(b []byte, key string, values []string) []byte {
	b = append(b, key...)
	b = append(b, ": ["...)
	for j, v := range values {
		if j > 0 {
			b = append(b, ", "...)
		}
		b = strconv.AppendQuote(b, v)
	}
	return append(b, "]\n"...)
}
