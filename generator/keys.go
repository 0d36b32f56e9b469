package generator

import (
	"github.com/ideas-hub/hub/generator/content"

	"encoding/binary"
	"hash/maphash"
	"strconv"
	"time"
)

// Output keys decide what an incremental build renders again: each output
// file gets a hash of exactly the data its layout is given, and a file is
// rendered only when its key differs from the last build's. Keys live only
// in memory, so a per-process seed is enough.
var keySeed = maphash.MakeSeed()

// hasher writes the fields of views into one maphash.
type hasher struct{ h maphash.Hash }

func newHasher() *hasher {
	k := &hasher{}
	k.h.SetSeed(keySeed)
	return k
}

func (k *hasher) str(ss ...string) *hasher {
	for _, s := range ss {
		k.h.WriteString(s)
		k.h.WriteByte(0)
	}
	return k
}

func (k *hasher) num(ns ...int) *hasher {
	for _, n := range ns {
		k.str(strconv.Itoa(n))
	}
	return k
}

func (k *hasher) time(ts ...time.Time) *hasher {
	for _, t := range ts {
		b, _ := t.MarshalBinary()
		k.h.Write(b)
	}
	return k
}

func (k *hasher) u64(vs ...uint64) *hasher {
	var b [8]byte
	for _, v := range vs {
		binary.LittleEndian.PutUint64(b[:], v)
		k.h.Write(b[:])
	}
	return k
}

func (k *hasher) sum() uint64 { return k.h.Sum64() }

func hashBytes(b []byte) uint64 { return maphash.Bytes(keySeed, b) }

func hashString(s string) uint64 { return maphash.String(keySeed, s) }

// metaKeyOf hashes everything about a page that lists, cards, feeds and
// related blocks may show: every front matter field, but not the body.
// The tags' display names are decided across the site, so they are added
// here; the rest was hashed when the file was read.
func metaKeyOf(p *content.Page) uint64 {
	k := newHasher().u64(p.OwnKey)
	for _, t := range p.Tags {
		k.str(t.Slug, t.Name)
	}
	for _, pt := range p.Terms {
		k.num(len(pt.Terms))
		for _, t := range pt.Terms {
			k.str(t.Slug, t.Name)
		}
	}
	return k.sum()
}

// ownKey hashes the fields of a page that come from its own file.
func ownKey(p *content.Page) uint64 {
	k := newHasher().str(p.Path, p.Type, p.Section, p.Slug, p.URL, p.Title, p.Summary,
		p.Image, p.ImageAlt, p.Organisation, p.Place, p.Region, p.Website,
		p.ReportTitle, p.ReportAuthor, p.ReportPublisher, p.ReportURL,
		p.Location, p.RegistrationURL, p.Organiser).
		time(p.Date, p.Updated, p.Start, p.End).
		num(p.ReportYear, boolRank(p.AllDay), boolRank(p.Online), boolRank(p.Draft)).
		u64(p.Source.FMKey) // Params: all the front matter
	if p.TimeZone != nil {
		k.str(p.TimeZone.String())
	}
	for _, pic := range p.Pictures { // the lead first: what cards show
		k.str(pic.Source, pic.Key)
	}
	for _, list := range [][]string{p.Authors, p.Aliases, p.TagNames, p.Outcomes, p.Featured} {
		k.num(len(list)).str(list...)
	}
	return k.sum()
}

// pageKeys computes page keys for one build.
type pageKeys struct {
	now time.Time
	// cardsShowBody: some layout mentions a body field (see
	// bodyNames), so a page's card may show its body.
	cardsShowBody bool
}

// upcomingMix is added to the card key of an upcoming event: whether an
// event is upcoming moves with the build clock.
const upcomingMix = 0x9e3779b97f4a7c15

// card is the key of a page as others show it. A page's meta key is set
// when the site is assembled and never changes after, so pages may be
// shared between builds, and read by a server, without a lock.
func (pk *pageKeys) card(p *content.Page) uint64 {
	k := p.MetaKey
	if pk.cardsShowBody {
		k = newHasher().u64(k, p.BodyKey).sum()
	}
	if p.IsUpcoming(pk.now) {
		k += upcomingMix
	}
	return k
}

// full is the key of a page with its body.
func (pk *pageKeys) full(p *content.Page) uint64 {
	return newHasher().u64(pk.card(p), p.BodyKey).sum()
}

// viewKey hashes a list view (home, section, tags, tag, search, 404): the
// layout it uses, the site, and its own data.
func (r *renderer) viewKey(kind string, v *View) uint64 {
	k := newHasher().u64(r.siteKey, r.ts.hashes[kind]).
		str(kind, v.Kind, v.URL, v.Title, v.DocTitle, v.Description, v.Feed)
	for _, c := range v.Breadcrumbs {
		k.str(c.Name, c.URL)
	}
	pk := r.keys // single pages are keyed by addSingle, from the page itself
	if v.Section != nil {
		k.str(v.Section.Folder)
	}
	for _, p := range v.Pages {
		k.u64(pk.card(p))
	}
	if pg := v.Pager; pg != nil {
		k.num(pg.Number, pg.Total, pg.Items)
	}
	if t := v.Taxonomy; t != nil {
		k.str(t.Name, t.Title, t.Singular)
	}
	if t := v.Term; t != nil {
		k.str(t.Slug, t.Name).num(t.Count())
		if t.About != nil {
			k.u64(t.About.Key)
		}
	}
	for _, tc := range v.TypeCounts {
		k.str(tc.Type.Name).num(tc.Count)
	}
	for _, lists := range [][]*content.Term{v.Terms, v.Tags} {
		k.num(len(lists))
		for _, t := range lists {
			k.str(t.Slug, t.Name).num(t.Count())
			if t.Taxonomy != nil { // the search page's terms are of several
				k.str(t.Taxonomy.Name)
			}
		}
	}
	for _, g := range v.Browse {
		g.key(k)
	}
	if h := v.Home; h != nil {
		for _, sp := range h.Latest {
			k.str(sp.Section.Folder)
			for _, p := range sp.Pages {
				k.u64(pk.card(p))
			}
		}
		k.str("upcoming")
		for _, p := range h.Upcoming {
			k.u64(pk.card(p))
		}
		for _, t := range h.Popular {
			k.str(t.Slug, t.Name).num(t.Count())
		}
	}
	return k.sum()
}

func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}
