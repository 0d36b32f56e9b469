package eval

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"

	"github.com/ideas-hub/hub/search"
)

// Result is how one query did.
type Result struct {
	Query  Query
	URLs   []string // the first page of hits, in order
	Total  uint64
	Scores Scores
}

// Report is how a set did: every query, the means by kind and overall.
type Report struct {
	Results []Result
	ByKind  map[string]Scores
	Counts  map[string]int // queries by kind
	Overall Scores
}

// Run asks every query of set through its corpus's endpoint and scores the
// answers. A graded URL that is not a page of its corpus is an error, so a
// renamed page cannot silently lower the figures.
func Run(set *Set, corpora map[string]*Corpus) (*Report, error) {
	r := &Report{ByKind: map[string]Scores{}, Counts: map[string]int{}}
	byKind := map[string][]Scores{}
	var all []Scores
	for _, q := range set.Queries {
		c := corpora[q.Corpus]
		if c == nil {
			return nil, fmt.Errorf("query %s: no corpus %q", q.ID, q.Corpus)
		}
		for u := range q.Grades {
			if _, ok := c.URLs[u]; !ok {
				return nil, fmt.Errorf("query %s: %s is not a page of corpus %s", q.ID, u, q.Corpus)
			}
		}
		resp, err := Ask(c.Handler, q, Cutoff)
		if err != nil {
			return nil, fmt.Errorf("query %s: %w", q.ID, err)
		}
		res := Result{Query: q, Total: resp.Total}
		for _, h := range resp.Hits {
			res.URLs = append(res.URLs, h.URL)
		}
		res.Scores = score(res.URLs, q.Grades)
		r.Results = append(r.Results, res)
		byKind[q.Kind] = append(byKind[q.Kind], res.Scores)
		all = append(all, res.Scores)
	}
	for k, ss := range byKind {
		r.ByKind[k] = mean(ss)
		r.Counts[k] = len(ss)
	}
	r.Overall = mean(all)
	return r, nil
}

// Ask sends q to the endpoint h for its first size hits.
func Ask(h http.Handler, q Query, size int) (*search.Response, error) {
	v := url.Values{"q": {q.Q}, "size": {fmt.Sprint(size)}}
	for _, t := range q.Types {
		v.Add("type", t)
	}
	for _, t := range q.Tags {
		v.Add(search.TagsParam, t)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, search.SearchPath+"?"+v.Encode(), nil))
	if rec.Code != http.StatusOK {
		return nil, fmt.Errorf("%s: %d %s", v.Encode(), rec.Code, strings.TrimSpace(rec.Body.String()))
	}
	var resp search.Response
	if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil {
		return nil, err
	}
	return &resp, nil
}

// Table is the report as a markdown table: one row per kind, then overall.
func (r *Report) Table() string {
	var b strings.Builder
	b.WriteString("| kind of query | queries | nDCG@10 | MRR@10 | recall@10 |\n|---|---:|---:|---:|---:|\n")
	for _, k := range kindOrder {
		if n := r.Counts[k]; n > 0 {
			s := r.ByKind[k]
			fmt.Fprintf(&b, "| %s | %d | %.2f | %.2f | %.2f |\n", k, n, s.NDCG, s.MRR, s.Recall)
		}
	}
	fmt.Fprintf(&b, "| **overall** | %d | **%.2f** | %.2f | %.2f |\n", len(r.Results), r.Overall.NDCG, r.Overall.MRR, r.Overall.Recall)
	return b.String()
}
