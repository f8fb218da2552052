package index

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
)

// Listing by date.
//
// Bleve sorts by a field by reading that field's doc value for every hit,
// so "every photo, newest first" costs a read per photo in the archive.
// Only the first page matters, though, and it lies in the most recent
// days: byDate asks for the query restricted to the newest days that hold
// enough photos (by the month and day term counts), and widens the window
// until the restricted query has a page's worth of hits. Its hits are then
// exactly the first hits of the whole query. The total comes from a count
// without scoring or sorting, or from the document count for the empty
// query.
//
// Photos of the same second keep the order of the index (Bleve breaks
// ties by it), in a window as in the whole result. A second sort key on
// the photo ID would load the ID of every hit.

// maxWindowed is the largest offset+limit served by windows; deeper pages
// sort the whole result.
const maxWindowed = 1000

// byDate returns the page [offset, offset+limit) of bq on r listed by
// date, and the number of hits. The hits it visits are counted into t,
// unless t is nil.
func (ix *Index) byDate(ctx context.Context, r index.IndexReader, bq query.Query, q Query, offset, limit int, desc bool, t *tally) (search.DocumentMatchCollection, uint64, error) {
	order := search.SortOrder{&search.SortField{Field: fieldDate, Type: search.SortFieldAsString, Desc: desc, Missing: search.SortFieldMissingLast}}
	if !ix.noWindow && offset+limit <= maxWindowed {
		// The top-level date terms hold for the whole window, which lies
		// inside their bounds; the rest of the query is what the window
		// is combined with.
		rest := Query{}
		for _, g := range q.Groups {
			if !isDateGroup(g) {
				rest.Groups = append(rest.Groups, g)
			}
		}
		hits, ok, err := ix.windowed(ctx, r, ix.bleveQuery(rest), q, offset, limit, order, desc)
		if err != nil {
			return nil, 0, err
		}
		if ok {
			var total uint64
			if len(rest.Groups) == 0 {
				// Dates only: the photos of a period are counted from the
				// document counts of its day, month and year terms.
				total, err = countCover(ctx, r, dateCover(dateBounds(q)))
			} else {
				total, err = ix.count(ctx, r, bq, t)
			}
			return hits, total, err
		}
	}
	return ix.collect(ctx, r, bq, offset, limit, order, bleve.ScoreNone, t)
}

// isDateGroup reports a group that is one positive date term, which
// dateBounds reads.
func isDateGroup(g []Term) bool {
	if len(g) != 1 || g[0].Not {
		return false
	}
	switch g[0].Field {
	case "after", "before", "year":
		return true
	}
	return false
}

// countCover returns the number of photos dated in the periods of a
// dateCover query: the sum of its terms' document counts, since a photo
// has one day, one month and one year, and the periods do not overlap.
func countCover(ctx context.Context, r index.IndexReader, q query.Query) (uint64, error) {
	termCount := func(field, term string) (uint64, error) {
		tr, err := r.TermFieldReader(ctx, []byte(term), field, false, false, false)
		if err != nil {
			return 0, err
		}
		n := tr.Count()
		return n, tr.Close()
	}
	switch q := q.(type) {
	case *query.MatchNoneQuery:
		return 0, nil
	case *query.TermQuery:
		return termCount(q.FieldVal, q.Term)
	case *query.DisjunctionQuery:
		var sum uint64
		for _, d := range q.Disjuncts {
			n, err := countCover(ctx, r, d)
			if err != nil {
				return 0, err
			}
			sum += n
		}
		return sum, nil
	case *query.TermRangeQuery:
		// Years in [Min, Max); either may be open.
		lo, hi := q.Min, q.Max
		if hi == "" {
			hi = "\xff"
		}
		d, err := r.FieldDictRange(q.FieldVal, []byte(lo), []byte(hi))
		if err != nil {
			return 0, err
		}
		defer d.Close()
		var sum uint64
		for {
			e, err := d.Next()
			if err != nil || e == nil {
				return sum, err
			}
			if e.Term < lo || q.Max != "" && e.Term >= q.Max {
				continue
			}
			n, err := termCount(q.FieldVal, e.Term)
			if err != nil {
				return 0, err
			}
			sum += n
		}
	}
	return 0, fmt.Errorf("index: countCover: unexpected %T", q)
}

