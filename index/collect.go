package index

import (
	"context"
	"math"
	"runtime"
	"sort"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/collector"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	index "github.com/blevesearch/bleve_index_api"
)

// parallelMin is the searcher's size estimate (Bleve's Count) from which
// collect searches the two halves of the index at once.
const parallelMin = 50_000

// collect runs bq on r and returns the page [offset, offset+limit) in
// the given order, and the number of hits. score is Bleve's scoring mode
// ("" for relevance, bleve.ScoreNone when the order does not use it).
// Every hit is counted into t, unless t is nil.
//
// A big query is run as two searches, over the first and the second half
// of the document numbers, in two goroutines, and their pages merged:
// every hit is scored alone, so the merged page is the one a single
// search would give, in the same order (ties go in index order).
func (ix *Index) collect(ctx context.Context, r index.IndexReader, bq query.Query, offset, limit int, order search.SortOrder, score string, t *tally) (search.DocumentMatchCollection, uint64, error) {
	s, err := bq.Searcher(ctx, r, ix.m, search.SearcherOptions{Score: score})
	if err != nil {
		return nil, 0, err
	}
	docs, err := r.DocCount()
	if err != nil {
		_ = s.Close()
		return nil, 0, err
	}
	split := uint64(parallelMin)
	if ix.splitMin > 0 {
		split = ix.splitMin
	}
	if ix.noParallel || runtime.GOMAXPROCS(0) < 2 || s.Count() < split || docs < 2 {
		rs := &rangeSearcher{Searcher: s, end: math.MaxUint64, id: make(index.IndexInternalID, 8)}
		defer rs.Close()
		if t != nil {
			if rs.tap, err = t.part(); err != nil {
				return nil, 0, err
			}
		}
		hits, total, err := ix.runPart(ctx, r, rs, offset, limit, order, score)
		if err != nil {
			return nil, 0, err
		}
		if t != nil {
			t.done = true
		}
		return hits, total, nil
	}

	s2, err := bq.Searcher(ctx, r, ix.m, search.SearcherOptions{Score: score})
	if err != nil {
		_ = s.Close()
		return nil, 0, err
	}
	mid := docs / 2
	parts := []*rangeSearcher{
		{Searcher: s, end: mid, id: make(index.IndexInternalID, 8)},
		{Searcher: s2, start: mid, end: math.MaxUint64, id: make(index.IndexInternalID, 8)},
	}
	for _, p := range parts {
		if t != nil {
			if p.tap, err = t.part(); err != nil {
				_ = s.Close()
				_ = s2.Close()
				return nil, 0, err
			}
		}
	}
	type result struct {
		hits  search.DocumentMatchCollection
		total uint64
		err   error
	}
	results := make([]result, len(parts))
	var wg sync.WaitGroup
	for i, p := range parts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer p.Close()
			// Sort fields keep the values of the hit being read: one copy
			// of the order per collector.
			hits, total, err := ix.runPart(ctx, r, p, 0, offset+limit, order.Copy(), score)
			results[i] = result{hits, total, err}
		}()
	}
	wg.Wait()
	var all search.DocumentMatchCollection
	var total uint64
	for _, res := range results {
		if res.err != nil {
			return nil, 0, res.err
		}
		all = append(all, res.hits...)
		total += res.total
	}
	if t != nil {
		t.done = true
	}
	// Ties are broken by hit number, which each collector counted from
	// one: the document number gives the single search's order.
	for _, h := range all {
		h.HitNumber = h.IndexInternalID.Value()
	}
	isScore, desc := order.CacheIsScore(), order.CacheDescending()
	sort.SliceStable(all, func(i, j int) bool { return order.Compare(isScore, desc, all[i], all[j]) < 0 })
	if offset >= len(all) {
		return search.DocumentMatchCollection{}, total, nil
	}
	return all[offset:min(len(all), offset+limit)], total, nil
}

// runPart returns the page [offset, offset+limit) of the hits of p in the
// given order, and their number. A word searched alone and ranked by
// relevance is collected by its own loop (anyTermSearcher.top), which
// makes no DocumentMatch for the hits that do not make the page.
func (ix *Index) runPart(ctx context.Context, r index.IndexReader, p *rangeSearcher, offset, limit int, order search.SortOrder, score string) (search.DocumentMatchCollection, uint64, error) {
	if ts, ok := p.Searcher.(*anyTermSearcher); ok && !ix.noTop && score == "" && len(order) == 1 && order[0].RequiresScoring() {
		top, total, err := ts.top(ctx, offset+limit, p.start, p.end, p.tap)
		if err != nil {
			return nil, 0, err
		}
		hits := make(search.DocumentMatchCollection, 0, max(len(top)-offset, 0))
		for _, h := range top[min(offset, len(top)):] {
			dm := &search.DocumentMatch{IndexInternalID: index.NewIndexInternalID(nil, h.doc), Score: h.score, HitNumber: h.doc}
			if dm.ID, err = r.ExternalID(dm.IndexInternalID); err != nil {
				return nil, 0, err
			}
			hits = append(hits, dm)
		}
		return hits, total, nil
	}
	coll := collector.NewTopNCollector(limit, offset, order)
	if err := coll.Collect(ctx, p, r); err != nil {
		return nil, 0, err
	}
	return coll.Results(), coll.Total(), nil
}

