package generator

import "testing"

// FuzzFusedEscapers holds each fused chain to html/template's own chain
// for any string: a fused escaper that printed one byte differently would
// print markup or a script URL where html/template would not.
func FuzzFusedEscapers(f *testing.F) {
	for _, s := range []string{"", "plain", "a&b+c", `<b>"q"</b>`, "it's", "\x00", "é\xff", "%41", "javascript:alert(1)",
		"HTTPS://x.org/a?b=c;d", "mailto:a@b", " /p q", "data:text/html,x", "[x]!$*,@", "\ufdd0\ufffe"} {
		f.Add(s)
	}
	chains := []string{
		"_html_template_htmlescaper",
		"_html_template_attrescaper",
		"_html_template_rcdataescaper",
		"_html_template_urlfilter _html_template_urlnormalizer _html_template_attrescaper",
		"_html_template_urlnormalizer _html_template_attrescaper",
		"_html_template_urlescaper _html_template_attrescaper",
	}
	es := escapers{}
	for _, c := range chains {
		if !es.get(c).ok {
			f.Fatalf("no probe for %s", c)
		}
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, c := range chains {
			e := es.get(c)
			want, ok := e.escape(s)
			if !ok {
				t.Fatalf("%s: html/template failed on %q", c, s)
			}
			got, err := e.fused(c)(s)
			if err != nil || got != want {
				t.Errorf("%s(%q) = %q, %v; html/template gives %q", c, s, got, err, want)
			}
		}
	})
}
