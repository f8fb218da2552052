package index

import (
	"context"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// generatedIndex syncs n generated photos into a new index, then edits
// and deletes some of them in a second sync, so that older segments hold
// deleted documents.
func generatedIndex(t *testing.T, n int) (*Index, *memSource) {
	t.Helper()
	ctx := context.Background()
	src := newMemSource()
	g := NewGenerator(21)
	for i := range n {
		src.put(g.Photo(i))
	}
	ix, err := Open(t.TempDir()+"/ix", &Options{BatchSize: 500})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	if _, err := ix.Sync(ctx, src); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < n; i += 7 {
		p := g.Photo(i)
		p.Caption.Credit = "Edited Credit"
		p.Caption.PersonsShown = []string{"Edited Person"}
		src.put(p)
	}
	for i := 3; i < n; i += 11 {
		src.del(g.Photo(i).ID)
	}
	if _, err := ix.Sync(ctx, src); err != nil {
		t.Fatal(err)
	}
	return ix, src
}

// TestFacetsAgreeWithDocValues checks every way facets are counted
// (columns, counted during the search, split in two, the empty query from
// segment totals less deletions) against counting every hit's doc values
// one by one, for relevance and date orders.
func TestFacetsAgreeWithDocValues(t *testing.T) {
	ix, _ := generatedIndex(t, 3000)
	queries := []string{"", "agency:AFP", "protesters", "year:2012", "after:2010", "Seoul -pool:yes", `"news conference"`, "person:kim"}
	for _, qs := range queries {
		for _, order := range []Sort{SortDefault, SortRelevance, SortNewest, SortOldest} {
			q := mustParse(t, qs)
			opts := SearchOptions{Facets: true, FacetSize: 15, Sort: order, NoHighlight: true}
			// Split every search in two, to test the merge of the halves.
			ix.splitMin = 1
			got, err := ix.Search(context.Background(), q, opts)
			if err != nil {
				t.Fatal(err)
			}
			ix.splitMin = 0
			ix.noColumns, ix.noSample, ix.noParallel, ix.noWindow = true, true, true, true
			want, err := ix.Search(context.Background(), q, opts)
			ix.noColumns, ix.noSample, ix.noParallel, ix.noWindow = false, false, false, false
			if err != nil {
				t.Fatal(err)
			}
			got.Took, want.Took = 0, 0
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("%q %v: differs from counting doc values (-doc values +ours):\n%s", qs, order, diff)
			}
			if got.FacetsEstimated {
				t.Errorf("%q %v: facets estimated for %d hits", qs, order, got.Total)
			}
		}
	}
}

// TestFacetsSampled checks the estimates of a sample: marked as such, the
// total exact, and each count near the true one.
func TestFacetsSampled(t *testing.T) {
	ix, _ := generatedIndex(t, 3000)
	ctx := context.Background()
	// A query of dates alone, listed by date, counts its facets in a pass
	// of its own: sampled above the limit.
	q := mustParse(t, "after:2001")
	opts := SearchOptions{Facets: true, FacetSize: 100, NoHighlight: true}
	ix.noSample = true
	exact, err := ix.Search(ctx, q, opts)
	if err != nil {
		t.Fatal(err)
	}
	ix.noSample = false
	ix.exactLimit, ix.sampleSize = 500, 600
	est, err := ix.Search(ctx, q, opts)
	if err != nil {
		t.Fatal(err)
	}
	if !est.FacetsEstimated || exact.FacetsEstimated {
		t.Fatalf("estimated: sampled %v, exact %v", est.FacetsEstimated, exact.FacetsEstimated)
	}
	if est.Total != exact.Total {
		t.Errorf("total %d, want %d", est.Total, exact.Total)
	}
	// Every photo has one agency and one year: the estimates add up to the
	// total, give or take the rounding of each.
	for _, f := range []string{"agency", "year"} {
		sum := 0
		for _, ft := range est.Facets[f] {
			sum += ft.Count
		}
		if d := sum - int(est.Total); d > len(est.Facets[f]) || -d > len(est.Facets[f]) {
			t.Errorf("%s estimates add up to %d, total %d", f, sum, est.Total)
		}
	}
	// Agencies are about a ninth of the photos each, assigned at random,
	// and the sample holds about 600 hits: each estimate is off by a
	// binomial error of total·sqrt(p(1-p)/600), about 34 here. (A bound
	// of a third of the truth, about 2.6 of those, failed one run in a
	// dozen over nine agencies.) 4.5 of them fails one run in 10^4 while
	// an unscaled, doubly scaled or biased count still fails at once.
	want := map[string]int{}
	for _, ft := range exact.Facets["agency"] {
		want[ft.Term] = ft.Count
	}
	for _, ft := range est.Facets["agency"] {
		w := want[ft.Term]
		p := float64(w) / float64(exact.Total)
		tol := 4.5 * float64(exact.Total) * math.Sqrt(p*(1-p)/600)
		if math.Abs(float64(ft.Count-w)) > tol {
			t.Errorf("agency %s: estimate %d, true count %d (tolerance %.0f)", ft.Term, ft.Count, w, tol)
		}
	}
}
