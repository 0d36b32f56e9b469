// Command spellgen converts VarCon's varcon.txt into the list of British
// and American spellings the search analysis treats as one word
// (search/bleve/data/spellings.txt). See search/bleve/data/README.md
// for where varcon.txt comes from.
//
//	go run ./search/bleve/internal/spellgen varcon.txt > search/bleve/data/spellings.txt
//
// Each line of varcon.txt maps the spellings of one word, tagged by where
// they are used: "A Cv: behavior / B C D: behaviour". The British ("B")
// spelling of a line is its canonical form; every other spelling on the
// line that a dictionary accepts (tags A, B, Z, C or D, preferred or a
// variant marked "." "v" or "V"; not "-", possible, nor "x", improper) is
// one word with it. Possessives and words with spaces, dots or hyphens are
// left out: the analysis strips the one and splits the others.
//
// Some American spellings are also British words of another meaning:
// "check" (verify) beside "cheque" (bank), "draft" (writing) beside
// "draught" (air), "tire" (exhausted) beside "tyre". VarCon marks these
// senses with a note after "|". A spelling that is British on one line is
// joined to the British spelling of another line only when no line names
// a sense of either (a note of parts of speech alone, "<N>" or "<V>", is not a
// sense: "practice" and "practise", "licence" and "license" are one word
// to a reader searching). The output has one group a line, the canonical
// spelling first.
package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: spellgen varcon.txt > spellings.txt")
		os.Exit(2)
	}
	f, err := os.Open(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "spellgen:", err)
		os.Exit(1)
	}
	defer f.Close()
	groups, err := convert(f)
	if err != nil {
		fmt.Fprintln(os.Stderr, "spellgen:", err)
		os.Exit(1)
	}
	w := bufio.NewWriter(os.Stdout)
	fmt.Fprintln(w, "# British and American spellings of one word, the canonical (British) one first.")
	fmt.Fprintln(w, "# Converted from VarCon by search/bleve/internal/spellgen: see README.md. Do not edit.")
	for _, g := range groups {
		fmt.Fprintln(w, strings.Join(g, " "))
	}
	if err := w.Flush(); err != nil {
		fmt.Fprintln(os.Stderr, "spellgen:", err)
		os.Exit(1)
	}
}

// line is one mapping line of varcon.txt.
type line struct {
	british string   // the line's preferred British spelling
	others  []string // its other accepted spellings
	sense   bool     // the note names a sense, not only parts of speech
}

// maxLevel is the rarest SCOWL level whose words are kept. VarCon grades
// each entry from 10 (the commonest words) to 95; SCOWL's own large
// dictionary stops at 70. The rarer entries add nothing a reader types and
// can collide with names: "eric" is a level-80 spelling of "aeric".
const maxLevel = 70

// convert reads varcon.txt and returns the groups of spellings, each with
// its canonical spelling first, sorted.
func convert(r io.Reader) ([][]string, error) {
	var lines []line
	sc := bufio.NewScanner(r)
	n, level := 0, 0
	for sc.Scan() {
		n++
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "##") {
			continue
		}
		if strings.HasPrefix(text, "#") {
			// An entry's header: "# behavior <verified> (level 10)".
			if _, after, ok := strings.Cut(text, "(level "); ok {
				level, _ = strconv.Atoi(strings.TrimSuffix(after, ")"))
			}
			continue
		}
		if level > maxLevel {
			continue
		}
		l, err := parseLine(text)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		if l.british != "" {
			lines = append(lines, l)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	return group(lines), nil
}

// parseLine parses "TAGS: word / TAGS: word | note". A line with no
// preferred British spelling has l.british "". A line with that spelling
// alone ("A B: check | <N> verify") still counts: it says the spelling is
// British in the sense it names.
func parseLine(text string) (l line, err error) {
	body, note, _ := strings.Cut(text, "|")
	l.sense = namesSense(note)
	for _, entry := range strings.Split(body, "/") {
		tags, word, found := strings.Cut(entry, ":")
		if !found {
			return l, fmt.Errorf("entry %q has no tags", strings.TrimSpace(entry))
		}
		word = strings.TrimSpace(word)
		if !plainWord(word) {
			continue
		}
		british, accepted := classify(strings.Fields(tags))
		switch {
		case british && l.british == "":
			l.british = word
		case accepted && word != l.british && !slices.Contains(l.others, word):
			l.others = append(l.others, word)
		}
	}
	l.others = slices.DeleteFunc(l.others, func(w string) bool { return w == l.british })
	return l, nil
}

// classify reads the tags of one spelling: british when it is the
// preferred British one ("B"), accepted when a dictionary of some
// country accepts it.
func classify(tags []string) (british, accepted bool) {
	for _, t := range tags {
		if t == "" || !strings.ContainsRune("ABZCD", rune(t[0])) {
			continue // "_" (other) and sense numbers
		}
		variant := t[1:]
		if t == "B" {
			british = true
		}
		if variant == "" || variant == "." || variant == "v" || variant == "V" {
			accepted = true
		}
	}
	return british, accepted
}

// namesSense reports whether a note names a sense of the word rather than
// only its part of speech or a cross-reference number.
func namesSense(note string) bool {
	for _, f := range strings.Fields(note) {
		if strings.HasPrefix(f, "<") && strings.HasSuffix(f, ">") || strings.HasPrefix(f, ":") {
			continue
		}
		return true
	}
	return false
}

// plainWord is a lower-case word of letters with no possessive, space or
// punctuation: not a name ("Aluminum Company"), not a phrase.
func plainWord(w string) bool {
	if w == "" {
		return false
	}
	for _, r := range w {
		if !('a' <= r && r <= 'z') {
			return false
		}
	}
	return true
}

// group joins the spellings of the lines into groups, keeping apart a
// spelling that is British in its own right in a sense a line names.
func group(lines []line) [][]string {
	britishIn := map[string][]bool{} // spelling -> the sense flag of each line it is British on
	for _, l := range lines {
		britishIn[l.british] = append(britishIn[l.british], l.sense)
	}
	// senseOf: the spelling is British in a sense some line names.
	senseOf := func(w string) bool { return slices.Contains(britishIn[w], true) }
	uf := unionFind{}
	for _, l := range lines {
		for _, o := range l.others {
			_, isBritish := britishIn[o]
			if isBritish && (l.sense || senseOf(o) || senseOf(l.british)) {
				continue
			}
			uf.union(o, l.british)
		}
	}
	byRoot := map[string][]string{}
	for w := range uf {
		r := uf.find(w)
		byRoot[r] = append(byRoot[r], w)
	}
	var out [][]string
	for _, members := range byRoot {
		slices.SortFunc(members, func(a, b string) int {
			// The canonical spelling is British; of two, the shorter, then the first.
			_, ab := britishIn[a]
			_, bb := britishIn[b]
			switch {
			case ab != bb && ab:
				return -1
			case ab != bb:
				return 1
			case len(a) != len(b):
				return len(a) - len(b)
			}
			return strings.Compare(a, b)
		})
		out = append(out, members)
	}
	slices.SortFunc(out, func(a, b []string) int { return strings.Compare(a[0], b[0]) })
	return out
}

// unionFind joins spellings into groups.
type unionFind map[string]string

func (u unionFind) find(w string) string {
	if _, ok := u[w]; !ok {
		u[w] = w
	}
	for u[w] != w {
		u[w] = u[u[w]]
		w = u[w]
	}
	return w
}

func (u unionFind) union(a, b string) {
	ra, rb := u.find(a), u.find(b)
	if ra != rb {
		u[ra] = rb
	}
}
