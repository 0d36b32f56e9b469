package bleveengine_test

import (
	"context"
	"fmt"
	"log"
	"net/http/httptest"
	"os"
	"path/filepath"
	"time"

	"github.com/ideas-hub/hub/search"
	bleveengine "github.com/ideas-hub/hub/search/bleve"
)

func Example() {
	tmp, err := os.MkdirTemp("", "hub-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(tmp)
	dir := filepath.Join(tmp, "index")

	docs := []search.Document{
		{URL: "/case-studies/blaengarw-timebank/", Title: "Blaengarw Timebank", Type: "case-study",
			Body: "Members give an hour and get an hour back.", Tags: []string{"timebanking"},
			Date: time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)},
		{URL: "/stories/night-bus/", Title: "The night bus that gets carers home", Type: "story",
			Body: "A timebanking member drives the minibus.", Tags: []string{"transport"},
			Date: time.Date(2023, 11, 10, 0, 0, 0, 0, time.UTC)},
	}
	if err := bleveengine.Build(context.Background(), dir, "example", search.DefaultSchema(), docs); err != nil {
		log.Fatal(err)
	}
	ix, err := bleveengine.Open(dir)
	if err != nil {
		log.Fatal(err)
	}
	defer ix.Close()

	// "timebanks" finds "Timebank" and "timebanking": both stem to timebank.
	resp, err := ix.Search(context.Background(), search.Request{Query: "timebanks"})
	if err != nil {
		log.Fatal(err)
	}
	for _, h := range resp.Hits {
		fmt.Println(h.Title, "|", h.Snippet)
	}
	fmt.Println(resp.Facets.Type)

	// The same search over HTTP.
	srv := httptest.NewServer(search.NewHandler(search.NewHolder(ix), search.HandlerOptions{}))
	defer srv.Close()
	res, err := srv.Client().Get(srv.URL + "/api/search?q=timebanks&type=story")
	if err != nil {
		log.Fatal(err)
	}
	res.Body.Close()
	fmt.Println(res.Status, res.Header.Get("Content-Type"))
	// Output:
	// Blaengarw Timebank | Members give an hour and get an hour back.
	// The night bus that gets carers home | A <mark>timebanking</mark> member drives the minibus.
	// [{case-study 1} {story 1}]
	// 200 OK application/json; charset=utf-8
}
