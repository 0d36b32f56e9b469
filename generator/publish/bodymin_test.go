package publish

import (
	"bytes"
	"strings"
	"testing"

	"github.com/tdewolff/minify/v2"

	"github.com/ideas-hub/hub/generator/content"
	"github.com/ideas-hub/hub/generator/diag"
	"github.com/ideas-hub/hub/generator/markdown"
	"github.com/ideas-hub/hub/internal/hubtest"
	"github.com/ideas-hub/hub/internal/synth"
)

// sameAsMinifier checks src through MinifyBody against the minifier
// itself, and reports whether the fast path took it.
func sameAsMinifier(t *testing.T, m *minify.M, src []byte) (fast bool) {
	t.Helper()
	var want bytes.Buffer
	werr := m.Minify("text/html", &want, bytes.NewReader(src))
	var got bytes.Buffer
	fast = fastMinify(m, &got, src)
	if !fast {
		if got.Len() != 0 {
			t.Errorf("the fast path gave up on %q yet wrote %q", src, got.Bytes())
		}
		return false
	}
	if werr != nil {
		t.Errorf("the minifier failed on %q (%v), yet the fast path wrote %q", src, werr, got.Bytes())
	} else if !bytes.Equal(got.Bytes(), want.Bytes()) {
		t.Errorf("minifying %q:\nfast path %q\nminifier  %q", src, got.Bytes(), want.Bytes())
	}
	return true
}

func TestMinifyBodyWritesWhatTheMinifierWrites(t *testing.T) {
	m := NewMinifier()
	cases := []struct {
		html string
		fast bool // the fast path takes it
	}{
		{"<p>One two.</p>\n<p>Three.</p>\n", true},
		{"<p>A <strong>bold</strong> word and <em>one</em> more.</p>\n", true},
		{"<p>Ends with a space <strong>x </strong> y</p>", true},
		{"<p>space before a block </p>\n<ul>\n<li>one</li>\n<li> two </li>\n</ul>\n", true},
		{"<p>text   with\n\n  runs\tof  space</p>", true},
		{"<p>a\tb</p>", true}, {"<p>a\rb</p>", true}, {"<p>a\fb</p>", true}, {"<p>a\nb\n</p>", true},
		{"<p>a \nb</p>", true}, {"<p>a\n b</p>", true}, {"<p>a\n\nb</p>", true}, {"<p>\na</p>", true}, {"<p>a\n</p>", true},
		{"<p>Tom &amp; Jerry</p>", true},
		{"<p>Don&rsquo;t &ldquo;quote&rdquo; &amp; &lt;tag&gt; &quot;x&quot; &#39;y&#39; &#x21a9;&#xfe0e;</p>", true},
		{"<pre><code class=\"language-go\">if a &lt; b {\n    x  :=  &quot;y&quot;\n}\n</code></pre>\n<p>after</p>", true},
		{"<h2 id=\"what-changed\">What changed</h2>\n", true},
		{"<p><a href=\"/a/b/\">in</a> and <a href=\"https://x.org/?a=1&amp;b=2\" title=\"a &quot;t&quot; 'q'\">out</a></p>", true},
		{"<p><a href=\"HTTPS://X.org/\">up</a> <a href=\"Http://x.org/\">mixed</a> <a href=\" /padded/ \">pad</a></p>", true},
		{"<p><a href=\"data:text/plain,hi\">data</a></p>", false},
		{"<table>\n<thead>\n<tr>\n<th style=\"text-align:left\">A</th>\n<th style=\"text-align: center\">B</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td style=\"text-align:right\">1 </td>\n<td>2</td>\n</tr>\n</tbody>\n</table>\n", true},
		{"<ul>\n<li><input type=\"checkbox\" checked disabled aria-label=\"Done\"> done</li>\n<li><input type=\"checkbox\" disabled=\"\" aria-label=\"Not done\"> to do</li>\n</ul>\n", true},
		{"<p class=\"\" id=\"\">empty class and id go</p>", true},
		{"<p class=\"  a   b \">trimmed class</p>", true},
		{"<figure><picture><source type=\"image/WEBP\" srcset=\"/a.webp 400w, /b.webp 800w\" sizes=\"(min-width: 50rem) 45rem, 100vw\"><img src=\"/a.jpg\" srcset=\"/a.jpg 400w\" sizes=\"100vw\" width=\"800\" height=\"600\" alt=\"A bus at night\" title=\"t\" loading=\"lazy\" decoding=\"async\"></picture><figcaption>Night bus</figcaption></figure>", true},
		{"<p>An empty <span></span> phrase and <code></code> code</p>", true},
		{"<p>a<br>\nb</p><hr>\n<blockquote>\n<p>q</p>\n</blockquote>\n", true},
		{"<p><sup id=\"fnref:1\"><a href=\"#fn:1\" class=\"footnote-ref\" role=\"doc-noteref\">1</a></sup></p>\n<div class=\"footnotes\" role=\"doc-endnotes\">\n<hr>\n<ol>\n<li id=\"fn:1\">\n<p>Note.&#160;<a href=\"#fnref:1\" class=\"footnote-backref\" role=\"doc-backlink\">&#x21a9;&#xfe0e;</a></p>\n</li>\n</ol>\n</div>\n", true},
		{"<ol start=\"3\">\n<li>three</li>\n</ol>\n<p><del>gone</del> <s>struck</s></p>", true},
		// Outside what the fast path knows: the minifier takes these.
		{"<!-- a comment --><p>x</p>", false},
		{"<p>x</p><script>var a = 1;</script>", false},
		{"<p onclick=\"f()\">x</p>", false},
		{"<p>a < b</p>", false},
		{"<br/>", false},
		{"<P>upper</P>", false},
		{"<p data-x=\"1\">x</p>", false},
		{"<p title='single'>x</p>", false},
		{"<p>unclosed <a href=\"x\"", false},
		{"<p >x</p >", false},
	}
	for _, c := range cases {
		if fast := sameAsMinifier(t, m, []byte(c.html)); fast != c.fast {
			t.Errorf("fast path took %q: %v, want %v", c.html, fast, c.fast)
		}
	}

	// A space before many closing tags: the minifier looks 100 tokens on.
	deep := "<p>x " + strings.Repeat("</em>", 120) + "<p>y</p>"
	sameAsMinifier(t, m, []byte("<p>"+strings.Repeat("<em>", 120)+deep[3:]))
}