// rangeSearcher passes on the hits of a searcher with document numbers
// in [start, end), counting their facets into tap if not nil.
type rangeSearcher struct {
	search.Searcher
	start, end uint64
	tap        facetCounter
	started    bool
	id         index.IndexInternalID // scratch
}

func (s *rangeSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	if !s.started && s.start > 0 {
		return s.Advance(ctx, index.NewIndexInternalID(s.id, s.start))
	}
	s.started = true
	dm, err := s.Searcher.Next(ctx)
	return s.clip(ctx, dm, err)
}

func (s *rangeSearcher) Advance(ctx *search.SearchContext, id index.IndexInternalID) (*search.DocumentMatch, error) {
	s.started = true
	if id.Value() < s.start {
		id = index.NewIndexInternalID(s.id, s.start)
	}
	dm, err := s.Searcher.Advance(ctx, id)
	return s.clip(ctx, dm, err)
}

func (s *rangeSearcher) clip(ctx *search.SearchContext, dm *search.DocumentMatch, err error) (*search.DocumentMatch, error) {
	if err != nil || dm == nil {
		return nil, err
	}
	if dm.IndexInternalID.Value() >= s.end {
		ctx.DocumentMatchPool.Put(dm)
		return nil, nil
	}
	if s.tap != nil {
		if err := s.tap.add(dm.IndexInternalID); err != nil {
			return nil, err
		}
	}
	return dm, nil
}

// count returns the number of hits of bq on r, without scoring, sorting
// or loading anything; the hits it visits are counted into t, unless t is
// nil.
func (ix *Index) count(ctx context.Context, r index.IndexReader, bq query.Query, t *tally) (uint64, error) {
	if _, all := bq.(*query.MatchAllQuery); all {
		return r.DocCount()
	}
	var tap facetCounter
	if t != nil {
		var err error
		if tap, err = t.part(); err != nil {
			return 0, err
		}
	}
	var n uint64
	err := ix.eachHit(ctx, r, bq, func(dm *search.DocumentMatch) (index.IndexInternalID, error) {
		n++
		if tap != nil {
			return nil, tap.add(dm.IndexInternalID)
		}
		return nil, nil
	})
	if t != nil && err == nil {
		t.done = true
	}
	return n, err
}

// eachHit calls fn for every hit of bq on r, in index order, without
// scoring. fn may return an internal ID to skip ahead to: the next hit is
// then the first at or after it.
func (ix *Index) eachHit(ctx context.Context, r index.IndexReader, bq query.Query, fn func(*search.DocumentMatch) (index.IndexInternalID, error)) error {
	s, err := bq.Searcher(ctx, r, ix.m, search.SearcherOptions{Score: bleve.ScoreNone})
	if err != nil {
		return err
	}
	defer s.Close()
	sctx := &search.SearchContext{
		DocumentMatchPool: search.NewDocumentMatchPool(s.DocumentMatchPoolSize()+1, 0),
		IndexReader:       r,
	}
	dm, err := s.Next(sctx)
	for i := 0; dm != nil && err == nil; i++ {
		if i%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		var skip index.IndexInternalID
		if skip, err = fn(dm); err != nil {
			return err
		}
		sctx.DocumentMatchPool.Put(dm)
		if skip != nil {
			dm, err = s.Advance(sctx, skip)
		} else {
			dm, err = s.Next(sctx)
		}
	}
	return err
}

// filteredQuery is the conjunction of a scored query and a filter read
// without scores: Bleve then reads the filter as one bitmap of postings
// and skips through it, instead of decoding the frequency and norm of
// every photo of, say, after:2015. (Bleve's BooleanQuery.Filter instead
// lets the scored part drive and checks every one of its hits.)
type filteredQuery struct{ must, filter query.Query }

// Searcher implements query.Query.
func (q *filteredQuery) Searcher(ctx context.Context, r index.IndexReader, m mapping.IndexMapping, o search.SearcherOptions) (search.Searcher, error) {
	ms, err := q.must.Searcher(ctx, r, m, o)
	if err != nil {
		return nil, err
	}
	fo := o
	fo.Score, fo.IncludeTermVectors, fo.Explain = bleve.ScoreNone, false, false
	fs, err := q.filter.Searcher(ctx, r, m, fo)
	if err != nil {
		_ = ms.Close()
		return nil, err
	}
	return searcher.NewConjunctionSearcher(ctx, r, []search.Searcher{ms, fs}, o)
}
