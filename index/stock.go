package index

import (
	"context"
	"fmt"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/cutline/cutline/archive"
	"github.com/cutline/cutline/caption"
)

// stockSearch runs q the way a plain Bleve application does, for the
// benchmark's reference: one Bleve SearchRequest of match and phrase
// queries per field, sorted by Bleve (by score, or by the date field of
// every hit with the photo ID to break ties), with Bleve's facets and the
// stored caption loaded for highlighting. The answer is the same as
// Search's, give or take the order of equal scores and Bleve's top-N
// approximation of facets with many spellings.
func (ix *Index) stockSearch(ctx context.Context, q Query, opts SearchOptions) (*Result, error) {
	start := time.Now()
	limit := min(opts.Limit, MaxLimit)
	if limit <= 0 {
		limit = DefaultLimit
	}
	facetSize := min(opts.FacetSize, MaxFacetSize)
	if facetSize <= 0 {
		facetSize = DefaultFacetSize
	}
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if ix.bi == nil {
		return nil, ErrClosed
	}

	req := bleve.NewSearchRequestOptions(ix.stockQuery(q), limit, max(opts.Offset, 0), false)
	order := opts.Sort
	if order == SortDefault {
		order = SortNewest
		if q.hasText() {
			order = SortRelevance
		}
	}
	switch order {
	case SortNewest, SortOldest:
		req.Score = bleve.ScoreNone
		req.SortByCustom(search.SortOrder{
			&search.SortField{Field: fieldDate, Type: search.SortFieldAsString, Desc: order == SortNewest, Missing: search.SortFieldMissingLast},
			&search.SortDocID{Desc: order == SortNewest},
		})
	default:
		req.SortByCustom(search.SortOrder{&search.SortScore{Desc: true}})
	}
	marks := ix.highlightTerms(q)
	if !opts.NoHighlight && len(marks) > 0 {
		req.Fields = []string{fieldText}
	}
	if opts.Facets {
		for _, f := range facetFields {
			size := facetSize
			if f.field != fieldYear {
				// Spellings of one value are separate tokens: ask for more.
				size = facetSize*3 + 10
			}
			req.AddFacet(f.name, bleve.NewFacetRequest(f.field, size))
		}
	}
	res, err := ix.bi.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("index: stock search %q: %w", q.String(), err)
	}
	out := &Result{Total: res.Total, Hits: make([]Hit, 0, len(res.Hits))}
	for _, h := range res.Hits {
		hit := Hit{ID: archive.ID(h.ID), Score: h.Score}
		if s, ok := h.Fields[fieldText].(string); ok {
			hit.Highlights = ix.highlight(s, marks)
		}
		out.Hits = append(out.Hits, hit)
	}
	if opts.Facets {
		out.Facets = make(map[string][]FacetTerm, len(facetFields))
		for _, f := range facetFields {
			counts := map[string]*int{}
			if fr := res.Facets[f.name]; fr != nil && fr.Terms != nil {
				for _, t := range fr.Terms.Terms() {
					n := t.Count
					counts[t.Term] = &n
				}
			}
			out.Facets[f.name] = groupFacet(counts, facetSize)
		}
	}
	out.Took = time.Since(start)
	return out, nil
}

// stockQuery translates q with Bleve's own queries only: groups ANDed
// in a boolean query, words as match queries and phrases as match-phrase
// queries in each field, analysed by Bleve with the field's analyzer.
func (ix *Index) stockQuery(q Query) query.Query {
	var must, mustNot []query.Query
	for _, g := range q.Groups {
		if len(g) == 1 && g[0].Not {
			if tq := ix.stockTerm(g[0]); tq != nil {
				mustNot = append(mustNot, tq)
			}
			continue
		}
		var alts []query.Query
		for _, t := range g {
			tq := ix.stockTerm(t)
			if tq == nil {
				continue
			}
			if t.Not {
				tq = query.NewBooleanQuery([]query.Query{query.NewMatchAllQuery()}, nil, []query.Query{tq})
			}
			alts = append(alts, tq)
		}
		switch len(alts) {
		case 0:
		case 1:
			must = append(must, alts[0])
		default:
			must = append(must, query.NewDisjunctionQuery(alts))
		}
	}
	if len(must) == 0 {
		if len(mustNot) == 0 {
			return query.NewMatchAllQuery()
		}
		must = []query.Query{query.NewMatchAllQuery()}
	}
	if len(mustNot) == 0 && len(must) == 1 {
		return must[0]
	}
	return query.NewBooleanQuery(must, nil, mustNot)
}

func (ix *Index) stockTerm(t Term) query.Query {
	match := func(field, v string) query.Query {
		if t.Phrase {
			pq := query.NewMatchPhraseQuery(v)
			pq.SetField(field)
			return pq
		}
		mq := query.NewMatchQuery(v)
		mq.SetField(field)
		mq.SetOperator(query.MatchQueryOperatorAnd)
		return mq
	}
	switch t.Field {
	case "":
		if len(ix.text.Analyze([]byte(t.Value))) == 0 {
			return nil
		}
		alts := make([]query.Query, 0, len(freeFields))
		for _, f := range freeFields {
			alts = append(alts, match(f, t.Value))
		}
		return query.NewDisjunctionQuery(alts)
	case "agency":
		v := t.Value
		if a, ok := caption.NormalizeAgency(v); ok {
			v = a
		}
		return match(fieldAgency, v)
	case "person", "place", "credit", "byline", "keyword", "city", "country", "source":
		return match(t.Field, t.Value)
	}
	// Dates, flags and IDs are the same terms in both.
	return ix.termQuery(t)
}
