package generator

import (
	"bytes"
	"cmp"
	"fmt"
	"image/color"
	"io/fs"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/ideas-hub/hub/generator/content"
	"github.com/ideas-hub/hub/generator/imageproc"
	"github.com/ideas-hub/hub/generator/markdown"
	template "github.com/ideas-hub/hub/internal/gotemplate/htmltemplate"
)

// The files pictures publish, and each page's Open Graph image.

// cardFile is the Open Graph card of a page without a picture, in its
// folder: "/stories/a/og.png".
const cardFile = "og.png"

// pictureState is what a render knows of pictures: the files added so far
// (a picture on several pages is written once) and its use of the store's
// cards.
type pictureState struct {
	added  map[string]bool
	batch  *imageproc.CardBatch
	colors map[string]imageproc.CardColors // by type name, read from the theme's CSS
	css    []byte
	mu     sync.Mutex
}

// again is the state for a patch of the render it was made for: its
// colours, and no files added or cards drawn yet.
func (ps *pictureState) again(store *imageproc.Store) *pictureState {
	return &pictureState{added: map[string]bool{}, batch: store.BeginCards(), colors: ps.colors, css: ps.css}
}

// addPictures adds the files of the pictures p shows, and its card when
// it has no picture of its own.
func (r *renderer) addPictures(p *content.Page) {
	ps := r.pics
	store := r.site.opts.Images
	for _, pic := range p.Pictures {
		if pic.AsIs {
			// SVG and GIF beside a content file are published as they are;
			// in static/, addStatic copies them.
			if rel := strings.TrimPrefix(pic.SourceURL(), "/"); strings.HasPrefix(pic.Source, ContentDir+"/") && !ps.added[rel] {
				ps.added[rel] = true
				src := pic.Source
				r.add(rel, "", hashString(pic.Source+"\x00"+pic.Key), func(b *bytes.Buffer) error {
					data, err := fs.ReadFile(r.site.opts.Site, src)
					b.Write(data)
					return err
				})
			}
			continue
		}
		for rel, v := range pic.Files() {
			if ps.added[rel] {
				continue
			}
			ps.added[rel] = true
			r.add(rel, "", hashString(v.Sum), func(b *bytes.Buffer) error {
				data, err := store.Open(v)
				b.Write(data)
				return err
			})
		}
	}
	if !needsCard(p) {
		return
	}
	card := imageproc.Card{Title: p.Title, Site: r.site.Config.Title, Colors: r.cardColors(p.Type)}
	if p.Type != content.Plain {
		card.Kind = r.site.Config.Types.Singular(p.Type)
	}
	r.addCard(strings.TrimPrefix(p.URL, "/")+cardFile, card)
}

func (r *renderer) addCard(rel string, card imageproc.Card) {
	c := card.Colors
	key := newHasher().str("card", card.Title, card.Kind, card.Site,
		fmt.Sprint(c.Background, c.Text, c.Brand, c.Line, c.KindText, c.KindBackground)).sum()
	batch := r.pics.batch
	r.add(rel, "", key, func(b *bytes.Buffer) error {
		// Drawn straight into the file's buffer, not into one of its own.
		b.Grow(imageproc.CardSizeHint)
		data, err := batch.Card(b.AvailableBuffer(), card)
		b.Write(data)
		return err
	})
}

// addSiteCard adds the site's card, /og.png: the Open Graph image of the
// home page, the lists, the term pages and the search page. One card
// serves them all: such a page is the site seen through a filter, its
// og:title already says which, and a card per term would be drawn for
// thousands of terms that are rarely shared. It shows the site's
// description (its title when it has none) over its name. A site with a
// static/og.png of its own publishes that instead.
func (r *renderer) addSiteCard() {
	if isFile(r.site.opts.Site, "static/"+cardFile) {
		return
	}
	cfg := r.site.Config
	r.addCard(cardFile, imageproc.Card{Title: cmp.Or(cfg.Description, cfg.Title), Site: cfg.Title, Colors: r.cardColors("")})
}

// needsCard reports whether p's Open Graph image is a card made for it:
// it has no picture a social site can show (SVG is none).
func needsCard(p *content.Page) bool {
	if p.Picture != nil {
		return p.Picture.CropURL() == "" && (p.Picture.AsIs && p.Picture.Format == imageproc.SVG)
	}
	return !strings.Contains(p.Image, "://")
}

// ogImage is the site path or absolute URL of p's Open Graph image.
func ogImage(p *content.Page) string {
	switch {
	case p.Picture != nil && p.Picture.CropURL() != "":
		return p.Picture.CropURL()
	case p.Picture != nil && !needsCard(p):
		return p.Picture.SourceURL()
	case p.Picture == nil && strings.Contains(p.Image, "://"):
		return p.Image
	}
	return p.URL + cardFile
}

