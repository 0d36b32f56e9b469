package content

import (
	"slices"
	"testing"
)

func TestKeySuggestions(t *testing.T) {
	tests := []struct{ key, want string }{
		{"organization", "organisation"},
		{"reigon", "region"},
		{"tag", "tags"},
		{"Title", "title"},
		{"auther", "authors"},
		{"registration-url", "registration_url"},
		{"colour", ""},
		{"params", ""},
		{"tags", ""},
	}
	for _, tt := range tests {
		got, _ := Builtin().SuggestKey(tt.key)
		if got != tt.want {
			t.Errorf("suggestKey(%q) = %q, want %q", tt.key, got, tt.want)
		}
	}
}

// The built-in registry lists the four typed sections in the order the site
// presents them, plain pages last, and names each as the pages show it.
func TestBuiltinTypes(t *testing.T) {
	ts := Builtin()
	if got, want := ts.Names(), []string{CaseStudy, ReportReview, Event, Story, Plain}; !slices.Equal(got, want) {
		t.Errorf("Names() = %v, want %v", got, want)
	}
	var folders []string
	for _, s := range ts.Sections() {
		folders = append(folders, s.Folder)
	}
	if want := []string{"case-studies", "report-reviews", "events", "stories"}; !slices.Equal(folders, want) {
		t.Errorf("section folders = %v, want %v", folders, want)
	}
	if got := ts.Of("events").Name; got != Event {
		t.Errorf("Of(events) = %s, want event", got)
	}
	if got := ts.Of("about").Name; got != Plain {
		t.Errorf("Of(about) = %s, want page", got)
	}
	for _, c := range []struct{ name, singular, plural, url string }{
		{CaseStudy, "Case study", "Case studies", "/case-studies/"},
		{Plain, "Page", "Pages", "/"},
		{"no-such-type", "Page", "Pages", "/"},
	} {
		if s, p, u := ts.Singular(c.name), ts.Plural(c.name), ts.URL(c.name); s != c.singular || p != c.plural || u != c.url {
			t.Errorf("%s: %q %q %q, want %q %q %q", c.name, s, p, u, c.singular, c.plural, c.url)
		}
	}
	rr, _ := ts.Lookup(ReportReview)
	if got := rr.MissingText("report_author"); got != ": who wrote the report" {
		t.Errorf("report_author hint %q", got)
	}
	if got := rr.MissingText("date"); got != ", e.g. date: 2025-04-14" {
		t.Errorf("date hint %q", got)
	}
	for _, k := range []string{"title", "image_alt", "organisation", "report_year", "featured"} {
		if !ts.IsKnownKey(k) {
			t.Errorf("%s is not a known key", k)
		}
	}
	if ts.IsKnownKey("colour") {
		t.Error("colour is a known key")
	}
}
