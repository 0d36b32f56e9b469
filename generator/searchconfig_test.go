package generator

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

func TestSearchSynonymsConfig(t *testing.T) {
	t.Parallel()
	good := "title = \"x\"\n[search.synonyms]\ngroups = [[\"warm space\", \"warm bank\"], [\"shedders\", \"men's shed\"]]\nreplace = true\n"
	cfg, err := LoadConfig(fstest.MapFS{ConfigFile: {Data: []byte(good)}})
	if err != nil {
		t.Fatal(err)
	}
	syn := cfg.Search.SearchSynonyms()
	if !syn.Replace || len(syn.Groups) != 2 || !slices.Equal(syn.Groups[1], []string{"shedders", "men's shed"}) {
		t.Errorf("synonyms %+v", syn)
	}

	bad := "title = \"x\"\n\n[search.synonyms]\ngroups = [[\"alone\"], [\"a\", \" \"]]\nreplce = true\n"
	_, err = LoadConfig(fstest.MapFS{ConfigFile: {Data: []byte(bad)}})
	var ds Diagnostics
	if !errors.As(err, &ds) {
		t.Fatalf("err = %v, want diagnostics", err)
	}
	var msgs []string
	for _, d := range ds {
		msgs = append(msgs, d.Error())
	}
	all := strings.Join(msgs, "\n")
	for _, want := range []string{
		`hub.toml:5:1: unknown setting "search.synonyms.replce"`,
		"hub.toml:4:1: [search.synonyms] group 1 has one word; write two or more",
		"hub.toml:4:1: [search.synonyms] group 2 has an empty word",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("diagnostics lack %q:\n%s", want, all)
		}
	}
}
