package search

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// WriteTable prints r as a plain-text table for the terminal: title, type,
// date, URL and tags of each hit, then the totals.
func WriteTable(w io.Writer, r *Response) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "TITLE\tTYPE\tDATE\tURL\tTAGS")
	for _, h := range r.Hits {
		date := "-"
		if h.Date != nil {
			date = *h.Date
		}
		tags := "-"
		if len(h.Tags) > 0 {
			tags = cell(strings.Join(h.Tags, ", "), 50)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", cell(h.Title, 60), h.Type, date, h.URL, tags)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	shown := ""
	if len(r.Hits) > 0 {
		first := (r.Page-1)*r.Size + 1
		shown = fmt.Sprintf(", showing %d–%d", first, first+len(r.Hits)-1)
	}
	_, err := fmt.Fprintf(w, "%d %s%s (%.1f ms)\n", r.Total, plural(r.Total, "result", "results"), shown, r.TookMS)
	return err
}

// cell makes s fit one table cell: one line, at most n characters.
func cell(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

func plural(n uint64, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
