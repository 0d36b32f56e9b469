package bleveengine

import (
	"io"
	"net/http"
	"os"
	"slices"
	"strconv"
	"testing"
	"time"
)

func itoa(n int) string { return strconv.Itoa(n) }

func readAll(t testing.TB, res *http.Response) []byte {
	t.Helper()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func sortDurations(d []time.Duration) { slices.Sort(d) }

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// benchPages is the size of the generated corpus the index, query and
// endpoint benchmarks use: 10,000 pages, or HUB_BENCH_PAGES.
func benchPages() int {
	if n := atoi(os.Getenv("HUB_BENCH_PAGES")); n > 0 {
		return n
	}
	return 10000
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
