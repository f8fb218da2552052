package index

import (
	"context"
	"sync"

	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
)

// Facets.
//
// Counting facets from Bleve's doc values costs about a microsecond per
// counted photo, plus the decompression of a 1,024-document chunk per
// field for every chunk the hits touch: counting the hits of a query that
// matches a tenth of a million photos took a fifth of a second. Here:
//
//   - Facet values are read from columns (columns.go): a few array
//     increments per hit.
//   - They are counted while the search finds the hits (tally), so they
//     cost no second pass: exact, whatever the number of hits.
//   - For the empty query (the front page: every photo) the counts are
//     those of every document of each segment, kept with its columns,
//     less those of the documents deleted since. Exact, a few
//     milliseconds. (The counts of Bleve's term dictionaries cannot
//     serve: zapx v17 reports 1 for many terms that follow a term of a
//     single document in its dictionary.)
//   - A search listed by date through a window (window.go) does not visit
//     every hit, and when it counts the hits of a query of dates alone
//     from term counts it visits none: the facets then count the hits in
//     a pass of their own, all of them up to FacetExactLimit, else a
//     sample of about facetSample hits, the counts scaled up to the total
//     and Result.FacetsEstimated set.
//
// The sample is systematic by blocks of consecutive documents: the hits in
// every k-th block. Blocks rather than every k-th hit, so that the
// searcher can skip the blocks left out; at least minSampleBlocks blocks,
// spread over the whole index, because the order of documents follows the
// order of ingest, which follows time, which the year facet (and the
// news) depend on.

// FacetExactLimit is the largest number of hits whose facets a pass of
// their own counts exactly (see Result.FacetsEstimated).
const FacetExactLimit = 100_000

const (
	facetSample     = 20_000 // hits counted when sampling, roughly
	maxSampleBlock  = 1024   // documents per sampling block, at most
	minSampleBlocks = 256    // blocks in a sample, at least
)

// facets counts the facet values of the total hits of bq on r and
// returns the top size of each facet, and whether the counts are
// estimates.
func (ix *Index) facets(ctx context.Context, r index.IndexReader, bq query.Query, total uint64, size int) (map[string][]FacetTerm, bool, error) {
	out := make(map[string][]FacetTerm, len(facetFields))
	if total == 0 {
		for _, f := range facetFields {
			out[f.name] = []FacetTerm{}
		}
		return out, false, nil
	}
	if _, all := bq.(*query.MatchAllQuery); all && !ix.noSample {
		sc, ok, err := ix.cols.snapshotColumns(r)
		if err != nil {
			return nil, false, err
		}
		if ok && !ix.noColumns {
			for i, f := range facetFields {
				out[f.name] = groupFacet(sc.allCounts(i), size)
			}
			return out, false, nil
		}
	}

	// The hits of every k-th block of block documents are counted.
	k, block := uint64(1), uint64(maxSampleBlock)
	limit, sample := uint64(FacetExactLimit), uint64(facetSample)
	if ix.exactLimit > 0 {
		limit = ix.exactLimit
	}
	if ix.sampleSize > 0 {
		sample = ix.sampleSize
	}
	if total > limit && !ix.noSample {
		k = (total + sample - 1) / sample
		// Blocks shrink so that the sample has at least minSampleBlocks
		// of them: (docs/block)/k of the docs/block blocks are counted.
		docs, err := r.DocCount()
		if err != nil {
			return nil, false, err
		}
		block = min(block, max(1, docs/(k*minSampleBlocks)))
	}
	if _, all := bq.(*query.MatchAllQuery); all {
		// Bleve's match-all searcher advances one document at a time;
		// every photo has a file flag, and its two posting bitmaps skip.
		bq = query.NewDisjunctionQuery([]query.Query{termOf(fieldFile, "T"), termOf(fieldFile, "F")})
	}
	c, err := ix.newFacetCounter(r)
	if err != nil {
		return nil, false, err
	}
	var seen uint64
	next := make(index.IndexInternalID, 8)
	err = ix.eachHit(ctx, r, bq, func(dm *search.DocumentMatch) (index.IndexInternalID, error) {
		doc := dm.IndexInternalID.Value()
		if k > 1 {
			if b := doc / block; b%k != 0 {
				return index.NewIndexInternalID(next, (b/k+1)*k*block), nil
			}
		}
		seen++
		return nil, c.add(dm.IndexInternalID)
	})
	if err != nil {
		return nil, false, err
	}
	estimated := seen < total
	for i, f := range facetFields {
		m := c.result(i)
		if estimated && seen > 0 {
			for _, n := range m {
				*n = int((uint64(*n)*total + seen/2) / seen)
			}
		}
		out[f.name] = groupFacet(m, size)
	}
	return out, estimated, nil
}

// facetCounter adds up the facet values of hits.
type facetCounter interface {
	add(id index.IndexInternalID) error
	// result returns the counts of field i of facetFields, by term.
	result(i int) map[string]*int
}

// newFacetCounter counts from the facet columns, or from Bleve's doc
// values where there are none (a reader other than scorch's, or tests).
func (ix *Index) newFacetCounter(r index.IndexReader) (facetCounter, error) {
	sc, ok, err := ix.cols.snapshotColumns(r)
	if err != nil {
		return nil, err
	}
	if ok && !ix.noColumns {
		return newColumnCounter(sc), nil
	}
	fields := make([]string, len(facetFields))
	for i, f := range facetFields {
		fields[i] = f.field
	}
	dv, err := r.DocValueReader(fields)
	if err != nil {
		return nil, err
	}
	c := &dvCounter{dv: dv, counts: map[string]map[string]*int{}}
	for _, f := range facetFields {
		c.counts[f.field] = map[string]*int{}
	}
	return c, nil
}

// dvCounter counts facet values read from Bleve's doc values.
type dvCounter struct {
	dv     index.DocValueReader
	counts map[string]map[string]*int // by field, by term
}

func (c *dvCounter) add(id index.IndexInternalID) error {
	return c.dv.VisitDocValues(id, func(field string, term []byte) {
		m := c.counts[field]
		if m == nil {
			return
		}
		if n := m[string(term)]; n != nil {
			*n++
			return
		}
		n := 1
		m[string(term)] = &n
	})
}

func (c *dvCounter) result(i int) map[string]*int { return c.counts[facetFields[i].field] }

// tally counts the facet values of the hits a search finds as it finds
// them, so that facets cost no second pass over the hits. A search split
// in parts counts each part apart.
type tally struct {
	ix    *Index
	r     index.IndexReader
	mu    sync.Mutex
	parts []facetCounter
	// done reports that every hit was counted.
	done bool
}

// part returns a counter for one part of the search.
func (t *tally) part() (facetCounter, error) {
	c, err := t.ix.newFacetCounter(t.r)
	if err != nil {
		return nil, err
	}
	t.mu.Lock()
	t.parts = append(t.parts, c)
	t.mu.Unlock()
	return c, nil
}

// facets returns the top size values of each facet.
func (t *tally) facets(size int) map[string][]FacetTerm {
	out := make(map[string][]FacetTerm, len(facetFields))
	for i, f := range facetFields {
		sum := map[string]*int{}
		for _, p := range t.parts {
			for term, n := range p.result(i) {
				if s := sum[term]; s != nil {
					*s += *n
				} else {
					v := *n
					sum[term] = &v
				}
			}
		}
		out[f.name] = groupFacet(sum, size)
	}
	return out
}
