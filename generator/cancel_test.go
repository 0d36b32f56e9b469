package generator

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/ideas-hub/hub/internal/hubtest"
	"github.com/ideas-hub/hub/layouts"
)

// TestLoadStopsSoonAfterCancel: a file goldmark takes seconds over (a
// deeply nested list) must not keep a cancelled build, or check, going.
func TestLoadStopsSoonAfterCancel(t *testing.T) {
	var deep strings.Builder
	deep.WriteString("---\ntitle: Deep\ndate: 2025-01-01\n---\n")
	for i := range 1500 { // seconds of goldmark: still busy when cancelled, done soon after the test
		deep.WriteString(strings.Repeat("  ", i) + "- x\n")
	}
	files := map[string]string{
		"content/stories/deep.md": deep.String(),
		"content/stories/a.md":    "---\ntitle: A\ndate: 2025-01-01\n---\nA story.\n",
	}
	for _, keep := range []bool{false, true} { // hub build and check; hub serve
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() {
			_, err := newLoader(Options{Site: hubtest.MapFS(files), Theme: layouts.FS(), Now: testNow}, keep).load(ctx, nil)
			done <- err
		}()
		time.Sleep(200 * time.Millisecond) // into the deep file
		cancel()
		cancelled := time.Now()
		select {
		case err := <-done:
			t.Logf("keep=%v: returned %v after the cancel: %v", keep, time.Since(cancelled).Round(time.Millisecond), err)
			if err == nil {
				t.Errorf("keep=%v: a cancelled load succeeded", keep)
			}
		case <-time.After(time.Second): // the bound the commands promise
			t.Fatalf("keep=%v: the load went on for over a second after it was cancelled", keep)
		}
	}
}
