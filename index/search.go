package index

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/cutline/cutline/archive"
	"github.com/cutline/cutline/caption"
)

// Limits of SearchOptions.
const (
	DefaultLimit     = 20
	MaxLimit         = 1000
	DefaultFacetSize = 10
	MaxFacetSize     = 100
)

// Sort is the order of search hits.
type Sort int

const (
	// SortDefault ranks by relevance when the query has words or phrases
	// to rank by, and lists newest first otherwise (the empty query, or
	// filters only).
	SortDefault Sort = iota
	SortRelevance
	SortNewest
	SortOldest
)

// ParseSort reads "relevance", "newest" or "oldest"; "" is SortDefault.
func ParseSort(s string) (Sort, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "":
		return SortDefault, nil
	case "relevance", "score":
		return SortRelevance, nil
	case "newest", "new", "date":
		return SortNewest, nil
	case "oldest", "old":
		return SortOldest, nil
	}
	return SortDefault, fmt.Errorf("unknown sort %q (want relevance, newest or oldest)", s)
}

func (s Sort) String() string {
	switch s {
	case SortRelevance:
		return "relevance"
	case SortNewest:
		return "newest"
	case SortOldest:
		return "oldest"
	}
	return "default"
}

// SearchOptions configure Search. The zero value returns the first
// DefaultLimit hits in the default order, with highlights and no facets.
type SearchOptions struct {
	Limit  int // hits to return: 0 means DefaultLimit; at most MaxLimit
	Offset int // hits to skip
	Sort   Sort
	// Facets asks for the facets credit, agency, person, place and year.
	Facets bool
	// FacetSize is the number of terms per facet: 0 means
	// DefaultFacetSize; at most MaxFacetSize.
	FacetSize int
	// NoHighlight skips highlighting (and loading the stored caption).
	NoHighlight bool
}

// Result is one page of search results. Hit.Photo is left for the caller
// to fill from the archive; with it, Result marshals to the JSON shape of
// DESIGN.md.
type Result struct {
	Total  uint64                 `json:"total"`
	Hits   []Hit                  `json:"hits"`
	Facets map[string][]FacetTerm `json:"facets,omitempty"`
	Took   time.Duration          `json:"-"`
}

// Hit is one matching photo.
type Hit struct {
	ID    archive.ID `json:"id"`
	Score float64    `json:"score"`
	// Photo is not set by Search: the caller loads it from the archive.
	Photo *archive.Photo `json:"photo,omitempty"`
	// Highlights are the parts of the headline and caption that match.
	Highlights []Fragment `json:"highlights,omitempty"`
}

// FacetTerm is one value of a facet and the number of matching photos
// that have it. Term is the most common spelling of the value among the
// counted photos ("Lee In-young", not "lee in young").
type FacetTerm struct {
	Term  string `json:"term"`
	Count int    `json:"count"`
}

// Facet names in Result.Facets, and the fields they count.
var facetFields = []struct{ name, field string }{
	{"credit", facetCredit},
	{"agency", facetAgency},
	{"person", facetPerson},
	{"place", facetPlace},
	{"year", fieldYear},
}

// Search runs q. A stale index gives an error wrapping ErrStale.
func (ix *Index) Search(ctx context.Context, q Query, opts SearchOptions) (*Result, error) {
	start := time.Now()
	limit := opts.Limit
	if limit <= 0 {
		limit = DefaultLimit
	}
	limit = min(limit, MaxLimit)
	offset := max(opts.Offset, 0)
	facetSize := opts.FacetSize
	if facetSize <= 0 {
		facetSize = DefaultFacetSize
	}
	facetSize = min(facetSize, MaxFacetSize)

	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if ix.bi == nil {
		return nil, ErrClosed
	}
	if ix.stale != "" {
		return nil, fmt.Errorf("index: cannot search: %w: %s (run cutline reindex)", ErrStale, ix.stale)
	}

	bq := ix.bleveQuery(q)
	req := bleve.NewSearchRequestOptions(bq, limit, offset, false)
	order := opts.Sort
	if order == SortDefault {
		order = SortNewest
		if q.hasText() {
			order = SortRelevance
		}
	}
	switch order {
	case SortNewest, SortOldest:
		req.SortByCustom(search.SortOrder{
			&search.SortField{Field: fieldDate, Type: search.SortFieldAsDate, Desc: order == SortNewest, Missing: search.SortFieldMissingLast},
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
				// Spellings of one value are separate tokens; ask for more
				// so that they can be added up (see facetTokens).
				size = facetSize*3 + 10
			}
			req.AddFacet(f.name, bleve.NewFacetRequest(f.field, size))
		}
	}

	res, err := ix.bi.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("index: search %q: %w", q.String(), err)
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
			out.Facets[f.name] = groupFacet(res.Facets[f.name], facetSize)
		}
	}
	out.Took = time.Since(start)
	return out, nil
}