// termCount is a term of the month or day field and its document count
// (deleted documents not yet merged away count too: the counts only size
// the windows).
type termCount struct {
	start time.Time
	count uint64
}

// periodCounts lists the terms of field (fieldMonth or fieldDay, whose
// terms are dates in layout) between lo and hi inclusive ("" is open),
// oldest first.
func periodCounts(r index.IndexReader, field, layout, lo, hi string) ([]termCount, error) {
	var d index.FieldDict
	var err error
	if lo == "" && hi == "" {
		d, err = r.FieldDict(field)
	} else {
		d, err = r.FieldDictRange(field, []byte(lo), []byte(hi))
	}
	if err != nil {
		return nil, err
	}
	defer d.Close()
	var out []termCount
	for {
		e, err := d.Next()
		if err != nil {
			return nil, err
		}
		if e == nil {
			break
		}
		t, err := time.Parse(layout, e.Term)
		if err != nil {
			continue
		}
		out = append(out, termCount{t, e.Count})
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

// inBounds keeps the periods of ps (each of length step) that overlap
// [lo, hi), ordered from the end the listing starts at.
func inBounds(ps []termCount, step func(time.Time) time.Time, lo, hi time.Time, desc bool) []termCount {
	var in []termCount
	for _, p := range ps {
		if (lo.IsZero() || step(p.start).After(lo)) && (hi.IsZero() || p.start.Before(hi)) {
			in = append(in, p)
		}
	}
	if desc {
		for i, j := 0, len(in)-1; i < j; i, j = i+1, j-1 {
			in[i], in[j] = in[j], in[i]
		}
	}
	return in
}

// windowed returns the page of bq listed by date through a window of
// days; ok is false when windows do not apply (the caller then sorts the
// whole result).
func (ix *Index) windowed(ctx context.Context, r index.IndexReader, bq query.Query, q Query, offset, limit int, order search.SortOrder, desc bool) (search.DocumentMatchCollection, bool, error) {
	need := uint64(offset + limit)
	months, err := periodCounts(r, fieldMonth, "2006-01", "", "")
	if err != nil || len(months) == 0 {
		return nil, false, err
	}
	lo, hi := dateBounds(q)
	nextMonth := func(t time.Time) time.Time { return t.AddDate(0, 1, 0) }
	nextDay := func(t time.Time) time.Time { return t.AddDate(0, 0, 1) }
	in := inBounds(months, nextMonth, lo, hi, desc)
	_, all := bq.(*query.MatchAllQuery)
	target := need
	for {
		// Whole months from the listing's start until the target is
		// reached, then days of the last month.
		var acc uint64
		i := 0
		for i < len(in) && acc+in[i].count < target {
			acc += in[i].count
			i++
		}
		if i >= len(in)-1 {
			// The window would hold every month: no gain.
			return nil, false, nil
		}
		m := in[i]
		days, err := periodCounts(r, fieldDay, "2006-01-02", m.start.Format("2006-01-02"), nextMonth(m.start).AddDate(0, 0, -1).Format("2006-01-02"))
		if err != nil {
			return nil, false, err
		}
		edge := m.start
		if desc {
			edge = nextMonth(m.start).AddDate(0, 0, -1)
		}
		for _, d := range inBounds(days, nextDay, lo, hi, desc) {
			edge = d.start
			if acc += d.count; acc >= target {
				break
			}
		}
		// Bounded by the query's own dates too, the window is a few day
		// and month terms rather than "everything since".
		var window query.Query
		if desc {
			window = dateCover(edge, hi)
		} else {
			window = dateCover(lo, nextDay(edge))
		}
		wq := window
		if !all {
			wq = query.NewConjunctionQuery([]query.Query{bq, window})
		}
		hits, n, err := ix.collect(ctx, r, wq, offset, limit, order, bleve.ScoreNone, nil)
		if err != nil {
			return nil, false, err
		}
		if n >= need {
			return hits, true, nil
		}
		target *= 4
	}
}
