package index

import (
	"context"
	"sort"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
)

// Listing by date.
//
// Bleve sorts by a field by reading that field's doc value for every hit,
// so "every photo, newest first" costs a read per photo in the archive.
// Only the first page matters, though, and it lies in the most recent
// months: searchByDate asks for the query restricted to the newest months
// that hold enough photos (by the month term counts), and widens the
// window until the restricted query has a page's worth of hits. Its hits
// are then exactly the first hits of the whole query. The total comes from
// a count without scoring or sorting, or from the document count for the
// empty query, whose facets are cached until the next change.

// maxWindowed is the largest offset+limit served by windows; deeper pages
// sort the whole result.
const maxWindowed = 1000

type monthCount struct {
	start time.Time
	count uint64
}

// monthCounts lists the months that have photos, oldest first, with the
// number of documents of each (deleted ones not yet merged away count
// too; the counts only size the windows).
func monthCounts(bi bleve.Index) ([]monthCount, error) {
	d, err := bi.FieldDict(fieldMonth)
	if err != nil {
		return nil, err
	}
	defer d.Close()
	var out []monthCount
	for {
		e, err := d.Next()
		if err != nil {
			return nil, err
		}
		if e == nil {
			break
		}
		t, err := time.Parse("2006-01", e.Term)
		if err != nil {
			continue
		}
		out = append(out, monthCount{t, e.Count})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].start.Before(out[j].start) })
	return out, nil
}

// dateBounds returns the interval [lo, hi) that the query's top-level
// date terms confine it to; zero bounds are open.
func dateBounds(q Query) (lo, hi time.Time) {
	for _, g := range q.Groups {
		if len(g) != 1 || g[0].Not {
			continue
		}
		t := g[0]
		var from, to time.Time
		switch t.Field {
		case "after":
			_, from, _ = parseQueryDate(t.Value)
		case "before":
			to, _, _ = parseQueryDate(t.Value)
		case "year":
			from, to, _ = parseQueryDate(t.Value)
		default:
			continue
		}
		if !from.IsZero() && (lo.IsZero() || from.After(lo)) {
			lo = from
		}
		if !to.IsZero() && (hi.IsZero() || to.Before(hi)) {
			hi = to
		}
	}
	return lo, hi
}

// searchByDate returns the page [offset, offset+limit) of bq in date
// order, searching windows of months; ok is false when windows do not
// apply (the caller then sorts the whole result).
func (ix *Index) searchByDate(ctx context.Context, bq query.Query, q Query, req *bleve.SearchRequest, desc bool) (*bleve.SearchResult, bool, error) {
	need := req.From + req.Size
	if need > maxWindowed {
		return nil, false, nil
	}
	months, err := monthCounts(ix.bi)
	if err != nil || len(months) == 0 {
		return nil, false, err
	}
	lo, hi := dateBounds(q)
	var in []monthCount
	for _, m := range months {
		end := m.start.AddDate(0, 1, 0)
		if (lo.IsZero() || end.After(lo)) && (hi.IsZero() || m.start.Before(hi)) {
			in = append(in, m)
		}
	}
	if !desc {
		for i, j := 0, len(in)-1; i < j; i, j = i+1, j-1 {
			in[i], in[j] = in[j], in[i]
		}
	}
	// The window is in[i:]: the newest months for desc (in is oldest
	// first), the oldest for asc (in was reversed); in[i] is its edge.
	target := uint64(need)
	var acc uint64
	i := len(in)
	for {
		for i > 0 && acc < target {
			i--
			acc += in[i].count
		}
		if i == 0 {
			// The window would hold every month: no gain.
			return nil, false, nil
		}
		edge := in[i].start
		var window query.Query
		// Bounded by the query's own dates too, the window is a few month
		// terms rather than "everything since".
		if desc {
			window = dateCover(edge, hi)
		} else {
			window = dateCover(lo, edge.AddDate(0, 1, 0))
		}
		wreq := *req
		wreq.Query = query.NewConjunctionQuery([]query.Query{bq, window})
		res, err := ix.bi.SearchInContext(ctx, &wreq)
		if err != nil {
			return nil, false, err
		}
		if res.Total >= uint64(need) {
			return res, true, nil
		}
		target *= 4
	}
}

// count returns the number of hits of bq and, when asked, its facets,
// without scoring or sorting.
func (ix *Index) count(ctx context.Context, bq query.Query, facets bleve.FacetsRequest) (uint64, search.FacetResults, error) {
	if _, all := bq.(*query.MatchAllQuery); all && len(facets) == 0 {
		n, err := ix.bi.DocCount()
		return n, nil, err
	}
	req := bleve.NewSearchRequestOptions(bq, 0, 0, false)
	req.Score = bleve.ScoreNone
	req.Facets = facets
	res, err := ix.bi.SearchInContext(ctx, req)
	if err != nil {
		return 0, nil, err
	}
	return res.Total, res.Facets, nil
}
