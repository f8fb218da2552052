package index

import (
	"fmt"
	"sort"
	"sync"

	"github.com/blevesearch/bleve/v2/index/scorch"
	index "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// Facet columns.
//
// Bleve keeps doc values compressed in chunks of 1,024 documents, and
// reading one document's values means decompressing its chunk for every
// field: some 25 µs per field. Counting the facets of a few thousand hits
// spread over a million photos therefore decompresses every chunk, a
// tenth of a second, however few the hits. So the facet values of each
// segment are read once, into columns: per facet field, the field's terms
// and, per document, the ordinals of its terms. Counting a hit is then a
// few array increments.
//
// Segments never change once written (deletions are a separate bitmap,
// and the hits come from searchers that honour it), so columns are kept
// per segment, by segment ID, until the segment is merged away; a new
// index (Rebuild) starts a new cache. Building the columns of a segment
// of a million photos takes about a second; Rebuild builds them before
// swapping the new index in, and Sync's small segments take little.
// This is derived data, like Lucene's field cache, not a cache of
// answers: every count is made from the hits of the search at hand.

// segColumns are the facet columns of one segment.
type segColumns struct {
	terms [][]string // per field of facetFields: ordinal → term
	offs  [][]uint32 // per field: document → start of its ordinals; one more at the end
	ords  [][]uint32 // per field: the ordinals, document after document
	all   [][]uint32 // per field: ordinal → number of documents, deleted ones included
}

// snapColumns are the columns of the segments of one snapshot.
type snapColumns struct {
	cols    []*segColumns
	starts  []uint64   // first document number of each segment
	deleted [][]uint32 // deleted documents of each segment
}

// columnCache holds the columns of the segments in use.
type columnCache struct {
	mu   sync.Mutex
	segs map[uint64]*columnEntry
}

type columnEntry struct {
	once sync.Once
	cols *segColumns
	err  error
}

func newColumnCache() *columnCache { return &columnCache{segs: map[uint64]*columnEntry{}} }

// snapshotColumns returns the columns of every segment of the snapshot
// read by r, building the missing ones; ok is false when r is not a
// scorch snapshot.
func (c *columnCache) snapshotColumns(r index.IndexReader) (*snapColumns, bool, error) {
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return nil, false, nil
	}
	segs := snap.Segments()
	entries := make([]*columnEntry, len(segs))
	c.mu.Lock()
	live := make(map[uint64]bool, len(segs))
	for i, ss := range segs {
		live[ss.Id()] = true
		e := c.segs[ss.Id()]
		if e == nil {
			e = &columnEntry{}
			c.segs[ss.Id()] = e
		}
		entries[i] = e
	}
	if len(c.segs) > 2*len(segs)+8 {
		// Segments merged away; a search still reading an older snapshot
		// may build one of them again, which costs time, not correctness.
		for id := range c.segs {
			if !live[id] {
				delete(c.segs, id)
			}
		}
	}
	c.mu.Unlock()

	sc := &snapColumns{}
	var start uint64
	for i, ss := range segs {
		e := entries[i]
		e.once.Do(func() { e.cols, e.err = buildColumns(ss) })
		if e.err != nil {
			return nil, true, e.err
		}
		sc.cols = append(sc.cols, e.cols)
		sc.starts = append(sc.starts, start)
		var del []uint32
		if d := ss.Deleted(); d != nil {
			del = d.ToArray()
		}
		sc.deleted = append(sc.deleted, del)
		start += uint64(ss.FullSize())
	}
	return sc, true, nil
}

// allCounts returns the counts of field f of facetFields over every live
// document, by term.
func (sc *snapColumns) allCounts(f int) map[string]*int {
	out := map[string]*int{}
	for s, c := range sc.cols {
		counts := append([]uint32(nil), c.all[f]...)
		for _, doc := range sc.deleted[s] {
			if int(doc)+1 < len(c.offs[f]) {
				for _, o := range c.ords[f][c.offs[f][doc]:c.offs[f][doc+1]] {
					counts[o]--
				}
			}
		}
		addCounts(out, c.terms[f], counts)
	}
	return out
}

