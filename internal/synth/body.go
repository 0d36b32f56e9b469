package synth

import (
	"bytes"
	"math/rand/v2"
	"path"
	"strconv"
	"strings"
)

// bodyWriter appends one page's markdown and keeps count of its words and
// of the links it still has to place.
type bodyWriter struct {
	g        *gen
	r        *rand.Rand
	self     int
	b        []byte
	words    int
	internal int // internal links still to place
	external int
}

// body writes 300 to 1,500 words: an introduction, then sections with
// paragraphs, lists, tables and quotes, and links to other generated files
// and to the web.
func (g *gen) body(b []byte, r *rand.Rand, self int) []byte {
	w := &bodyWriter{g: g, r: r, self: self, b: b, external: between(r, 1, 3)}
	if len(g.pages) > 1 {
		w.internal = between(r, 1, 5)
	}
	target := between(r, 300, 1500)
	w.paragraph()
	if r.IntN(2) == 0 {
		w.paragraph()
	}
	tables := 0
	for w.words < target {
		w.heading()
		for range between(r, 1, 3) {
			w.paragraph()
		}
		switch n := r.IntN(20); {
		case n < 7:
			w.bullets()
		case n < 10:
			w.steps()
		case n < 13 && tables < 2:
			w.table()
			tables++
		case n < 15:
			w.quote()
		}
		if r.IntN(3) == 0 {
			w.paragraph()
		}
	}
	if w.internal > 0 || w.external > 0 {
		w.furtherReading()
	}
	return w.b
}

func (w *bodyWriter) text(s string) {
	w.b = append(w.b, s...)
}

// say appends parts and counts the words they make.
func (w *bodyWriter) say(parts ...string) {
	start := len(w.b)
	for _, p := range parts {
		w.b = append(w.b, p...)
	}
	w.count(start)
}

// sentence appends a random sentence and counts its words.
func (w *bodyWriter) sentence() {
	start := len(w.b)
	w.b = sentence(w.r, w.b)
	w.count(start)
}

func (w *bodyWriter) count(start int) {
	w.words += bytes.Count(w.b[start:], []byte(" ")) + 1
}

func (w *bodyWriter) heading() {
	w.text("## ")
	w.say(pick(w.r, headings))
	w.text("\n\n")
}

func (w *bodyWriter) paragraph() {
	n := between(w.r, 3, 6)
	link := -1
	if w.internal+w.external > 0 && w.r.IntN(3) > 0 {
		link = w.r.IntN(n)
	}
	for s := range n {
		if s > 0 {
			w.text(" ")
		}
		if s == link {
			w.linkSentence()
			continue
		}
		w.sentence()
	}
	w.text("\n\n")
}

// linkSentence places one of the links still owed, internal ones first.
func (w *bodyWriter) linkSentence() {
	if w.internal > 0 {
		w.internal--
		j := w.r.IntN(len(w.g.pages) - 1)
		if j >= w.self {
			j++ // anything but the page itself
		}
		title, dest := w.g.pages[j].title, w.g.linkTo(w.r, w.self, j)
		switch w.r.IntN(4) {
		case 0:
			w.say("The approach echoes [", title, "](", dest, ").")
		case 1:
			w.say("[", title, "](", dest, ") tells a similar story.")
		case 2:
			w.say("For background, see [", title, "](", dest, ").")
		default:
			w.say(capitalise(pick(w.r, people)), " drew on [", title, "](", dest, ").")
		}
		return
	}
	w.external--
	pub := pick(w.r, publishers)
	url := "https://www." + slugify(pub) + ".org/" + slugify(pick(w.r, tagThemes)) + "/"
	switch w.r.IntN(3) {
	case 0:
		w.say("The [", pub, "](", url, ") has published useful guidance on this.")
	case 1:
		w.say("More detail is on the ", pub, " site at ", url, " for anyone who wants it.")
	default:
		w.say(capitalise(pick(w.r, people)), " found the [", pick(w.r, adjectives), " notes from ", pub, "](", url, ") helpful.")
	}
}

