package generator

import (
	"cmp"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/ideas-hub/hub/internal/hubtest"
	"github.com/ideas-hub/hub/layouts"
)

func TestBuildsTheHubsOwnContent(t *testing.T) {
	t.Parallel()
	out := filepath.Join(cmp.Or(os.Getenv("KEEP_OUT"), t.TempDir()), "public") // KEEP_OUT=dir keeps it to look at
	s, st, err := Build(context.Background(), Options{Site: hubtest.OwnContent(t), Theme: layouts.FS(), Now: testNow, Images: ownPictures(t)}, out, true)
	if err != nil {
		t.Fatal(err)
	}
	t.Log(st.Summary(0), len(s.Pages))
}
