package bleveengine

import (
	"cmp"
	"encoding/binary"
	"fmt"
	"math"
	"slices"

	"github.com/blevesearch/bleve/v2/numeric"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/ideas-hub/hub/search"
)

// noDate marks an undated page in columns.date.
const noDate = math.MinInt64

// maxTypes is how many content types columns.typ can tell apart.
const maxTypes = math.MaxUint8 + 1

// columns holds, for every page, what filters, facets and sorts need, read
// once when the index is opened. A query then costs a slice lookup per
// matching page instead of decoding bleve doc values per page and per
// facet search, which was most of the time of a query with facets. The index
// is read-only, so bleve's internal document numbers never change under it.
type columns struct {
	ids       []index.IndexInternalID // by ordinal
	urls      []string
	typ       []uint8        // index into the schema's Types
	taxa      []*termColumn  // by index in the schema's Taxonomies
	date      []int64        // civil time in Unix nanoseconds, or noDate
	titleRank []int32        // position in title order (ties: URL)
	byField   map[string]int // field name -> index in taxa

	// ordinal of an internal id: by its number when bleve's ids are the
	// 8-byte document numbers scorch uses (dense), else by map.
	ordByNum []int32
	ordByID  map[string]int32
}

func loadColumns(r index.IndexReader, s search.Schema) (*columns, error) {
	if len(s.Types) > maxTypes {
		return nil, fmt.Errorf("%d content types; the index holds at most %d", len(s.Types), maxTypes)
	}
	ids, err := allIDs(r)
	if err != nil {
		return nil, err
	}
	n := len(ids)
	c := &columns{
		ids:     ids,
		urls:    make([]string, n),
		typ:     make([]uint8, n),
		date:    make([]int64, n),
		byField: map[string]int{},
	}
	fields := []string{fieldType, fieldDate, fieldTitleSort}
	for i, t := range s.Taxonomies {
		f := taxonomyField(t.Name)
		c.taxa = append(c.taxa, &termColumn{start: make([]int32, 0, n+1), id: map[string]uint16{}})
		c.byField[f] = i
		fields = append(fields, f)
	}
	titles := make([]string, n)
	dvr, err := r.DocValueReader(fields)
	if err != nil {
		return nil, err
	}
	for i, id := range ids {
		if c.urls[i], err = r.ExternalID(id); err != nil {
			return nil, err
		}
		if titles[i], err = c.load(i, id, dvr, s.Types); err != nil {
			return nil, err
		}
	}
	for _, t := range c.taxa {
		t.start = append(t.start, int32(len(t.ids)))
	}
	c.rankTitles(titles)
	c.indexOrdinals()
	return c, nil
}

// allIDs returns the internal id of every page, in index order.
func allIDs(r index.IndexReader) ([]index.IndexInternalID, error) {
	all, err := r.DocIDReaderAll()
	if err != nil {
		return nil, err
	}
	var ids []index.IndexInternalID
	for {
		id, err := all.Next()
		if err != nil {
			all.Close()
			return nil, err
		}
		if id == nil {
			return ids, all.Close()
		}
		ids = append(ids, slices.Clone(id))
	}
}

// load reads the doc values of page i and returns its title sort key.
func (c *columns) load(i int, id index.IndexInternalID, dvr index.DocValueReader, types []string) (title string, err error) {
	c.date[i] = noDate
	for _, t := range c.taxa {
		t.start = append(t.start, int32(len(t.ids)))
	}
	var verr error
	err = dvr.VisitDocValues(id, func(field string, term []byte) {
		switch field {
		case fieldType:
			if t := slices.Index(types, string(term)); t >= 0 {
				c.typ[i] = uint8(t)
			} else {
				verr = fmt.Errorf("%s: unknown type %q in index", c.urls[i], term)
			}
		case fieldDate:
			// The one term dateTerm wrote, prefix coded at shift 0.
			pc := numeric.PrefixCoded(term)
			if shift, err := pc.Shift(); err == nil && shift == 0 {
				if v, err := pc.Int64(); err == nil {
					c.date[i] = v
				}
			}
		case fieldTitleSort:
			title = string(term)
		default:
			if j, ok := c.byField[field]; ok {
				t := c.taxa[j]
				t.ids = append(t.ids, t.intern(string(term)))
			}
		}
	})
	return title, cmp.Or(err, verr)
}

// rankTitles sets each page's place in title order, ties broken by URL.
func (c *columns) rankTitles(titles []string) {
	order := make([]int32, len(titles))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int {
		return cmp.Or(cmp.Compare(titles[a], titles[b]), cmp.Compare(c.urls[a], c.urls[b]))
	})
	c.titleRank = make([]int32, len(titles))
	for rank, ord := range order {
		c.titleRank[ord] = int32(rank)
	}
}

func (c *columns) indexOrdinals() {
	var maxNum uint64
	dense := true
	for _, id := range c.ids {
		if len(id) != 8 {
			dense = false
			break
		}
		maxNum = max(maxNum, binary.BigEndian.Uint64(id))
	}
	if dense && maxNum < uint64(4*len(c.ids)+1024) {
		c.ordByNum = make([]int32, maxNum+1)
		for i := range c.ordByNum {
			c.ordByNum[i] = -1
		}
		for ord, id := range c.ids {
			c.ordByNum[binary.BigEndian.Uint64(id)] = int32(ord)
		}
		return
	}
	c.ordByID = make(map[string]int32, len(c.ids))
	for ord, id := range c.ids {
		c.ordByID[string(id)] = int32(ord)
	}
}

// ordinal returns the ordinal of an internal id, or -1.
func (c *columns) ordinal(id index.IndexInternalID) int32 {
	if c.ordByNum != nil {
		if len(id) != 8 {
			return -1
		}
		if n := binary.BigEndian.Uint64(id); n < uint64(len(c.ordByNum)) {
			return c.ordByNum[n]
		}
		return -1
	}
	if ord, ok := c.ordByID[string(id)]; ok {
		return ord
	}
	return -1
}

// termColumn holds the terms of one taxonomy for every page.
type termColumn struct {
	start []int32           // the terms of page i are ids[start[i]:start[i+1]]
	ids   []uint16          //
	names []string          // term id -> slug
	id    map[string]uint16 // slug -> term id
}

func (t *termColumn) intern(slug string) uint16 {
	if id, ok := t.id[slug]; ok {
		return id
	}
	id := uint16(len(t.names)) // 65,536 distinct terms is far beyond any hub
	t.id[slug] = id
	t.names = append(t.names, slug)
	return id
}

// of returns the term ids of page ord.
func (t *termColumn) of(ord int32) []uint16 { return t.ids[t.start[ord]:t.start[ord+1]] }

// taxonomyField is the field that holds a taxonomy's terms.
func taxonomyField(name string) string {
	if name == search.TagsName {
		return fieldTags
	}
	return termsField(name)
}
