package eval

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

var (
	update = flag.Bool("update", false, "record the figures of this run in testdata/scores.json")
	detail = flag.Bool("detail", false, "list every query that scores below 1, with its hits")
	pool   = flag.String("pool", "", "TestPool: a query id of the set, or corpus:text")
)

// Tolerance is how far the overall nDCG@10 may fall below the recorded
// figure before TestEval fails: the set is small, so one query ranked a
// place lower moves the mean by about a hundredth.
const Tolerance = 0.02

const (
	setFile    = "testdata/queries.toml"
	scoresFile = "testdata/scores.json"
)

// corporaDirs are the sites the set is judged on.
var corporaDirs = map[string]string{
	"hub":   "../..",          // the hub's own content/
	"civic": "testdata/civic", // a second hub, written for the evaluation
}

// recorded is what scoresFile holds.
type recorded struct {
	Overall Scores            `json:"overall"`
	ByKind  map[string]Scores `json:"by_kind"`
	Table   string            `json:"table"`
}

func buildCorpora(t *testing.T) map[string]*Corpus {
	t.Helper()
	dir := t.TempDir()
	out := map[string]*Corpus{}
	for name, site := range corporaDirs {
		c, err := BuildCorpus(context.Background(), name, site, dir)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Close() })
		out[name] = c
	}
	return out
}

func TestEval(t *testing.T) {
	set, err := LoadSet(setFile)
	if err != nil {
		t.Fatal(err)
	}
	corpora := buildCorpora(t)
	rep, err := Run(set, corpora)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d queries over %d pages of hub and %d of civic\n%s", len(rep.Results), len(corpora["hub"].URLs), len(corpora["civic"].URLs), rep.Table())
	if *detail {
		logMisses(t, rep, corpora)
	}
	for _, r := range rep.Results {
		switch relevant := r.Query.Kind != "nothing"; {
		case relevant && r.Total == 0:
			t.Errorf("%s %q found nothing, though the set grades pages for it", r.Query.ID, r.Query.Q)
		case !relevant && r.Total > 0:
			t.Errorf("%s %q should find nothing and found %d pages: %q", r.Query.ID, r.Query.Q, r.Total, r.URLs)
		}
	}
	if *update {
		data, err := json.MarshalIndent(recorded{Overall: rep.Overall, ByKind: rep.ByKind, Table: rep.Table()}, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(scoresFile, append(data, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	data, err := os.ReadFile(scoresFile)
	if err != nil {
		t.Fatalf("%v (run with -update to record the figures)", err)
	}
	var want recorded
	if err := json.Unmarshal(data, &want); err != nil {
		t.Fatalf("%s: %v", scoresFile, err)
	}
	if got := rep.Overall.NDCG; got < want.Overall.NDCG-Tolerance {
		t.Errorf("overall nDCG@10 is %.3f, below the recorded %.3f by more than %.2f", got, want.Overall.NDCG, Tolerance)
	}
}

// logMisses lists the queries that score below 1, with their hits graded.
func logMisses(t *testing.T, rep *Report, corpora map[string]*Corpus) {
	for _, r := range rep.Results {
		if r.Scores.NDCG >= 1 {
			continue
		}
		var b strings.Builder
		fmt.Fprintf(&b, "%s [%s] %q type=%v tag=%v: nDCG %.2f, total %d\n", r.Query.ID, r.Query.Kind, r.Query.Q, r.Query.Types, r.Query.Tags, r.Scores.NDCG, r.Total)
		for i, u := range r.URLs {
			fmt.Fprintf(&b, "   %2d. [%d] %s\n", i+1, r.Query.Grades[u], u)
		}
		for u, g := range r.Query.Grades {
			if g > 0 && !slices.Contains(r.URLs, u) {
				fmt.Fprintf(&b, "   missed [%d] %s\n", g, u)
			}
		}
		t.Log(b.String())
	}
}

// TestPool lists the pages worth judging for a query: what the engine
// finds for the whole query and for each of its words alone, with the
// grades the set gives them. It is a tool for whoever adds a query, run
// with -pool; without it, it is skipped.
func TestPool(t *testing.T) {
	if *pool == "" {
		t.Skip("run with -pool ID or -pool corpus:text")
	}
	set, err := LoadSet(setFile)
	if err != nil {
		t.Fatal(err)
	}
	q := Query{}
	if i := slices.IndexFunc(set.Queries, func(q Query) bool { return q.ID == *pool }); i >= 0 {
		q = set.Queries[i]
	} else if name, text, ok := strings.Cut(*pool, ":"); ok {
		q = Query{Corpus: name, Q: text}
	} else {
		t.Fatalf("-pool %q: neither a query id nor corpus:text", *pool)
	}
	corpora := buildCorpora(t)
	c := corpora[q.Corpus]
	if c == nil {
		t.Fatalf("no corpus %q", q.Corpus)
	}
	found := map[string][]string{}
	for _, words := range append([]string{q.Q}, strings.Fields(q.Q)...) {
		resp, err := Ask(c.Handler, Query{Q: words, Types: q.Types, Tags: q.Tags}, 50)
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range resp.Hits {
			found[h.URL] = append(found[h.URL], words)
		}
	}
	urls := slices.Sorted(func(yield func(string) bool) {
		for u := range found {
			if !yield(u) {
				return
			}
		}
	})
	var b strings.Builder
	for _, u := range urls {
		fmt.Fprintf(&b, "[%d] %-60s %q  found by %q\n", q.Grades[u], u, c.URLs[u], found[u])
	}
	t.Logf("%s %q\n%s", q.ID, q.Q, b.String())
}

// A site's [search.synonyms] reach its index and the endpoint, as hub
// build and hub serve make them (sitesearch.Schema).
func TestSiteSynonymsReachTheEndpoint(t *testing.T) {
	site := t.TempDir()
	files := map[string]string{
		"hub.toml":                          "title = \"t\"\n[search.synonyms]\ngroups = [[\"guerrilla gardening\", \"incredible edible\"]]\n",
		"content/case-studies/todmorden.md": "---\ntitle: Vegetables on the high street\ndate: 2020-01-01\n---\nIncredible Edible planted herbs by the canal.\n",
	}
	for name, text := range files {
		p := filepath.Join(site, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	c, err := BuildCorpus(context.Background(), "site", site, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	resp, err := Ask(c.Handler, Query{Q: "guerrilla gardening"}, 10)
	if err != nil {
		t.Fatal(err)
	}
	if resp.Total != 1 || resp.Hits[0].URL != "/case-studies/todmorden/" {
		t.Errorf("guerrilla gardening: %+v", resp.Hits)
	}
}

func TestMain(m *testing.M) {
	flag.Parse()
	// The hub's own site is read from the repository root.
	if _, err := os.Stat(filepath.Join(corporaDirs["hub"], "content")); err != nil {
		fmt.Fprintln(os.Stderr, "eval: the repository's content/ is missing:", err)
		os.Exit(1)
	}
	os.Exit(m.Run())
}
