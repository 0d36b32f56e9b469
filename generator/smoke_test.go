package generator

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

func TestBuildsTheHubsOwnContent(t *testing.T) {
	out := filepath.Join(os.Getenv("KEEP_OUT"), "public")
	s, st, err := Build(context.Background(), Options{Site: os.DirFS(".."), Theme: fixtureTheme(), Now: testNow}, out, true)
	if err != nil {
		t.Fatal(err)
	}
	t.Log(st.Summary(0), len(s.Pages))
}