// pictureSources lists the files of static/ that published pages show as
// processed pictures: they are published only as their variants.
func (s *Site) pictureSources() map[string]bool {
	used := map[string]bool{}
	for _, p := range s.Pages {
		for _, pic := range p.Pictures {
			if !pic.AsIs {
				used[pic.Source] = true
			}
		}
	}
	return used
}

// cardColors are the theme's colours for a card of type typ, read from
// its stylesheet's custom properties (the light scheme's, written first):
// --bg, --text, --brand, --line, and the type's --c and --cb.
func (r *renderer) cardColors(typ string) imageproc.CardColors {
	ps := r.pics
	ps.mu.Lock()
	defer ps.mu.Unlock()
	if c, ok := ps.colors[typ]; ok {
		return c
	}
	c := imageproc.CardColors{
		Background: cssColor(ps.css, ":root", "--bg", color.RGBA{0xfb, 0xfa, 0xf7, 0xff}),
		Text:       cssColor(ps.css, ":root", "--text", color.RGBA{0x1c, 0x23, 0x20, 0xff}),
		Brand:      cssColor(ps.css, ":root", "--brand", color.RGBA{0x0b, 0x5f, 0x52, 0xff}),
		Line:       cssColor(ps.css, ":root", "--line", color.RGBA{0xdc, 0xd8, 0xcf, 0xff}),
	}
	c.KindText = cssColor(ps.css, ".type-"+typ, "--c", cssColor(ps.css, ".type", "--c", c.Brand))
	c.KindBackground = cssColor(ps.css, ".type-"+typ, "--cb", cssColor(ps.css, ".type", "--cb", c.Line))
	ps.colors[typ] = c
	return c
}

// cssColor reads the first "#rrggbb" value of a custom property in the
// first rule for selector.
func cssColor(css []byte, selector, prop string, fallback color.RGBA) color.RGBA {
	rule := regexp.MustCompile(regexp.QuoteMeta(selector) + `\s*\{([^}]*)\}`).FindSubmatch(css)
	if rule == nil {
		return fallback
	}
	m := regexp.MustCompile(regexp.QuoteMeta(prop) + `\s*:\s*#([0-9a-fA-F]{6})\b`).FindSubmatch(rule[1])
	if m == nil {
		return fallback
	}
	v, _ := strconv.ParseUint(string(m[1]), 16, 32)
	return color.RGBA{uint8(v >> 16), uint8(v >> 8), uint8(v), 0xff}
}

// pictureFuncs are the template functions of pictures.
func pictureFuncs() template.FuncMap {
	return template.FuncMap{
		// picture is the <picture> of a processed image: alt, its sizes
		// attribute, and whether it may load lazily (not at the top).
		"picture": func(p *imageproc.Placed, alt, sizes string, lazy bool) template.HTML {
			if p == nil {
				return ""
			}
			return template.HTML(markdown.PictureHTML(p, alt, "", sizes, lazy))
		},
		"ogImage": ogImage,
		// siteCard is the site path of the site's card (addSiteCard).
		"siteCard": func() string { return "/" + cardFile },
	}
}

// pictureTargets brings the link check's URLs in step with what pictures
// publish: a processed picture of static/ is not published as it is, and
// its variants and the cards (the pages' and the site's) are.
func (l *loader) pictureTargets(t *siteTargets, published map[string]bool) {
	t.add("/"+cardFile, linkTarget{}) // the site's card
	for file, e := range l.entries {
		p := e.page
		if p == nil || !published[file] {
			continue
		}
		for _, pic := range p.Pictures {
			if pic.AsIs {
				t.add(pic.SourceURL(), linkTarget{kind: targetStatic})
				continue
			}
			if src, ok := strings.CutPrefix(pic.Source, "static/"); ok && t.urls["/"+src].kind == targetStatic {
				delete(t.urls, "/"+src)
			}
			for rel := range pic.Files() {
				t.add("/"+rel, linkTarget{kind: targetStatic})
			}
		}
		if needsCard(p) {
			t.add(p.URL+cardFile, linkTarget{})
		}
	}
}

// publishedImage is the site path of p's picture as published, for
// JSON-LD: its widest variant (the source is not published), the file as
// it is for SVG and GIF, else the front matter's image as written.
func publishedImage(p *content.Page) string {
	switch {
	case p.Picture == nil:
		return p.Image
	case p.Picture.AsIs:
		return p.Picture.SourceURL()
	}
	return p.Picture.Src(1 << 30)
}
