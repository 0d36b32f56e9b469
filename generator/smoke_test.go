package generator

import (
	"cmp"
	"context"
	"os"
	"path/filepath"
	"testing"
)

func TestBuildsTheHubsOwnContent(t *testing.T) {
	out := filepath.Join(cmp.Or(os.Getenv("KEEP_OUT"), t.TempDir()), "public") // KEEP_OUT=dir keeps it to look at
	s, st, err := Build(context.Background(), Options{Site: os.DirFS(".."), Theme: fixtureTheme(), Now: testNow}, out, true)
	if err != nil {
		t.Fatal(err)
	}
	t.Log(st.Summary(0), len(s.Pages))
}
