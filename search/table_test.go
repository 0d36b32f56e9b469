package search

import (
	"fmt"
	"os"
)

func ExampleWriteTable() {
	date := "2024-05-01"
	r := &Response{Total: 12, Page: 2, Size: 10, TookMS: 0.84, Hits: []Hit{
		{URL: "/case-studies/blaengarw-timebank/", Title: "Blaengarw Timebank", Type: "case-study", Date: &date, Tags: []string{"timebanking", "wales"}},
		{URL: "/about/", Title: "About the hub", Type: "page", Tags: []string{}},
	}}
	if err := WriteTable(os.Stdout, r); err != nil {
		fmt.Println(err)
	}
	// Output:
	// TITLE               TYPE        DATE        URL                                TAGS
	// Blaengarw Timebank  case-study  2024-05-01  /case-studies/blaengarw-timebank/  timebanking, wales
	// About the hub       page        -           /about/                            -
	// 12 results, showing 11–12 (0.8 ms)
}
