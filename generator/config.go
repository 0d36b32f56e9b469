package generator

import (
	"github.com/ideas-hub/hub/generator/sitefs"

	"errors"
	"fmt"
	"io/fs"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/ideas-hub/hub/generator/content"
)

// ConfigFile is the name of the site configuration file in the site folder.
const ConfigFile = "hub.toml"

// Config is the site configuration read from hub.toml.
type Config struct {
	Title       string     `toml:"title"`
	Description string     `toml:"description"`
	BaseURL     string     `toml:"base_url"`
	Language    string     `toml:"language"`
	TimeZone    string     `toml:"timezone"`
	PageSize    int        `toml:"page_size"`
	Now         string     `toml:"now"` // fixed build clock, for reproducible builds and tests
	Menu        []MenuItem `toml:"menu"`
	// SearchEndpoint is where the search page sends queries when the site is
	// served by a static host and the endpoint runs elsewhere ("" = same origin).
	SearchEndpoint string `toml:"search_endpoint"`
	// Search holds the site's search settings: [search.synonyms].
	Search SearchConfig `toml:"search"`

	// Types is the site's registry of content types: the built-in ones
	// and those its [types.<name>] tables declare (see config_types.go).
	Types *content.Types `toml:"-"`
	// TypeTables is the [types] table as written; Types holds it checked.
	TypeTables toml.Primitive `toml:"types"`
	// Taxonomies are the site's taxonomies: [[taxonomies]] (read apart,
	// see taxonomyconfig.go) or the defaults.
	Taxonomies   *content.Taxonomies `toml:"-"`
	tagsDeclared bool                // hub.toml declares tags, with a title of its own

	location *time.Location
}

// MenuItem is one link of the main navigation.
type MenuItem struct {
	Name string `toml:"name"`
	URL  string `toml:"url"`
}

// Location is the site's time zone.
func (c *Config) Location() *time.Location { return c.location }

func defaultConfig() Config {
	return Config{
		Title:      "Ideas Hub",
		BaseURL:    "http://localhost:1313/",
		Language:   "en",
		TimeZone:   "UTC",
		PageSize:   10,
		Types:      content.Builtin().WithKeys(content.Defaults().Keys()),
		Taxonomies: content.Defaults(),
		Menu:       defaultMenu(content.Builtin()),
	}
}

// defaultMenu is the main navigation of a site whose hub.toml sets none:
// each type's list, the tags and search.
func defaultMenu(types *content.Types) []MenuItem {
	var menu []MenuItem
	for _, sec := range types.Sections() {
		menu = append(menu, MenuItem{Name: sec.Plural, URL: "/" + sec.Folder + "/"})
	}
	return append(menu, MenuItem{Name: "Tags", URL: "/tags/"}, MenuItem{Name: "Search", URL: "/search/"})
}

// SiteConfig reads the config of the site opts names, as a build does:
// for what a build's companions (the search index) need to know first.
func SiteConfig(opts Options) (Config, error) { return LoadConfig(sitefs.Confine(opts.Site)) }

// LoadConfig reads hub.toml from the site, if there is one, over the defaults.
// Problems are returned as Diagnostics against hub.toml.
func LoadConfig(site fs.FS) (Config, error) {
	cfg := defaultConfig()
	data, err := fs.ReadFile(site, ConfigFile)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return cfg, sitefs.AsDiagnostics(err)
	default:
		md, err := toml.Decode(string(data), &cfg)
		if err != nil {
			var perr toml.ParseError
			if errors.As(err, &perr) {
				return cfg, Diagnostics{{Path: ConfigFile, Line: perr.Position.Line, Col: perr.Position.Col, Msg: perr.Message}}
			}
			return cfg, Diagnostics{{Path: ConfigFile, Msg: err.Error()}}
		}
		types, ds := declareTypes(data, md, cfg.TypeTables)
		for _, k := range md.Undecoded() {
			if k[0] == "types" || k[0] == "taxonomies" {
				continue // declareTypes and readTaxonomies read every setting under them, and name unknown ones
			}
			ds = append(ds, Diagnostic{Path: ConfigFile, Line: findTOMLKeyLine(data, k[len(k)-1]), Msg: fmt.Sprintf("unknown setting %q", k.String())})
		}
		if types != nil {
			cfg.Types = types // a taxonomy may not take a type's folder
		}
		ds = append(ds, cfg.readTaxonomies(data)...)
		ds = append(ds, cfg.Search.Synonyms.check(data)...)
		if ds != nil {
			return cfg, ds.Sorted()
		}
		if !md.IsDefined("menu") {
			cfg.Menu = defaultMenu(types)
		}
	}
	return cfg, cfg.finish()
}

func (c *Config) finish() error {
	loc, err := time.LoadLocation(c.TimeZone)
	if err != nil {
		return Diagnostics{{Path: ConfigFile, Msg: fmt.Sprintf("timezone %q is not a known IANA time zone (e.g. Europe/London)", c.TimeZone)}}
	}
	c.location = loc
	if c.PageSize <= 0 {
		c.PageSize = 10
	}
	if !strings.HasSuffix(c.BaseURL, "/") {
		c.BaseURL += "/"
	}
	return nil
}

// findTOMLKeyLine returns the first line that assigns key, or 0.
func findTOMLKeyLine(data []byte, key string) int {
	for i, line := range strings.Split(string(data), "\n") {
		if k, _, ok := strings.Cut(line, "="); ok && strings.TrimSpace(k) == key {
			return i + 1
		}
	}
	return 0
}
