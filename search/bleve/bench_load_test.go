package bleveengine

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ideas-hub/hub/search"
)

// BenchmarkEndpointLoad is the load check: concurrent clients on loopback
// send a Zipf-distributed mix of requests (a few popular searches, a long
// tail of rare ones) to the endpoint over 10,000 pages (benchPages). It
// reports requests per second, errors, latency and the result cache's hit
// rate, with the cache on and off. Each run is bounded by a request count
// and a time limit.
func BenchmarkEndpointLoad(b *testing.B) {
	ix, g := benchIndex(b)
	pool := queryMix(g, 5000, 11)
	urls := make([]string, len(pool))
	for i, r := range pool {
		urls[i] = search.SearchPath + "?" + requestValues(r).Encode()
	}
	for _, tc := range []struct {
		name    string
		entries int
	}{{"cache=256", 256}, {"cache=off", -1}} {
		b.Run(tc.name, func(b *testing.B) {
			h := search.NewHandler(search.NewHolder(ix), search.HandlerOptions{CacheEntries: tc.entries, Timeout: 5 * time.Second})
			srv := httptest.NewServer(h)
			defer srv.Close()
			for b.Loop() {
				st := runLoad(srv.URL, urls, 32, 8000, 20*time.Second)
				b.ReportMetric(st.rps, "req/s")
				b.ReportMetric(float64(st.errors), "errors")
				b.ReportMetric(st.p50, "p50-ms")
				b.ReportMetric(st.p99, "p99-ms")
				if hits, misses := h.CacheStats(); hits+misses > 0 {
					b.ReportMetric(100*float64(hits)/float64(hits+misses), "cache-hit-%")
				}
				if st.errors > 0 {
					b.Errorf("%d errors, first: %v", st.errors, st.firstErr)
				}
			}
		})
	}
}

type loadStats struct {
	rps, p50, p99 float64
	errors        int64
	firstErr      error
}

// runLoad sends up to total requests from clients goroutines, for at most
// limit, picking URLs Zipf-wise (s=1.1) from urls.
func runLoad(base string, urls []string, clients, total int, limit time.Duration) loadStats {
	tr := &http.Transport{MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: 10 * time.Second}
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()

	var next, errs atomic.Int64
	var mu sync.Mutex
	var firstErr error
	lat := make([]time.Duration, 0, total)
	start := time.Now()
	var wg sync.WaitGroup
	for c := range clients {
		wg.Go(func() {
			rng := rand.New(rand.NewPCG(uint64(c), 99))
			zipf := rand.NewZipf(rng, 1.1, 1, uint64(len(urls)-1))
			var mine []time.Duration
			for next.Add(1) <= int64(total) && ctx.Err() == nil {
				t0 := time.Now()
				err := getOnce(ctx, client, base+urls[zipf.Uint64()])
				mine = append(mine, time.Since(t0))
				if err != nil && ctx.Err() == nil {
					if errs.Add(1) == 1 {
						mu.Lock()
						firstErr = err
						mu.Unlock()
					}
				}
			}
			mu.Lock()
			lat = append(lat, mine...)
			mu.Unlock()
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	st := loadStats{rps: float64(len(lat)) / elapsed.Seconds(), errors: errs.Load(), firstErr: firstErr}
	if len(lat) > 0 {
		sortDurations(lat)
		st.p50 = float64(lat[len(lat)/2].Microseconds()) / 1000
		st.p99 = float64(lat[len(lat)*99/100].Microseconds()) / 1000
	}
	return st
}

func getOnce(ctx context.Context, client *http.Client, u string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return err
	}
	res, err := client.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	if _, err := io.Copy(io.Discard, res.Body); err != nil {
		return err
	}
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("%s: %s", u, res.Status)
	}
	return nil
}

// requestValues is the URL query of r, as a client would send it.
func requestValues(r search.Request) url.Values {
	v := url.Values{}
	if r.Query != "" {
		v.Set("q", r.Query)
	}
	for _, t := range r.Types {
		v.Add("type", t)
	}
	for _, t := range r.Tags {
		v.Add("tag", t)
	}
	if r.Page > 1 {
		v.Set("page", itoa(r.Page))
	}
	return v
}
