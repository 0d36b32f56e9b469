package bleveengine

import (
	"slices"
	"strings"
	"testing"

	"github.com/ideas-hub/hub/internal/synth"
)

func TestSnippet(t *testing.T) {
	long := strings.Repeat("Volunteers drove people to appointments. ", 12) +
		"The night bus finally came back in March, and the timebank paid for the first month. " +
		strings.Repeat("Residents kept meeting in the hall. ", 12)
	tests := []struct {
		name    string
		q       string
		sources []string
		want    []string // substrings of the snippet
		not     []string // not in it
	}{
		{name: "marks stems", q: "timebanks", sources: []string{"Our timebanking scheme grew. The timebank had 40 members."},
			want: []string{"<mark>timebanking</mark>", "<mark>timebank</mark>"}},
		{name: "escapes markup and entities", q: "claims", sources: []string{`<b>bold</b> claims &amp; "quotes" <script>x</script>`},
			want: []string{"&lt;b&gt;bold&lt;/b&gt;", "&amp;amp;", "&#34;quotes&#34;", "&lt;script&gt;", "<mark>claims</mark>"},
			not:  []string{"<b>", "<script>"}},
		{name: "marks a word inside markup-like text", q: "script", sources: []string{"<script>alert(1)</script>"},
			want: []string{"&lt;<mark>script</mark>&gt;"}},
		{name: "case and possessive", q: "council", sources: []string{"The COUNCIL's plan and the Council's money."},
			want: []string{"<mark>COUNCIL&#39;s</mark>", "<mark>Council&#39;s</mark>"}},
		{name: "window around the words, ellipses at both ends", q: "night bus timebank", sources: []string{long},
			want: []string{"… ", "<mark>night</mark> <mark>bus</mark>", "<mark>timebank</mark>", " …"},
			not:  []string{"appointments. Volunteers drove people to appointments. Volunteers"}},
		{name: "falls back to the next source", q: "hospital", sources: []string{"Nothing here.", "A hospital route."},
			want: []string{"A <mark>hospital</mark> route."}},
		{name: "no match: start of the first source", q: "zebra", sources: []string{"", "First words of the summary."},
			want: []string{"First words of the summary."}, not: []string{"<mark>"}},
		{name: "no query: plain lead", q: "", sources: []string{long},
			want: []string{"Volunteers drove people", " …"}, not: []string{"<mark>", "… V"}},
		{name: "white space collapsed", q: "bus", sources: []string{"the  night\t bus"},
			want: []string{"the night <mark>bus</mark>"}},
		// A line break ends a block of the page: a heading ends with a full
		// stop rather than running into the paragraph under it.
		{name: "a heading ends before its paragraph", q: "trust", sources: []string{"How the time centre works\nThe trust took on the old hall."},
			want: []string{"How the time centre works. The <mark>trust</mark> took"}},
		{name: "a marked heading ends too", q: "outcomes", sources: []string{"Intro.\n\nOutcomes\n  Evening journeys for people without cars"},
			want: []string{"Intro. <mark>Outcomes</mark>. Evening journeys"}},
		{name: "a block that ends a sentence gets no second stop", q: "journeys", sources: []string{"It worked.\nWhy?”\nWe asked:\nJourneys rose;\nfares fell"},
			want: []string{"It worked. Why?” We asked: <mark>Journeys</mark> rose; fares fell"}, not: []string{".."}},
		{name: "a heading ending in a bracket", q: "trust", sources: []string{"Results (2024)\nThe trust"},
			want: []string{"Results (2024). The <mark>trust</mark>"}},
		{name: "non-ASCII text", q: "café", sources: []string{"Le café de Blaengarw, ouvert à tous. Café!"},
			want: []string{"<mark>café</mark>", "<mark>Café</mark>"}},
		{name: "keeps the start of the text when the match is near it", q: "timebank", sources: []string{"The Blaengarw timebank began in 2004. " + long},
			want: []string{"The Blaengarw <mark>timebank</mark> began"}, not: []string{"… The"}},
		{name: "no cut inside a word", q: "timebank", sources: []string{strings.Repeat("x", 300) + " the timebank " + strings.Repeat("abcdefghij", 40)},
			want: []string{"<mark>timebank</mark>"}, not: []string{"xxxx …"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := snippeterFor(tt.q).snippet(tt.sources...)
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("snippet %q lacks %q", got, w)
				}
			}
			for _, w := range tt.not {
				if strings.Contains(got, w) {
					t.Errorf("snippet %q has %q", got, w)
				}
			}
			if rest := strings.NewReplacer("<mark>", "", "</mark>", "").Replace(got); strings.ContainsAny(rest, "<>") {
				t.Errorf("snippet %q has markup besides <mark>", got)
			}
			if n := len([]rune(strings.NewReplacer("<mark>", "", "</mark>", "").Replace(got))); n > 2*snippetBytes {
				t.Errorf("snippet is %d characters long", n)
			}
		})
	}
}

func TestSnippetFuzzyMarks(t *testing.T) {
	p := plan{units: []unit{{words: []queryWord{{term: "timebnak", fuzziness: 2, alts: []alternative{{term: "timebank", distance: 1}}}}}}}
	s := newSnippeter(p.marks(&vocabulary{}))
	got := s.snippet("The Blaengarw timebank and a timetable.")
	if !strings.Contains(got, "<mark>timebank</mark>") || strings.Contains(got, "<mark>timetable") {
		t.Errorf("snippet %q", got)
	}
}

// The prefix search and the word-by-word scan must find the same words.
func TestSnippetPrefixSearchAgreesWithScan(t *testing.T) {
	g := synth.NewDocGen(7)
	for i := range 300 {
		text := g.Text(80)
		if i%3 == 0 {
			text = strings.ToUpper(text[:40]) + text[40:] + " people's councils' COMMUNITY-led o'community 'community' x'"
		}
		q := g.Word() + " " + g.Word()
		s := snippeterFor(q)
		if s.scan {
			continue
		}
		fast, slow := s.matches(text), s.matchesByScan([]byte(text), 0, len(text), nil)
		if !slices.Equal(fast, slow) {
			t.Fatalf("q %q in %q:\nprefix %v\n  scan %v", q, text, fast, slow)
		}
	}
}

// snippeterFor is the snippeter of q's words, one unit each, with no
// alternatives, synonyms or compounds.
func snippeterFor(q string) *snippeter {
	var p plan
	for _, w := range parseWords(q) {
		p.units = append(p.units, unit{words: []queryWord{w}})
	}
	return newSnippeter(p.marks(&vocabulary{}))
}

// mayMatch relies on Porter stemming keeping a stem's first letters (and
// on spellingVariants for the other spellings of a word:
// TestSnippetsMarkEitherSpelling).
func TestStemKeepsPrefix(t *testing.T) {
	words := append(strings.Fields(`happy happiness ponies relational conditional formality sensibility
		generalizations organization digitizer hopeful goodness activate allowance inference adjustable
		controlling rolling hopping filing agreed feed bled sized ized ability electrical triplicate
		communities community volunteering volunteers timebanking carers careers caring ceased
		yelling y ye yes you'll oed ies sky skies dying lying argued`), synth.NewDocGen(1).Vocabulary()...)
	for _, w := range words {
		lower := []byte(strings.ToLower(w))
		stem := string(stemWord(lower))
		keep := prefixKeep(stem)
		if len(stem) > len(lower) || !strings.HasPrefix(string(lower), stem[:min(keep, len(stem))]) {
			t.Errorf("stem %q of %q breaks the prefix rule", stem, w)
		}
	}
}
