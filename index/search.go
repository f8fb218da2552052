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
	ID archive.ID `json:"id"`
	// Score is the relevance; 0 when hits are listed by date.
	Score float64 `json:"score"`
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
		// Listed by date, hits need no score (Hit.Score is 0), and
		// skipping it saves time.
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
				// Spellings of one value are separate tokens; ask for more
				// so that they can be added up (see facetTokens).
				size = facetSize*3 + 10
			}
			req.AddFacet(f.name, bleve.NewFacetRequest(f.field, size))
		}
	}

	res, err := ix.run(ctx, bq, q, req, order)
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

// run executes req, listing by date through windows when it can (see
// window.go), with the total and facets from a separate count then.
func (ix *Index) run(ctx context.Context, bq query.Query, q Query, req *bleve.SearchRequest, order Sort) (*bleve.SearchResult, error) {
	if (order == SortNewest || order == SortOldest) && !ix.noWindow {
		facets := req.Facets
		req.Facets = nil
		res, ok, err := ix.searchByDate(ctx, bq, q, req, order == SortNewest)
		if err != nil {
			return nil, err
		}
		if ok {
			res.Total, res.Facets, err = ix.countCached(ctx, bq, facets)
			return res, err
		}
		req.Facets = facets
	}
	return ix.bi.SearchInContext(ctx, req)
}

// countCached is count, with the facets of the empty query kept until the
// index changes: the front page asks for them on every visit, and they
// cost a doc-value read per photo in the archive.
func (ix *Index) countCached(ctx context.Context, bq query.Query, facets bleve.FacetsRequest) (uint64, search.FacetResults, error) {
	_, all := bq.(*query.MatchAllQuery)
	if !all || len(facets) == 0 {
		return ix.count(ctx, bq, facets)
	}
	gen := ix.gen.Load()
	key := facetKey(facets)
	ix.cacheMu.Lock()
	c := ix.cache
	ix.cacheMu.Unlock()
	if c != nil && c.gen == gen && c.key == key {
		return c.total, c.facets, nil
	}
	total, fr, err := ix.count(ctx, bq, facets)
	if err != nil {
		return 0, nil, err
	}
	ix.cacheMu.Lock()
	ix.cache = &facetCache{gen: gen, key: key, total: total, facets: fr}
	ix.cacheMu.Unlock()
	return total, fr, nil
}

// facetCache holds the facets of the empty query for one generation of
// the index.
type facetCache struct {
	gen    uint64
	key    string
	total  uint64
	facets search.FacetResults
}

func facetKey(f bleve.FacetsRequest) string {
	names := make([]string, 0, len(f))
	for name, r := range f {
		names = append(names, fmt.Sprintf("%s:%s:%d", name, r.Field, r.Size))
	}
	sort.Strings(names)
	return strings.Join(names, ",")
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
			return dateCover(end, time.Time{})
		}
		return dateCover(time.Time{}, start)
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

// dateCover matches the photos dated in [from, to), two UTC midnights; a
// zero bound is open. The range is covered by the fewest day, month and
// year terms: days up to the first whole month, months up to the first
// whole year, a term range over whole years, then months and days again.
// after:2010 before:2012 is the single year range ["2011", "2012").
func dateCover(from, to time.Time) query.Query {
	if !from.IsZero() && !to.IsZero() && !from.Before(to) {
		return query.NewMatchNoneQuery()
	}
	term := func(field, v string) query.Query {
		tq := query.NewTermQuery(v)
		tq.SetField(field)
		return tq
	}
	var alts []query.Query
	d := from
	if !d.IsZero() {
		// Leading days, then leading months.
		for d.Day() != 1 && (to.IsZero() || d.Before(to)) {
			alts = append(alts, term(fieldDay, d.Format("2006-01-02")))
			d = d.AddDate(0, 0, 1)
		}
		for d.Month() != 1 && (to.IsZero() || !d.AddDate(0, 1, 0).After(to)) {
			alts = append(alts, term(fieldMonth, d.Format("2006-01")))
			d = d.AddDate(0, 1, 0)
		}
	}
	// Whole years: [minYear, maxYear).
	minYear, maxYear := "", ""
	if !d.IsZero() {
		minYear = fmt.Sprintf("%04d", d.Year())
	}
	var tail time.Time // start of the trailing part, when to is set
	if !to.IsZero() {
		tail = time.Date(to.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
		if !d.IsZero() && tail.Before(d) {
			tail = d
		}
		maxYear = fmt.Sprintf("%04d", tail.Year())
	}
	if minYear == "" || maxYear == "" || minYear < maxYear {
		yes, no := true, false
		rq := query.NewTermRangeInclusiveQuery(minYear, maxYear, &yes, &no)
		rq.SetField(fieldYear)
		alts = append(alts, rq)
	}
	if !to.IsZero() {
		// Trailing months, then trailing days.
		e := tail
		for !e.AddDate(0, 1, 0).After(to) {
			alts = append(alts, term(fieldMonth, e.Format("2006-01")))
			e = e.AddDate(0, 1, 0)
		}
		for e.Before(to) {
			alts = append(alts, term(fieldDay, e.Format("2006-01-02")))
			e = e.AddDate(0, 0, 1)
		}
	}
	if len(alts) == 1 {
		return alts[0]
	}
	return query.NewDisjunctionQuery(alts)
}
