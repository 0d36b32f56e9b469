package generator
import ("testing";"os";"time";"context")
func TestScratchPhases(t *testing.T) {
	opts := Options{Site: os.DirFS("/tmp/hub-bench/site-10000"), Theme: os.DirFS("../layouts")}
	l := newLoader(opts, false)
	start := time.Now()
	cfg, _ := LoadConfig(opts.Site); l.cfg = &cfg
	files, _ := contentFiles(opts.Site)
	t.Log("list", time.Since(start)); start = time.Now()
	l.read(context.Background(), files)
	t.Log("read", time.Since(start)); start = time.Now()
	l.cfg = nil
	s, err := l.load(context.Background(), nil)
	t.Log("full load", time.Since(start), err); start = time.Now()
	r, _ := s.plan(nil)
	t.Log("plan", time.Since(start), len(r.queue)); start = time.Now()
	out := &output{dirs: map[string]bool{}}
	out.run(context.Background(), r.queue)
	t.Log("render all in memory", time.Since(start)); start = time.Now()
}
