package synth

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/ideas-hub/hub/search"
)

// DocGen generates realistic-looking search documents deterministically,
// for the search engine's benchmarks and tests: bodies of 300–1,500 words
// drawn from a Zipf distribution over a vocabulary of real words followed
// by a long tail of invented place and organisation names (so the term
// dictionary has a real hub's size, which fuzzy matching depends on), tags
// drawn Zipf-wise from 250, and the four typed sections.
//
// Its documents are not those of a hub that Write makes: the search
// benchmarks' figures, kept in the README and compared across sessions,
// were measured on these, and a change to what it generates makes new
// figures incomparable with old ones. Not safe for concurrent use.
type DocGen struct {
	rng   *rand.Rand
	types []string
	words []string
	tags  []string
	wordZ *rand.Zipf
	tagZ  *rand.Zipf
}

// docSeed is the seed of Documents.
const docSeed = 42

// Documents returns n synthetic documents; the same n always gives the
// same documents, and each is the one of that place in a larger set.
func Documents(n int) []search.Document {
	g := NewDocGen(docSeed)
	docs := make([]search.Document, n)
	for i := range docs {
		docs[i] = g.Doc(i)
	}
	return docs
}

// NewDocGen returns a generator; the same seed gives the same sequence of
// words, texts, tags and documents.
func NewDocGen(seed uint64) *DocGen {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	g := &DocGen{rng: rng}
	for _, k := range Kinds() {
		if k.Dir != "" { // the typed sections, not plain pages
			g.types = append(g.types, k.Type)
		}
	}
	g.words = append(g.words, docCommonWords...)
	syll := strings.Fields("bla en garw tre llan aber pen cwm nant bryn ash ford ton ley wick ham stow bury more dale mouth thorpe by sea gate kirk ross dun inver glen mor beck holm ing ton ster wood field marsh well")
	for len(g.words) < 12000 {
		n := 2 + rng.IntN(3)
		var b strings.Builder
		for range n {
			b.WriteString(syll[rng.IntN(len(syll))])
		}
		g.words = append(g.words, b.String())
	}
	topics := strings.Fields("co-production timebanking loneliness transport night-bus care-homes dementia food repair energy housing youth digital-inclusion libraries arts heritage employment mental-health carers rural coast")
	for len(g.tags) < 250 {
		t := topics[len(g.tags)%len(topics)]
		if len(g.tags) >= len(topics) {
			t = fmt.Sprintf("%s-%s", t, g.words[200+rng.IntN(300)])
		}
		g.tags = append(g.tags, t)
	}
	g.wordZ = rand.NewZipf(rng, 1.07, 4, uint64(len(g.words)-1))
	g.tagZ = rand.NewZipf(rng, 1.2, 2, uint64(len(g.tags)-1))
	return g
}

// Vocabulary returns every word Word may return: common English words,
// then invented names.
func (g *DocGen) Vocabulary() []string { return slices.Clone(g.words) }

// Word returns a word of the vocabulary, common words most often.
func (g *DocGen) Word() string { return g.words[g.wordZ.Uint64()] }

// Tag returns a tag slug, a few tags most often.
func (g *DocGen) Tag() string { return g.tags[g.tagZ.Uint64()] }

func (g *DocGen) sentence(n int) string {
	var b strings.Builder
	for i := range n {
		w := g.Word()
		if i == 0 {
			w = strings.ToUpper(w[:1]) + w[1:]
		} else {
			b.WriteByte(' ')
		}
		b.WriteString(w)
	}
	b.WriteByte('.')
	return b.String()
}

// Text returns sentences of 8 to 21 words, words in all.
func (g *DocGen) Text(words int) string {
	var parts []string
	for words > 0 {
		n := min(words, 8+g.rng.IntN(14))
		parts = append(parts, g.sentence(n))
		words -= n
	}
	return strings.Join(parts, " ")
}

// Doc returns the next document, numbered i in its URL; one in fifty is
// undated.
func (g *DocGen) Doc(i int) search.Document {
	typ := g.types[g.rng.IntN(len(g.types))]
	d := search.Document{
		URL:     fmt.Sprintf("/%ss/page-%05d/", typ, i),
		Title:   strings.TrimSuffix(g.sentence(3+g.rng.IntN(6)), "."),
		Summary: g.Text(15 + g.rng.IntN(25)),
		Body:    g.Text(300 + g.rng.IntN(1201)),
		Type:    typ,
		Authors: []string{g.Word() + " " + g.Word()},
		Extra:   []string{g.Word() + " " + g.Word(), g.Word()},
	}
	if i%50 != 0 {
		d.Date = time.Date(2012, 1, 1, 9, 0, 0, 0, time.UTC).Add(time.Duration(g.rng.IntN(14*365*24)) * time.Hour)
	}
	seen := map[string]bool{}
	for range 1 + g.rng.IntN(5) {
		t := g.Tag()
		if !seen[t] {
			seen[t] = true
			d.Tags = append(d.Tags, t)
		}
	}
	return d
}

// docCommonWords are the head of DocGen's vocabulary, roughly in order of use.
var docCommonWords = strings.Fields(`
the of and to in a is that for it as was with be by on not he this are or his from at which
but have an they you were her she there been one all we their has would when if so no what
community people local support care service project group work council health volunteers
young older residents social housing time bank timebank timebanking neighbourhood village
town city network programme funding grant charity trust partnership co-production coproduction
wellbeing loneliness isolation transport bus night route travel rural urban school children
families parents carers carer home homes hospital patients nurses doctors clinic mental advice
library libraries food pantry garden allotment repair cafe energy climate green recycling
training skills employment jobs apprenticeship enterprise cooperative mutual credit union
digital inclusion online broadband phone tablets learning adult education youth club sports
arts music theatre festival heritage museum history walking cycling park river coast island
valley hill mining steel farming fishing market high street shop pub church hall centre
report review evaluation evidence outcomes impact survey data research study findings lessons
practice good ideas case story event workshop conference meeting launch webinar session
organisation organisations partners members board staff manager coordinator director officer
public private sector government policy strategy plan budget spending cuts investment
accessible disabled disability dementia autism refugees migrants language welsh gaelic
hours exchange skills swap lift shopping befriending visits calls meals laundry gardening
together trust confidence belonging pride shared helped started grew became began continued
first last new old small large many few more most each every other same different early
year years month week day morning evening weekend summer winter spring autumn decade
today tomorrow yesterday recently already still again also only just even very really
make made take took give gave find found show showed keep kept build built run ran
help helps helping helped need needs needed want wanted use used using start starting
across between through during before after around within without against toward among`)
