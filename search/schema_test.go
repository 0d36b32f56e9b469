package search

import (
	"errors"
	"net/url"
	"reflect"
	"strings"
	"testing"
)

// tagsSchema is the default types with tags as the only taxonomy, as a
// site declaring only tags has.
func tagsSchema() Schema {
	s := DefaultSchema()
	s.Taxonomies = []Taxonomy{{Name: TagsName, Param: TagsParam}}
	return s
}

// regionsSchema is the default types with tags and regions.
func regionsSchema() Schema {
	s := tagsSchema()
	s.Taxonomies = append(s.Taxonomies, Taxonomy{Name: "regions", Param: "region"})
	return s
}

func TestSchemaCheck(t *testing.T) {
	if err := DefaultSchema().Check(); err != nil {
		t.Fatalf("default schema: %v", err)
	}
	var names []string
	for _, tax := range DefaultSchema().Taxonomies {
		names = append(names, tax.Name+"="+tax.Param)
	}
	if got, want := strings.Join(names, " "), "tags=tag authors=author organisations=organisation regions=region"; got != want {
		t.Errorf("default taxonomies %q, want the contract's four: %q", got, want)
	}
	if err := regionsSchema().Check(); err != nil {
		t.Fatalf("regions schema: %v", err)
	}
	tests := []struct {
		name string
		edit func(*Schema)
		want string
	}{
		{"no types", func(s *Schema) { s.Types = nil }, "no content types"},
		{"type twice", func(s *Schema) { s.Types = append(s.Types, "story") }, `type "story" is named twice`},
		{"type in capitals", func(s *Schema) { s.Types = append(s.Types, "Toolkit") }, `type "Toolkit"`},
		{"no tags", func(s *Schema) { s.Taxonomies = s.Taxonomies[1:] }, `no "tags" taxonomy`},
		{"tags under another param", func(s *Schema) { s.Taxonomies[0].Param = "t" }, `its param is "tag"`},
		{"param of the endpoint", func(s *Schema) { s.Taxonomies[1].Param = "sort" }, `param "sort" is taken`},
		{"param twice", func(s *Schema) { s.Taxonomies = append(s.Taxonomies, Taxonomy{"areas", "region"}) }, `param "region" is taken`},
		{"name twice", func(s *Schema) { s.Taxonomies = append(s.Taxonomies, Taxonomy{"regions", "area"}) }, `"regions" is named twice`},
		{"name of a hit's field", func(s *Schema) { s.Taxonomies = append(s.Taxonomies, Taxonomy{"summary", "s"}) }, `"summary": the name is taken`},
		{"no param", func(s *Schema) { s.Taxonomies = append(s.Taxonomies, Taxonomy{"areas", ""}) }, "needs a name and a param"},
	}
	for _, tt := range tests {
		s := regionsSchema()
		tt.edit(&s)
		if err := s.Check(); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v, want %q", tt.name, err, tt.want)
		}
	}
}

func TestParseRequestTaxonomies(t *testing.T) {
	v, _ := url.ParseQuery("region=Wales&region=+wales+&region=North+East&tag=Repair")
	got, err := ParseRequest(v, regionsSchema())
	if err != nil {
		t.Fatal(err)
	}
	want := Request{Tags: []string{"repair"}, Terms: map[string][]string{"regions": {"wales", "north-east"}}, Page: 1, Size: 10}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
	// One order of terms, one key: the cache and the ETag see one request.
	v2, _ := url.ParseQuery("tag=repair&region=north-east&region=wales")
	other, _ := ParseRequest(v2, regionsSchema())
	if a, b := got.Normalized().key(), other.Normalized().key(); a != b || !strings.Contains(a, "regions") {
		t.Errorf("keys %q and %q", a, b)
	}

	for _, tt := range []struct {
		query  string
		schema Schema
		param  string
	}{
		{"q=x&region=wales", tagsSchema(), "region"}, // no regions on this site
		{"q=x&regions=wales", regionsSchema(), "regions"},
		{"q=x&utm_source=news", DefaultSchema(), "utm_source"},
	} {
		v, _ := url.ParseQuery(tt.query)
		_, err := ParseRequest(v, tt.schema)
		var re *RequestError
		if !errors.As(err, &re) || re.Param != tt.param || !strings.Contains(re.Message, "unknown parameter") {
			t.Errorf("?%s: %v", tt.query, err)
		}
	}
	v, _ = url.ParseQuery("")
	_, err = ParseRequest(v, regionsSchema())
	if err == nil || err.Error() != "give a query (q) or a filter (type, tag, region, from, to)" {
		t.Errorf("empty request: %v", err)
	}
	// A Go request may name only the schema's taxonomies.
	r := Request{Terms: map[string][]string{"authors": {"tom-reid"}}}
	if err := r.Validate(regionsSchema()); err == nil || !strings.Contains(err.Error(), `unknown taxonomy "authors"`) {
		t.Errorf("Validate: %v", err)
	}
}
