package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/ideas-hub/hub/generator"
	"github.com/ideas-hub/hub/generator/sitefs"
	"github.com/ideas-hub/hub/internal/hubtest"
	"github.com/ideas-hub/hub/internal/sitesearch"
	"github.com/ideas-hub/hub/internal/synth"
	"github.com/ideas-hub/hub/search"
	bleveengine "github.com/ideas-hub/hub/search/bleve"
)

// markerQuery finds the one page that tells the deployed indexes apart.
const markerQuery = "deploymarker"

// TestEndpointSwapsIndexesUnderLoad runs `hub serve --watch=false` on a
// 1,000-page hub with 32 clients searching it while deploys replace its
// index five ways (hub build's swap, a half-copied index renamed into
// place with SIGHUP, symlink flips with and without SIGHUP, a slow copy
// into the folder itself): no request may fail, every answer must come
// from a whole index, each client must see the builds in the order they
// were deployed, and the replica's requests per second are reported.
func TestEndpointSwapsIndexesUnderLoad(t *testing.T) {
	hubtest.SkipUnlessLong(t, "builds a 1,000-page hub and five indexes, and searches it under load")
	bin := buildBinary(t)
	root := t.TempDir()
	site := filepath.Join(root, "site")
	if err := synth.Write(site, synth.Options{Pages: 1000, Seed: 21}); err != nil {
		t.Fatal(err)
	}
	docs, words, schema := siteDocuments(t, site)
	releases := filepath.Join(root, "releases")
	for _, b := range []string{"b1", "b2", "b3", "b4", "broken"} {
		if err := bleveengine.Build(context.Background(), filepath.Join(releases, b), b, schema, withMarker(docs, b)); err != nil {
			t.Fatal(err)
		}
	}
	index := filepath.Join(site, filepath.FromSlash(defaultIndexDir))

	p := start(t, bin, "serve", "--site", site, "--addr", "127.0.0.1:0", "--watch=false")
	p.waitFor(t, func() (bool, error) { return strings.HasPrefix(p.stdout.String(), "serving http://"), nil })
	base := strings.TrimSpace(strings.TrimPrefix(strings.SplitN(p.stdout.String(), "\n", 2)[0], "serving "))
	first := health(t, base).BuildID

	clients := startLoad(base, words, 32)
	time.Sleep(300 * time.Millisecond)
	deployed := time.Now()
	waitHealth := func(what string, ok func(healthz) bool) {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second) // a poll, a settle and a reload take 1–2 s
		for time.Now().Before(deadline) {
			if ok(health(t, base)) {
				return
			}
			time.Sleep(20 * time.Millisecond)
		}
		t.Fatalf("%s: /healthz never said so: %+v\n%s", what, health(t, base), p.stderr.String())
	}
	serving := func(build string) func(healthz) bool {
		return func(h healthz) bool { return h.BuildID == build && h.Warning == "" }
	}
	hup := func() {
		if err := p.cmd.Process.Signal(syscall.SIGHUP); err != nil {
			t.Fatal(err)
		}
	}

	// 1. hub build's way: a new folder swapped in for the old. No SIGHUP.
	if err := bleveengine.Build(context.Background(), index, "b1", schema, withMarker(docs, "b1")); err != nil {
		t.Fatal(err)
	}
	waitHealth("hub build's swap", serving("b1"))

	// 2. A copy that stopped part way (root.bolt short), renamed into place:
	// refused, b1 still served, /healthz says why and stays 200.
	half := index + ".new"
	hubtest.CopyTree(t, filepath.Join(releases, "broken"), half, func(rel string, data []byte) []byte {
		if rel == "store/root.bolt" {
			return data[:3*os.Getpagesize()]
		}
		return data
	})
	rename(t, index, index+".prev")
	rename(t, half, index)
	hup()
	waitHealth("a half-copied index", func(h healthz) bool {
		return h.BuildID == "b1" && strings.Contains(h.Warning, "root.bolt is incomplete")
	})

	// 3. The deploy tidies up and flips a symlink to a whole release, with SIGHUP.
	os.RemoveAll(index)
	flip(t, index, filepath.Join(releases, "b2"))
	hup()
	waitHealth("a symlink flip with SIGHUP", serving("b2"))

	// 4. Another flip, without SIGHUP: the parent folder's events.
	flip(t, index, filepath.Join(releases, "b3"))
	waitHealth("a symlink flip", serving("b3"))

	// 5. A slow copy into the folder itself, file by file: never served
	// before it is whole.
	os.Remove(index)
	hubtest.CopyTree(t, filepath.Join(releases, "b4"), index, func(_ string, data []byte) []byte {
		time.Sleep(100 * time.Millisecond)
		return data
	})
	b4Whole := time.Now()
	waitHealth("a copy in place", serving("b4"))

	if rest := 3*time.Second - time.Since(deployed); rest > 0 {
		time.Sleep(rest)
	}
	res := clients.stop()

	t.Logf("one replica: %d requests in %.1f s with 32 clients, %.0f requests/s; p50 %v, p99 %v; %d answers to the marker query",
		res.requests, res.elapsed.Seconds(), float64(res.requests)/res.elapsed.Seconds(), res.percentile(50), res.percentile(99), len(res.markers))
	if len(res.failures) > 0 {
		t.Errorf("%d failed requests, first: %v", len(res.failures), res.failures[:min(5, len(res.failures))])
	}
	order := []string{"", "b1", "b2", "b3", "b4"} // "" is the first index, without the marker page
	seen := map[string]bool{}
	for client, answers := range res.byClient {
		at := 0
		for _, a := range answers {
			seen[a.build] = true
			next := slices.Index(order[at:], a.build)
			if next < 0 {
				t.Errorf("client %d: an answer from %q after one from %q", client, a.build, order[at])
				break
			}
			at += next
			if a.build == "b4" && a.sent.Before(b4Whole) {
				t.Errorf("client %d: an answer from b4 to a request sent before its copy was whole", client)
			}
		}
	}
	if seen["broken"] {
		t.Error("an answer came from the half-copied index")
	}
	for _, b := range order[1:] {
		if !seen[b] {
			t.Errorf("no client saw %s: its swap was not under load", b)
		}
	}

	// A real hub build into the folder served is picked up too.
	if out, err := exec.Command(bin, "build", "--site", site, "--quiet").CombinedOutput(); err != nil {
		t.Fatalf("hub build: %v\n%s", err, out)
	}
	waitHealth("hub build", func(h healthz) bool {
		return !slices.Contains([]string{first, "b1", "b2", "b3", "b4"}, h.BuildID) && h.Warning == ""
	})
	if strings.Contains(p.stderr.String(), "panic") {
		t.Errorf("the server logged a panic:\n%s", p.stderr.String())
	}
}