// addCounts adds counts, by ordinal of terms, to out, by term.
func addCounts(out map[string]*int, terms []string, counts []uint32) {
	for o, n := range counts {
		if n == 0 {
			continue
		}
		if p := out[terms[o]]; p != nil {
			*p += int(n)
		} else {
			v := int(n)
			out[terms[o]] = &v
		}
	}
}

// buildColumns reads the facet doc values of every document of a segment.
func buildColumns(ss *scorch.SegmentSnapshot) (*segColumns, error) {
	dv, ok := ss.Segment().(segment.DocValueVisitable)
	if !ok {
		return nil, fmt.Errorf("index: segment %d has no doc values", ss.Id())
	}
	n := uint64(ss.FullSize())
	fields := make([]string, len(facetFields))
	for i, f := range facetFields {
		fields[i] = f.field
	}
	c := &segColumns{
		terms: make([][]string, len(fields)),
		offs:  make([][]uint32, len(fields)),
		ords:  make([][]uint32, len(fields)),
	}
	byTerm := make([]map[string]uint32, len(fields))
	for i := range fields {
		byTerm[i] = map[string]uint32{}
		c.offs[i] = make([]uint32, 1, n+1)
		c.ords[i] = make([]uint32, 0, n)
	}
	fieldIndex := func(field string) int {
		for i, f := range fields {
			if f == field {
				return i
			}
		}
		return -1
	}
	visit := func(field string, term []byte) {
		i := fieldIndex(field)
		if i < 0 {
			return
		}
		o, ok := byTerm[i][string(term)]
		if !ok {
			o = uint32(len(c.terms[i]))
			t := string(term)
			byTerm[i][t] = o
			c.terms[i] = append(c.terms[i], t)
		}
		c.ords[i] = append(c.ords[i], o)
	}
	var state segment.DocVisitState
	var err error
	for doc := range n {
		if state, err = dv.VisitDocValues(doc, fields, visit, state); err != nil {
			return nil, err
		}
		for i := range fields {
			c.offs[i] = append(c.offs[i], uint32(len(c.ords[i])))
		}
	}
	c.all = make([][]uint32, len(fields))
	for i := range fields {
		c.all[i] = make([]uint32, len(c.terms[i]))
		for _, o := range c.ords[i] {
			c.all[i][o]++
		}
	}
	return c, nil
}

// columnCounter adds up the facet values of hits from columns.
type columnCounter struct {
	cols   []*segColumns
	starts []uint64
	counts [][][]uint32 // per segment, per field, per ordinal
	seg    int          // segment of the last hit: hits come in order
}

func newColumnCounter(sc *snapColumns) *columnCounter {
	cc := &columnCounter{cols: sc.cols, starts: sc.starts, counts: make([][][]uint32, len(sc.cols))}
	for s, c := range sc.cols {
		cc.counts[s] = make([][]uint32, len(c.terms))
		for f, terms := range c.terms {
			cc.counts[s][f] = make([]uint32, len(terms))
		}
	}
	return cc
}

// add counts the values of a hit.
func (cc *columnCounter) add(id index.IndexInternalID) error {
	doc := id.Value()
	s := cc.seg
	if doc < cc.starts[s] || s+1 < len(cc.starts) && doc >= cc.starts[s+1] {
		s = sort.Search(len(cc.starts), func(i int) bool { return cc.starts[i] > doc }) - 1
		cc.seg = s
	}
	c := cc.cols[s]
	local := doc - cc.starts[s]
	if local+1 >= uint64(len(c.offs[0])) {
		return fmt.Errorf("index: document %d is not in its segment", doc)
	}
	for f := range c.ords {
		counts := cc.counts[s][f]
		for _, o := range c.ords[f][c.offs[f][local]:c.offs[f][local+1]] {
			counts[o]++
		}
	}
	return nil
}

// result returns the counts of field f of facetFields, by term.
func (cc *columnCounter) result(f int) map[string]*int {
	out := map[string]*int{}
	for s, c := range cc.cols {
		addCounts(out, c.terms[f], cc.counts[s][f])
	}
	return out
}
