package markdown

import (
	"strings"
	"testing"
)

func TestCountWordsIsLenFields(t *testing.T) {
	for _, s := range []string{"", " ", "one", " two  words\n", "tab\tand\u00a0nbsp\u2003em", "é è\x85x", "\xffbad utf8\xfe "} {
		if got, want := CountWords([]byte(s)), len(strings.Fields(s)); got != want {
			t.Errorf("countWords(%q) = %d, want %d", s, got, want)
		}
	}
}