// siteDocuments loads the hub as hub build does and returns its search
// documents, some words of its titles to search for, and the schema its
// index is built with.
func siteDocuments(t *testing.T, dir string) ([]search.Document, []string, search.Schema) {
	t.Helper()
	s, err := generator.Load(context.Background(), generator.Options{Site: sitefs.DirFS(dir), Theme: theme()})
	if err != nil {
		t.Fatal(err)
	}
	docs := sitesearch.Documents(s)
	var words []string
	for _, d := range docs[:min(60, len(docs))] {
		if f := strings.Fields(d.Title); len(f) > 0 {
			words = append(words, strings.ToLower(strings.Trim(f[len(f)-1], ".,:;!?")))
		}
	}
	return docs, words, sitesearch.Schema(&s.Config)
}

// withMarker is docs and a page naming build, found by markerQuery.
func withMarker(docs []search.Document, build string) []search.Document {
	return append(slices.Clone(docs), search.Document{
		URL: "/deploy-marker/", Title: "Deploy marker " + build, Type: "page", Body: markerQuery + " " + build,
	})
}

type healthz struct {
	Status  string `json:"status"`
	BuildID string `json:"build_id"`
	Warning string `json:"warning"`
}

func health(t *testing.T, base string) healthz {
	t.Helper()
	res, err := http.Get(base + "healthz")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var h healthz
	if err := json.NewDecoder(res.Body).Decode(&h); err != nil || res.StatusCode != 200 {
		t.Fatalf("/healthz: %d %v", res.StatusCode, err)
	}
	return h
}

