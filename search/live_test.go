package search

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

func TestLiveUpdates(t *testing.T) {
	ctx := context.Background()
	holder := NewHolder(nil)
	live := NewLive(filepath.Join(t.TempDir(), "index"), holder)
	defer func() {
		if ix := holder.Swap(nil); ix != nil {
			ix.Close()
		}
	}()
	doc := func(url, title string) Document {
		return Document{URL: url, Title: title, Body: title + " body", Type: TypeStory, Date: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}
	}
	urls := func(q string) []string {
		t.Helper()
		res, err := holder.Current().Search(ctx, Request{Query: q})
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
	if err := live.Reset(ctx, "b1", []Document{doc("/a/", "timebank"), doc("/b/", "night bus")}); err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		upsert []Document
		remove []string
		query  string
		want   []string
	}{
		{[]Document{doc("/c/", "timebank village")}, nil, "timebank", []string{"/a/", "/c/"}},
		{nil, []string{"/a/"}, "timebank", []string{"/c/"}},
		{[]Document{doc("/b/", "timebank bus")}, nil, "timebank", []string{"/b/", "/c/"}},
		{[]Document{doc("/d/", "care home")}, []string{"/c/"}, "timebank", []string{"/b/"}},
		{nil, nil, "care", []string{"/d/"}},
		{[]Document{doc("/a/", "timebank again")}, nil, "timebank", []string{"/a/", "/b/"}},
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
