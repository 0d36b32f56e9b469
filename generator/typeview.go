package generator

import (
	"strings"
	"time"

	template "github.com/ideas-hub/hub/internal/gotemplate/htmltemplate"
)

// typeFuncs are the helpers of the generic layout (layouts/type.html),
// which shows the keys of any type a site declares.
func typeFuncs(s *Site) template.FuncMap {
	m, loc := s.msgs(), s.Config.Location()
	return template.FuncMap{
		"keyLabel": keyLabel,
		// dateTime is a date with its time of day, in the site's zone.
		"dateTime": func(t time.Time) string {
			if t.IsZero() {
				return ""
			}
			return m.date(msgDateTime, t.In(loc))
		},
		"lower": strings.ToLower,
	}
}

// keyLabel names a key for readers: "published_year" is "Published year",
// "report_url" is "Report URL".
func keyLabel(name string) string {
	words := strings.FieldsFunc(name, func(r rune) bool { return r == '_' || r == '-' })
	for i, w := range words {
		if w == "url" {
			words[i] = "URL"
		}
	}
	return sentenceCase(strings.Join(words, " "))
}