// linkTo returns a link from page from to page to, as an editor would write
// it: relative to from's folder, and now and then from the content root.
func (g *gen) linkTo(r *rand.Rand, from, to int) string {
	target := strings.TrimPrefix(g.pages[to].path, "content/")
	if r.IntN(10) == 0 {
		return "/" + target
	}
	fromDir := g.kinds[g.pages[from].kind].Dir
	if fromDir == "" {
		return target
	}
	if g.kinds[g.pages[to].kind].Dir == fromDir && r.IntN(2) == 0 {
		return path.Base(target)
	}
	return "../" + target
}

func (w *bodyWriter) bullets() {
	for range between(w.r, 3, 6) {
		w.text("- ")
		if w.r.IntN(3) == 0 {
			w.say("**", capitalise(pick(w.r, adjectives)), " ", pick(w.r, nouns), ".** ")
			w.sentence()
		} else {
			w.say(capitalise(pick(w.r, adjectives)), " ", pick(w.r, nouns), " ", pick(w.r, prepositions), ";")
		}
		w.text("\n")
	}
	w.text("\n")
}

func (w *bodyWriter) steps() {
	for i := range between(w.r, 3, 5) {
		w.text(strconv.Itoa(i+1) + ". ")
		w.say(capitalise(strings.TrimSuffix(pick(w.r, verbs), " to")), " the ", pick(w.r, nouns), " ", pick(w.r, prepositions), ".")
		w.text("\n")
	}
	w.text("\n")
}

func (w *bodyWriter) table() {
	col := capitalise(pick(w.r, nouns))
	w.say("| Year | ", col, " | ", capitalise(pick(w.r, people)), " involved |")
	w.text("\n| --- | ---: | ---: |\n")
	year := between(w.r, 2012, 2022)
	for i := range between(w.r, 3, 6) {
		w.say("| ", strconv.Itoa(year+i), " | ", strconv.Itoa(between(w.r, 3, 400)), " | ", strconv.Itoa(between(w.r, 5, 900)), " |")
		w.text("\n")
	}
	w.text("\n")
}

func (w *bodyWriter) quote() {
	w.text("> ")
	w.say(capitalise(pick(w.r, observations)), ".")
	w.text("\n\n")
}

// furtherReading places the links the paragraphs did not.
func (w *bodyWriter) furtherReading() {
	w.text("## Further reading\n\n")
	for w.internal > 0 || w.external > 0 {
		w.text("- ")
		w.linkSentence()
		w.text("\n")
	}
	w.text("\n")
}

var numberWords = []string{"two", "three", "four", "five", "six", "a dozen", "twenty", "forty"}

// sentence appends one sentence, ending in a full stop, to b.
func sentence(r *rand.Rand, b []byte) []byte {
	add := func(parts ...string) []byte {
		for _, p := range parts {
			b = append(b, p...)
		}
		return b
	}
	adjNoun := pick(r, adjectives) + " " + pick(r, nouns)
	if r.IntN(12) == 0 {
		adjNoun = "**" + adjNoun + "**"
	}
	switch r.IntN(8) {
	case 0:
		return add(capitalise(pick(r, people)), " ", pick(r, verbs), " ", adjNoun, " ", pick(r, prepositions), ".")
	case 1:
		return add(pick(r, connectives), ", ", pick(r, people), " ", pick(r, verbs), " the ", adjNoun, ".")
	case 2:
		return add(pick(r, connectives), ", it became clear that ", pick(r, observations), ".")
	case 3:
		return add(organisation(r), " ", pick(r, verbs), " ", adjNoun, " with ", pick(r, people), " ", pick(r, prepositions), ".")
	case 4:
		return add("What stood out was that ", pick(r, observations), ".")
	case 5:
		return add(person(r), " said that ", pick(r, observations), ".")
	case 6:
		return add("There were ", pick(r, numberWords), " ", adjNoun, " ", pick(r, prepositions), ", and ", pick(r, people), " ", pick(r, verbs), " them.")
	}
	return add("The ", adjNoun, " mattered because ", pick(r, people), " ", pick(r, verbs), " the ", pick(r, nouns), " ", pick(r, prepositions), ".")
}