// groupFacet adds up the spellings of each value and keeps the most
// common spelling as its name. A photo carries one token per value (see
// facetTokens), so the sums are photo counts.
func groupFacet(fr *search.FacetResult, size int) []FacetTerm {
	out := []FacetTerm{}
	if fr == nil || fr.Terms == nil {
		return out
	}
	type group struct {
		count, best int
		name        string
	}
	groups := map[string]*group{}
	var keys []string
	for _, t := range fr.Terms.Terms() {
		key, display := splitFacetToken(t.Term)
		g := groups[key]
		if g == nil {
			g = &group{}
			groups[key] = g
			keys = append(keys, key)
		}
		g.count += t.Count
		if t.Count > g.best || t.Count == g.best && display < g.name {
			g.best, g.name = t.Count, display
		}
	}
	// Ties go in the order of the folded names, so that "São Paulo" sorts
	// with the S's.
	sort.SliceStable(keys, func(i, j int) bool {
		gi, gj := groups[keys[i]], groups[keys[j]]
		if gi.count != gj.count {
			return gi.count > gj.count
		}
		return keys[i] < keys[j]
	})
	for _, k := range keys {
		out = append(out, FacetTerm{Term: groups[k].name, Count: groups[k].count})
	}
	if len(out) > size {
		out = out[:size]
	}
	return out
}

// bleveQuery translates a parsed query. Groups are ANDed, the terms of a
// group ORed; a group that is one negated term becomes a must-not clause.
func (ix *Index) bleveQuery(q Query) query.Query {
	var must, mustNot []query.Query
	for _, g := range q.Groups {
		if len(g) == 1 && g[0].Not {
			if tq := ix.termQuery(g[0]); tq != nil {
				mustNot = append(mustNot, tq)
			}
			continue
		}
		var alts []query.Query
		for _, t := range g {
			tq := ix.termQuery(t)
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
			// Only common words ("the"): no constraint.
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

// termQuery translates one term, ignoring its negation. It returns nil
// for free text made only of common words, which constrains nothing.
func (ix *Index) termQuery(t Term) query.Query {
	switch t.Field {
	case "":
		if len(ix.text.Analyze([]byte(t.Value))) == 0 {
			return nil
		}
		alts := make([]query.Query, 0, len(freeFields))
		for _, f := range freeFields {
			alts = append(alts, textQuery(f, t.Value, t.Phrase))
		}
		return query.NewDisjunctionQuery(alts)
	case "person":
		return textQuery(fieldPerson, t.Value, t.Phrase)
	case "place":
		return textQuery(fieldPlace, t.Value, t.Phrase)
	case "credit":
		return textQuery(fieldCredit, t.Value, t.Phrase)
	case "agency":
		v := t.Value
		if a, ok := caption.NormalizeAgency(v); ok {
			v = a
		}
		return textQuery(fieldAgency, v, t.Phrase)
	case "byline":
		return textQuery(fieldByline, t.Value, t.Phrase)
	case "keyword":
		return textQuery(fieldKeyword, t.Value, t.Phrase)
	case "city":
		return textQuery(fieldCity, t.Value, t.Phrase)
	case "country":
		return textQuery(fieldCountry, t.Value, t.Phrase)
	case "source":
		return textQuery(fieldSource, t.Value, t.Phrase)
	case "after", "before":
		start, end, _ := parseQueryDate(t.Value)
		if t.Field == "after" {
			// After a period: from the start of the next one on.
			return dateRange(end, time.Time{})
		}
		return dateRange(time.Time{}, start)
	case "year":
		tq := query.NewTermQuery(t.Value)
		tq.SetField(fieldYear)
		return tq
	case "file", "handout", "pool":
		bq := query.NewBoolFieldQuery(t.Value == "yes")
		bq.SetField(t.Field)
		return bq
	case "id":
		if len(t.Value) == 64 {
			return query.NewDocIDQuery([]string{t.Value})
		}
		pq := query.NewPrefixQuery(t.Value)
		pq.SetField("_id")
		return pq
	}
	return query.NewMatchNoneQuery()
}

// textQuery matches all the words of v in field, or v as a phrase.
func textQuery(field, v string, phrase bool) query.Query {
	if phrase {
		pq := query.NewMatchPhraseQuery(v)
		pq.SetField(field)
		return pq
	}
	mq := query.NewMatchQuery(v)
	mq.SetField(field)
	mq.SetOperator(query.MatchQueryOperatorAnd)
	return mq
}

// dateRange matches dates in [from, to); a zero bound is open. Bounds
// are clamped to what Bleve can store (see clampDate).
func dateRange(from, to time.Time) query.Query {
	yes, no := true, false
	switch {
	case !from.IsZero() && !from.Before(maxDate), !to.IsZero() && !to.After(minDate):
		return query.NewMatchNoneQuery()
	case !from.IsZero() && !to.IsZero() && !from.Before(to):
		return query.NewMatchNoneQuery()
	}
	if from.Before(minDate) {
		from = time.Time{}
	}
	if to.After(maxDate) {
		to = time.Time{}
	}
	if from.IsZero() && to.IsZero() {
		return query.NewMatchAllQuery()
	}
	dq := query.NewDateRangeInclusiveQuery(from, to, &yes, &no)
	dq.SetField(fieldDate)
	return dq
}