// renderBody renders markdown as the build does, without links checked.
func renderBody(t testing.TB, src []byte) []byte {
	md := markdown.New(markdown.TaskLabels{Done: "Done", NotDone: "Not done"})
	var b bytes.Buffer
	if err := md.Convert(src, &b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestMinifyBodyOnRealBodies holds the fast path to the minifier on every
// body of the hub's own content and of a synthetic hub, and checks that
// it took almost all of them.
func TestMinifyBodyOnRealBodies(t *testing.T) {
	m := NewMinifier()
	files := hubtest.OwnMarkdown(t)
	own := len(files)
	files = append(files, synth.Markdown(synth.Options{Pages: 300, Seed: 7})...)
	var bodies [][]byte
	for _, data := range files {
		if src, ok := content.ParseSource(data, &diag.List{}); ok {
			bodies = append(bodies, src.Body)
		}
	}
	fast := 0
	for _, b := range bodies {
		if sameAsMinifier(t, m, renderBody(t, b)) {
			fast++
		}
	}
	t.Logf("the fast path took %d of %d bodies", fast, len(bodies))
	if fast < len(bodies)*95/100 {
		t.Errorf("the fast path took %d of %d bodies (%d of the hub's own)", fast, len(bodies), own)
	}
}

// FuzzMinifyBody holds the fast path to the minifier on rendered markdown
// and on raw HTML: wherever it does not give up, the bytes are the same.
func FuzzMinifyBody(f *testing.F) {
	for _, s := range []string{
		"# Title\n\nSome *text* with a [link](https://example.org/a?b=1&c=2 \"t\").\n\n- one\n- two\n",
		"| a | b |\n|:--|--:|\n| 1 | 2 |\n",
		"```go\nif a < b {}\n```\n\n> quote\n\n1. x\n2. y\n",
		"- [x] done\n- [ ] todo\n\nText[^1].\n\n[^1]: A note.\n",
		"\"Quotes\" -- and ... 'single' ~~struck~~ <b>raw</b> &amp; &copy;\n",
		"<p>x <em>y </em> z</p>\n<ul><li> a </li></ul>",
	} {
		f.Add(s)
	}
	m := NewMinifier()
	f.Fuzz(func(t *testing.T, s string) {
		sameAsMinifier(t, m, renderBody(t, []byte(s)))
		sameAsMinifier(t, m, []byte(s))
	})
}

// benchBodies renders the bodies of a 300-page synthetic hub.
func benchBodies(b *testing.B) (bodies [][]byte, size int64) {
	for _, data := range synth.Markdown(synth.Options{Pages: 300, Seed: 7}) {
		if src, ok := content.ParseSource(data, &diag.List{}); ok {
			body := renderBody(b, src.Body)
			bodies = append(bodies, body)
			size += int64(len(body))
		}
	}
	return bodies, size
}

// BenchmarkMinifyBody compares the fast path with the minifier on the
// same bodies: go test -bench MinifyBody ./generator/publish/
func BenchmarkMinifyBody(b *testing.B) {
	bodies, size := benchBodies(b)
	m := NewMinifier()
	for _, bc := range []struct {
		name   string
		minify func(dst *bytes.Buffer, src []byte) error
	}{
		{"fast", func(dst *bytes.Buffer, src []byte) error { return MinifyBody(m, dst, src) }},
		{"minifier", func(dst *bytes.Buffer, src []byte) error {
			return m.Minify("text/html", dst, bytes.NewReader(src))
		}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			var dst bytes.Buffer
			b.SetBytes(size)
			for b.Loop() {
				for _, body := range bodies {
					dst.Reset()
					if err := bc.minify(&dst, body); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}
