package index

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"

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
	// FacetsEstimated reports facet counts estimated from a sample of the
	// hits: show them as "≈ 12,000". The order of the top values is then
	// approximate too; Total is always exact. Only a query of dates alone
	// with more than FacetExactLimit hits, listed by date, gets estimates
	// (see facets.go).
	FacetsEstimated bool          `json:"facetsEstimated,omitempty"`
	Took            time.Duration `json:"-"`
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
//
// Every part of the answer comes from one snapshot of the index, read by
// this call: nothing is cached between calls.
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
	out, err := ix.search(ctx, q, opts.Sort, offset, limit, opts.Facets, facetSize, !opts.NoHighlight)
	if err != nil {
		return nil, fmt.Errorf("index: search %q: %w", q.String(), err)
	}
	out.Took = time.Since(start)
	return out, nil
}

func (ix *Index) search(ctx context.Context, q Query, order Sort, offset, limit int, facets bool, facetSize int, highlight bool) (out *Result, err error) {
	bx, err := ix.bi.Advanced()
	if err != nil {
		return nil, err
	}
	r, err := bx.Reader()
	if err != nil {
		return nil, err
	}
	defer func() {
		if cerr := r.Close(); err == nil && cerr != nil {
			err = cerr
		}
	}()

	bq := ix.bleveQuery(q)
	if order == SortDefault {
		order = SortNewest
		if q.hasText() {
			order = SortRelevance
		}
	}
	var hits search.DocumentMatchCollection
	var total uint64
	var t *tally // facets counted while the hits are found
	if facets {
		t = &tally{ix: ix, r: r}
	}
	switch order {
	case SortNewest, SortOldest:
		hits, total, err = ix.byDate(ctx, r, bq, q, offset, limit, order == SortNewest, t)
	default:
		hits, total, err = ix.collect(ctx, r, bq, offset, limit, search.SortOrder{&search.SortScore{Desc: true}}, "", t)
	}
	if err != nil {
		return nil, err
	}

	out = &Result{Total: total, Hits: make([]Hit, 0, len(hits))}
	marks := ix.highlightTerms(q)
	for _, h := range hits {
		hit := Hit{ID: archive.ID(h.ID), Score: h.Score}
		if highlight && len(marks) > 0 {
			text, err := storedCaption(r, h.ID)
			if err != nil {
				return nil, err
			}
			hit.Highlights = ix.highlight(text, marks)
		}
		out.Hits = append(out.Hits, hit)
	}
	switch {
	case facets && t.done:
		out.Facets = t.facets(facetSize)
	case facets:
		// The search did not visit every hit (a window, or a count from
		// term counts): facets count them apart.
		out.Facets, out.FacetsEstimated, err = ix.facets(ctx, r, bq, total, facetSize)
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// storedCaption returns the stored headline and caption of a photo.
func storedCaption(r index.IndexReader, id string) (string, error) {
	doc, err := r.Document(id)
	if err != nil || doc == nil {
		return "", err
	}
	var text string
	doc.VisitFields(func(f index.Field) {
		if f.Name() == fieldText {
			text = string(f.Value())
		}
	})
	return text, nil
}

// groupFacet adds up the spellings of each value and keeps the most
// common spelling as its name. A photo carries one token per value (see
// facetTokens), so the sums are photo counts.
func groupFacet(counts map[string]*int, size int) []FacetTerm {
	type group struct {
		count, best int
		name        string
	}
	groups := map[string]*group{}
	var keys []string
	for term, n := range counts {
		key, display := splitFacetToken(term)
		g := groups[key]
		if g == nil {
			g = &group{}
			groups[key] = g
			keys = append(keys, key)
		}
		g.count += *n
		if *n > g.best || *n == g.best && display < g.name {
			g.best, g.name = *n, display
		}
	}
	// Ties go in the order of the folded names, so that "São Paulo" sorts
	// with the S's.
	sort.Slice(keys, func(i, j int) bool {
		gi, gj := groups[keys[i]], groups[keys[j]]
		if gi.count != gj.count {
			return gi.count > gj.count
		}
		return keys[i] < keys[j]
	})
	out := []FacetTerm{}
	for _, k := range keys[:min(len(keys), size)] {
		out = append(out, FacetTerm{Term: groups[k].name, Count: groups[k].count})
	}
	return out
}

// bleveQuery translates a parsed query. Groups are ANDed, the terms of a
// group ORed; a group that is one negated term becomes a must-not clause.
// Groups of filters only (dates, flags, IDs) are kept apart from the
// words, so that they are read as posting bitmaps, without scores (see
// filteredQuery).
func (ix *Index) bleveQuery(q Query) query.Query {
	var must, filters, mustNot []query.Query
	for _, g := range q.Groups {
		if len(g) == 1 && g[0].Not {
			if tq := ix.termQuery(g[0]); tq != nil {
				mustNot = append(mustNot, tq)
			}
			continue
		}
		var alts []query.Query
		filter := true
		for _, t := range g {
			tq := ix.termQuery(t)
			if tq == nil {
				continue
			}
			if t.Not {
				tq = query.NewBooleanQuery([]query.Query{query.NewMatchAllQuery()}, nil, []query.Query{tq})
			}
			alts = append(alts, tq)
			if _, kind, _ := lookupQueryField(t.Field); t.Field == "" || kind == kindText || t.Not {
				filter = false
			}
		}
		var gq query.Query
		switch len(alts) {
		case 0:
			// Only common words ("the"): no constraint.
			continue
		case 1:
			gq = alts[0]
		default:
			gq = query.NewDisjunctionQuery(alts)
		}
		if filter {
			filters = append(filters, gq)
		} else {
			must = append(must, gq)
		}
	}
	var filter query.Query
	switch len(filters) {
	case 0:
	case 1:
		filter = filters[0]
	default:
		filter = query.NewConjunctionQuery(filters)
	}
	var main query.Query
	switch {
	case len(must) == 0 && filter != nil:
		// Nothing to score: the filters are the query.
		main = filter
	case len(must) == 0:
		main = query.NewMatchAllQuery()
	case len(must) == 1:
		main = must[0]
	default:
		main = query.NewConjunctionQuery(must)
	}
	if filter != nil && main != filter {
		main = &filteredQuery{main, filter}
	}
	if len(mustNot) == 0 {
		return main
	}
	return query.NewBooleanQuery([]query.Query{main}, nil, mustNot)
}

// termQuery translates one term, ignoring its negation. It returns nil
// for free text made only of common words, which constrains nothing.
func (ix *Index) termQuery(t Term) query.Query {
	switch t.Field {
	case "":
		if len(ix.text.Analyze([]byte(t.Value))) == 0 {
			return nil
		}
		return ix.textQuery(freeFields, t.Value, t.Phrase)
	case "agency":
		v := t.Value
		if a, ok := caption.NormalizeAgency(v); ok {
			v = a
		}
		return ix.textQuery([]string{fieldAgency}, v, t.Phrase)
	case "person", "place", "credit", "byline", "keyword", "city", "country", "source":
		// The query field names are the index field names.
		return ix.textQuery([]string{t.Field}, t.Value, t.Phrase)
	case "after", "before":
		start, end, _ := parseQueryDate(t.Value)
		if t.Field == "after" {
			// After a period: from the start of the next one on.
			return dateCover(end, time.Time{})
		}
		return dateCover(time.Time{}, start)
	case "year":
		return termOf(fieldYear, t.Value)
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

func termOf(field, term string) *query.TermQuery {
	tq := query.NewTermQuery(term)
	tq.SetField(field)
	return tq
}

// analyzer returns the analyzer of a text field.
func (ix *Index) analyzer(field string) analysis.Analyzer {
	if field == fieldText || field == fieldKeyword {
		return ix.text
	}
	return ix.name
}

// textQuery matches v in any of fields, each analysing it its own way:
// all the words of v in one field, or v as a phrase in one field. A value
// with no words left after analysis matches nothing.
func (ix *Index) textQuery(fields []string, v string, phrase bool) query.Query {
	if phrase {
		var alts []fieldPhrase
		for _, f := range fields {
			toks := ix.analyzer(f).Analyze([]byte(v))
			if len(toks) == 0 {
				continue
			}
			// Words by position from the first; a removed stop word leaves
			// an empty slot that any word fills, as in Bleve's phrases.
			first := toks[0].Position
			slots := make([][]byte, toks[len(toks)-1].Position-first+1)
			for _, t := range toks {
				slots[t.Position-first] = t.Term
			}
			alts = append(alts, fieldPhrase{f, slots})
		}
		if len(alts) == 0 {
			return query.NewMatchNoneQuery()
		}
		return &anyPhraseQuery{alts: alts, pairs: !ix.opts.mapping.untuned}
	}
	var words []fieldTerm
	var multi []query.Query // fields where v is several words
	for _, f := range fields {
		var terms []query.Query
		seen := map[string]bool{}
		toks := ix.analyzer(f).Analyze([]byte(v))
		for _, t := range toks {
			if w := string(t.Term); !seen[w] {
				seen[w] = true
				terms = append(terms, termOf(f, w))
			}
		}
		switch len(terms) {
		case 0:
		case 1:
			words = append(words, fieldTerm{f, string(toks[0].Term)})
		default:
			multi = append(multi, query.NewConjunctionQuery(terms))
		}
	}
	if len(words) > 0 {
		multi = append(multi, &anyTermQuery{words})
	}
	switch len(multi) {
	case 0:
		return query.NewMatchNoneQuery()
	case 1:
		return multi[0]
	}
	return query.NewDisjunctionQuery(multi)
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
	var alts []query.Query
	d := from
	if !d.IsZero() {
		// Leading days, then leading months.
		for d.Day() != 1 && (to.IsZero() || d.Before(to)) {
			alts = append(alts, termOf(fieldDay, d.Format("2006-01-02")))
			d = d.AddDate(0, 0, 1)
		}
		for d.Month() != 1 && (to.IsZero() || !d.AddDate(0, 1, 0).After(to)) {
			alts = append(alts, termOf(fieldMonth, d.Format("2006-01")))
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
			alts = append(alts, termOf(fieldMonth, e.Format("2006-01")))
			e = e.AddDate(0, 1, 0)
		}
		for e.Before(to) {
			alts = append(alts, termOf(fieldDay, e.Format("2006-01-02")))
			e = e.AddDate(0, 0, 1)
		}
	}
	if len(alts) == 1 {
		return alts[0]
	}
	return query.NewDisjunctionQuery(alts)
}
