package bleveengine

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/ideas-hub/hub/search"
)

func TestLiveUpdates(t *testing.T) {
	ctx := context.Background()
	holder := search.NewHolder(nil)
	live := NewLive(filepath.Join(t.TempDir(), "index"), holder)
	defer func() {
		if ix := holder.Swap(nil); ix != nil {
			ix.Close()
		}
	}()
	doc := func(url, title string) search.Document {
		return search.Document{URL: url, Title: title, Body: title + " body", Type: "story", Date: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}
	}
	urls := func(q string) []string {
		t.Helper()
		res, err := holder.Current().Search(ctx, search.Request{Query: q})
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, h := range res.Hits {
			out = append(out, h.URL)
		}
		slices.Sort(out)
		return out
	}
	if err := live.Reset(ctx, "b1", search.DefaultSchema(), []search.Document{doc("/a/", "timebank"), doc("/b/", "night bus")}); err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		upsert []search.Document
		remove []string
		query  string
		want   []string
	}{
		{[]search.Document{doc("/c/", "timebank village")}, nil, "timebank", []string{"/a/", "/c/"}},
		{nil, []string{"/a/"}, "timebank", []string{"/c/"}},
		{[]search.Document{doc("/b/", "timebank bus")}, nil, "timebank", []string{"/b/", "/c/"}},
		{[]search.Document{doc("/d/", "care home")}, []string{"/c/"}, "timebank", []string{"/b/"}},
		{nil, nil, "care", []string{"/d/"}},
		{[]search.Document{doc("/a/", "timebank again")}, nil, "timebank", []string{"/a/", "/b/"}},
	}
	for i, s := range steps {
		id := "b" + string(rune('2'+i))
		if err := live.Update(ctx, id, s.upsert, s.remove); err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
		if got := urls(s.query); !slices.Equal(got, s.want) {
			t.Errorf("step %d: %q finds %v, want %v", i, s.query, got, s.want)
		}
		if holder.Current().BuildID() != id {
			t.Errorf("step %d: build id %q, want %q", i, holder.Current().BuildID(), id)
		}
	}
	if n, _ := holder.Current().DocCount(); n != 3 {
		t.Errorf("%d documents, want 3 (/a/, /b/, /d/)", n)
	}
}
