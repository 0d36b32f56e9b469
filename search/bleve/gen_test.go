package bleveengine

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/ideas-hub/hub/search"
)

// corpusGen generates realistic-looking hub pages deterministically, for the
// benchmarks and the load check: bodies of 300–1,500 words drawn from a Zipf
// distribution over a vocabulary of real words followed by a long tail of
// invented place and organisation names, tags drawn Zipf-wise from 250, and
// four page types.
type corpusGen struct {
	rng   *rand.Rand
	words []string
	tags  []string
	wordZ *rand.Zipf
	tagZ  *rand.Zipf
}

// genCommonWords are the head of the vocabulary, roughly in order of use.
var genCommonWords = strings.Fields(`
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

func newCorpusGen(seed uint64) *corpusGen {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	g := &corpusGen{rng: rng}
	g.words = append(g.words, genCommonWords...)
	// A long tail of invented names (places, organisations, surnames) gives
	// the term dictionary a realistic size for fuzzy matching.
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

func (g *corpusGen) word() string { return g.words[g.wordZ.Uint64()] }

func (g *corpusGen) sentence(n int) string {
	var b strings.Builder
	for i := range n {
		w := g.word()
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

func (g *corpusGen) text(words int) string {
	var parts []string
	for words > 0 {
		n := min(words, 8+g.rng.IntN(14))
		parts = append(parts, g.sentence(n))
		words -= n
	}
	return strings.Join(parts, " ")
}

// doc returns the i-th synthetic page.
func (g *corpusGen) doc(i int) search.Document {
	types := []string{"case-study", "report-review", "event", "story"}
	typ := types[g.rng.IntN(len(types))]
	d := search.Document{
		URL:     fmt.Sprintf("/%ss/page-%05d/", typ, i),
		Title:   strings.TrimSuffix(g.sentence(3+g.rng.IntN(6)), "."),
		Summary: g.text(15 + g.rng.IntN(25)),
		Body:    g.text(300 + g.rng.IntN(1201)),
		Type:    typ,
		Authors: []string{g.word() + " " + g.word()},
		Extra:   []string{g.word() + " " + g.word(), g.word()},
	}
	if i%50 != 0 { // a few undated pages
		d.Date = time.Date(2012, 1, 1, 9, 0, 0, 0, time.UTC).Add(time.Duration(g.rng.IntN(14*365*24)) * time.Hour)
	}
	seen := map[string]bool{}
	for range 1 + g.rng.IntN(5) {
		t := g.tags[g.tagZ.Uint64()]
		if !seen[t] {
			seen[t] = true
			d.Tags = append(d.Tags, t)
		}
	}
	return d
}

// genDocs returns n synthetic pages; the same n always gives the same pages.
func genDocs(n int) []search.Document {
	g := newCorpusGen(42)
	docs := make([]search.Document, n)
	for i := range docs {
		docs[i] = g.doc(i)
	}
	return docs
}