// load is clients searching an endpoint until stopped.
type load struct {
	stopping chan struct{}
	wg       sync.WaitGroup
	began    time.Time
	mu       sync.Mutex
	res      loadResult
}

type loadResult struct {
	requests  int
	elapsed   time.Duration
	latencies []time.Duration
	failures  []string
	markers   []markerAnswer
	byClient  map[int][]markerAnswer
}

type markerAnswer struct {
	build string // from the marker page's title; "" when the index has none
	sent  time.Time
}

func (r loadResult) percentile(p int) time.Duration {
	if len(r.latencies) == 0 {
		return 0
	}
	s := slices.Clone(r.latencies)
	slices.Sort(s)
	return s[(len(s)-1)*p/100].Round(10 * time.Microsecond)
}

// startLoad starts n clients; one request in four is the marker query, the
// others a mix of words, types and pages wider than the endpoint's cache.
func startLoad(base string, words []string, n int) *load {
	l := &load{stopping: make(chan struct{}), began: time.Now(), res: loadResult{byClient: map[int][]markerAnswer{}}}
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: n}}
	types := append([]string{""}, search.DefaultSchema().Types...)
	for c := range n {
		l.wg.Add(1)
		go func() {
			defer l.wg.Done()
			for i := c; ; i += n {
				select {
				case <-l.stopping:
					return
				default:
				}
				q := url.Values{"q": {markerQuery}}
				marker := i%4 == 0
				if !marker {
					q = url.Values{"q": {words[i%len(words)]}, "page": {fmt.Sprint(1 + i/7%3)}}
					if typ := types[i/3%len(types)]; typ != "" {
						q.Set("type", typ)
					}
				}
				if !marker && i%8 == 1 { // the page the server renders asks the same index
					l.do(client, c, base+"search/?"+q.Encode(), false)
					continue
				}
				l.do(client, c, base+"api/search?"+q.Encode(), marker)
			}
		}()
	}
	return l
}

func (l *load) do(client *http.Client, c int, u string, marker bool) {
	sent := time.Now()
	res, err := client.Get(u)
	var body []byte
	if err == nil {
		body, err = io.ReadAll(res.Body)
		res.Body.Close()
	}
	took := time.Since(sent)
	var parsed struct {
		Hits []struct{ Title string } `json:"hits"`
	}
	fail := ""
	switch {
	case err != nil:
		fail = err.Error()
	case res.StatusCode != 200:
		fail = fmt.Sprintf("%d %s", res.StatusCode, body)
	case strings.Contains(u, "/search/?"):
		if !bytes.Contains(body, []byte("</footer>")) || bytes.Contains(body, []byte("did not finish")) {
			fail = "not a whole page of results: " + string(body)
		}
	case json.Unmarshal(body, &parsed) != nil:
		fail = "not JSON: " + string(body)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.res.requests++
	l.res.latencies = append(l.res.latencies, took)
	if fail != "" {
		l.res.failures = append(l.res.failures, u+": "+fail)
		return
	}
	if marker {
		a := markerAnswer{sent: sent}
		for _, h := range parsed.Hits {
			if b, ok := strings.CutPrefix(h.Title, "Deploy marker "); ok {
				a.build = b
			}
		}
		l.res.markers = append(l.res.markers, a)
		l.res.byClient[c] = append(l.res.byClient[c], a)
	}
}

func (l *load) stop() loadResult {
	close(l.stopping)
	l.wg.Wait()
	l.mu.Lock()
	defer l.mu.Unlock()
	l.res.elapsed = time.Since(l.began)
	return l.res
}

func rename(t *testing.T, from, to string) {
	t.Helper()
	if err := os.Rename(from, to); err != nil {
		t.Fatal(err)
	}
}

// flip points the symlink link at target in one step, as
// `ln -s target tmp && mv -T tmp link` does.
func flip(t *testing.T, link, target string) {
	t.Helper()
	tmp := link + ".tmp"
	os.Remove(tmp)
	if err := os.Symlink(target, tmp); err != nil {
		t.Fatal(err)
	}
	rename(t, tmp, link)
}
