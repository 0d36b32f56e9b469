package synth_test

import (
	"reflect"
	"testing"

	"github.com/ideas-hub/hub/internal/synth"
	"github.com/ideas-hub/hub/search"
)

// The search benchmarks compare figures across runs: the same n must give
// the same documents, a smaller n a prefix of them, and every one must be
// indexable in a site of the default schema.
func TestDocumentsAreStableAndValid(t *testing.T) {
	a, b := synth.Documents(300), synth.Documents(300)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("two calls gave different documents")
	}
	if !reflect.DeepEqual(synth.Documents(40), a[:40]) {
		t.Error("Documents(40) is not the start of Documents(300)")
	}
	types, undated := map[string]int{}, 0
	for i := range a {
		if err := a[i].Check(search.DefaultSchema()); err != nil {
			t.Error(err)
		}
		if len(a[i].Body) == 0 || len(a[i].Tags) == 0 {
			t.Errorf("%s: no body or no tags", a[i].URL)
		}
		types[a[i].Type]++
		if a[i].Date.IsZero() {
			undated++
		}
	}
	if len(types) != 4 || undated != 6 {
		t.Errorf("types %v, %d undated; want the four typed sections and one page in fifty undated", types, undated)
	}
}

func TestDocGenVocabulary(t *testing.T) {
	g := synth.NewDocGen(3)
	vocab := map[string]bool{}
	for _, w := range g.Vocabulary() {
		vocab[w] = true
	}
	if len(vocab) < 9000 {
		t.Errorf("%d distinct words; fuzzy matching needs a real hub's dictionary", len(vocab))
	}
	for range 1000 {
		if w := g.Word(); !vocab[w] {
			t.Fatalf("Word gave %q, not in the vocabulary", w)
		}
	}
}
