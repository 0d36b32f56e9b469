package main

import (
	"slices"
	"strings"
	"testing"
)

// A sample in varcon.txt's format, with the cases the rules are for.
const sample = `# behavior <verified> (level 10)
A Cv DV: behavior / B C D: behaviour
A Cv DV: behaviors / B C D: behaviours
A Cv DV: behavior's / B C D: behaviour's

# organize <verified> (level 10)
A Z: organize / B: organise

# check <verified> (level 10)
A CV: check / B C: cheque | <N> bank
A B: check | <N> verify

# practice <verified> (level 10)
A B C: practice / AV Cv: practise | <N>
A Cv: practice / AV B C: practise | <V>

# program <verified> (level 10)
A C D 1: program / B Dv 2: programme | <N>
A B 1: program / AV BV 2: programme | <V>
A B 1: program | computer program

# acknowledgment <verified> (level 35)
A Cv: acknowledgment / Av B C: acknowledgement / A-: acknowlegment

## a comment
# aeric (level 80)
A: eric / B: aeric
`

func TestConvert(t *testing.T) {
	groups, err := convert(strings.NewReader(sample))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, g := range groups {
		got = append(got, strings.Join(g, " "))
	}
	want := []string{
		"acknowledgement acknowledgment",
		"behaviour behavior",
		"behaviours behaviors",
		"organise organize",
		"practice practise",
	}
	if !slices.Equal(got, want) {
		t.Errorf("groups:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestConvertRejectsEntryWithoutTags(t *testing.T) {
	if _, err := convert(strings.NewReader("A: behavior / behaviour\n")); err == nil || !strings.Contains(err.Error(), "line 1") {
		t.Errorf("err = %v, want an error at line 1", err)
	}
}
