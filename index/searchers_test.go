package index

import (
	"context"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/google/go-cmp/cmp"

	"github.com/cutline/cutline/archive"
	"github.com/cutline/cutline/caption"
)

// bleveTextQuery is what textQuery stands for, in Bleve's own queries:
// for each field, a match query of all the words or a phrase query,
// analysed with the field's analyzer; any field will do.
func bleveTextQuery(fields []string, v string, phrase bool) query.Query {
	var alts []query.Query
	for _, f := range fields {
		if phrase {
			pq := query.NewMatchPhraseQuery(v)
			pq.SetField(f)
			alts = append(alts, pq)
			continue
		}
		mq := query.NewMatchQuery(v)
		mq.SetField(f)
		mq.SetOperator(query.MatchQueryOperatorAnd)
		alts = append(alts, mq)
	}
	return query.NewDisjunctionQuery(alts)
}

// hitIDs runs q with Bleve's own search and returns the sorted IDs.
func hitIDs(t *testing.T, ix *Index, q query.Query) []string {
	t.Helper()
	req := bleve.NewSearchRequestOptions(q, 100_000, 0, false)
	res, err := ix.bi.Search(req)
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]string, 0, len(res.Hits))
	for _, h := range res.Hits {
		ids = append(ids, h.ID)
	}
	slices.Sort(ids)
	return ids
}

// phraseFixtures are photos for the edge cases of phrases: a repeated
// word, names in separate values of one field, a stop word inside a name.
func phraseFixtures() []archive.Photo {
	ps := []archive.Photo{
		{Name: "newyork", Caption: caption.Fields{Description: "New York, New York, the city so nice they named it twice.",
			PersonsShown: []string{"Kim Jong Un", "Joe Biden"}}},
		{Name: "york", Caption: caption.Fields{Description: "The Duke of York in New Delhi and York.",
			PersonsShown: []string{"Prince Andrew, Duke of York"}}},
		{Name: "lee", Caption: caption.Fields{Description: "Lee In-young and Lee Young-ae.",
			PersonsShown: []string{"Lee In-young", "Lee Young-ae"}}},
		// A stop word between two words: no pair of them in text_pairs.
		{Name: "gap", Caption: caption.Fields{Description: "News of the conference leaked; news, conference."}},
	}
	for i := range ps {
		ps[i].ID = idOf(ps[i].Name)
		ps[i].Format = "jpeg"
	}
	return ps
}

// TestSearchersAgreeWithBleve checks that the word and phrase searchers
// find exactly the photos Bleve's match and phrase queries find, on
// generated captions and on hand-made edge cases, unscored (as counts and
// facets run them) and scored (as pages ranked by relevance do).
func TestSearchersAgreeWithBleve(t *testing.T) {
	ctx := context.Background()
	src := newMemSource()
	g := NewGenerator(5)
	var captions []string
	for i := range 2000 {
		p := g.Photo(i)
		src.put(p)
		captions = append(captions, p.Caption.Description)
	}
	for _, p := range phraseFixtures() {
		src.put(p)
	}
	ix, err := Open(t.TempDir()+"/ix", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if _, err := ix.Sync(ctx, src); err != nil {
		t.Fatal(err)
	}

	type probe struct {
		fields []string
		v      string
		phrase bool
	}
	probes := []probe{
		// A word in many fields, and one in a single field.
		{freeFields, "protesters", false},
		{freeFields, "Kim", false},
		{[]string{fieldPerson}, "kim", false},
		// A hyphenated word is two words, both required in one field.
		{freeFields, "Hong-Ji", false},
		{[]string{fieldByline}, "hong-ji", false},
		// A word no photo has.
		{freeFields, "zeppelin", false},
		// Phrases: the common one of the benchmark, a name, a name in a
		// field of several names.
		{freeFields, "news conference", true},
		{freeFields, "Kim Hong-Ji", true},
		{[]string{fieldPerson}, "Kim Hong-Ji", true},
		// Not across two names of one field, nor two values.
		{[]string{fieldPerson}, "Un Joe", true},
		{[]string{fieldPerson}, "In-young Lee", true},
		// A repeated word; a word repeated inside the phrase.
		{freeFields, "New York", true},
		{freeFields, "York New York", true},
		{freeFields, "york york", true},
		// Stop words inside: a gap any word fills.
		{freeFields, "Duke of York", true},
		{freeFields, "Lee In-young", true},
		{[]string{fieldPerson}, "Lee In young", true},
		// A stop word inside; the "gap" photo checks that "news
		// conference" does not match across "of the" but does across a
		// comma, as Bleve's phrases do.
		{freeFields, "news of conference", true},
		// Words in the wrong order, and a word no photo has.
		{freeFields, "conference news", true},
		{freeFields, "news zeppelin", true},
	}
	// Random runs of two to five words from the captions.
	r := rand.New(rand.NewPCG(3, 4))
	for range 60 {
		words := strings.Fields(captions[r.IntN(len(captions))])
		n := 2 + r.IntN(4)
		if len(words) < n {
			continue
		}
		i := r.IntN(len(words) - n + 1)
		probes = append(probes, probe{freeFields, strings.Join(words[i:i+n], " "), true})
	}

	bx, err := ix.bi.Advanced()
	if err != nil {
		t.Fatal(err)
	}
	rd, err := bx.Reader()
	if err != nil {
		t.Fatal(err)
	}
	defer rd.Close()
	for _, p := range probes {
		want := hitIDs(t, ix, bleveTextQuery(p.fields, p.v, p.phrase))
		q := ix.textQuery(p.fields, p.v, p.phrase)
		for _, score := range []string{"", bleve.ScoreNone} {
			got := []string{}
			hits, total, err := ix.collect(ctx, rd, q, 0, 100_000, search.SortOrder{&search.SortScore{Desc: true}}, score, nil)
			if err != nil {
				t.Fatal(err)
			}
			for i, h := range hits {
				got = append(got, h.ID)
				if score == "" && (h.Score <= 0 || i > 0 && h.Score > hits[i-1].Score) {
					t.Errorf("%q: hit %d scores %v after %v", p.v, i, h.Score, hits[max(i-1, 0)].Score)
				}
			}
			slices.Sort(got)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("fields %v %q phrase=%v score=%q: hits differ from Bleve's (-bleve +ours):\n%s", p.fields, p.v, p.phrase, score, diff)
			}
			if total != uint64(len(want)) {
				t.Errorf("%q: total %d, want %d", p.v, total, len(want))
			}
			if score != "" {
				continue
			}
			// The same page, in the same order, from Bleve's collector.
			type hit struct {
				ID    string
				Score float64
			}
			page := func(noTop bool) []hit {
				ix.noTop = noTop
				defer func() { ix.noTop = false }()
				hits, _, err := ix.collect(ctx, rd, q, 3, 40, search.SortOrder{&search.SortScore{Desc: true}}, "", nil)
				if err != nil {
					t.Fatal(err)
				}
				out := []hit{}
				for _, h := range hits {
					out = append(out, hit{h.ID, h.Score})
				}
				return out
			}
			if diff := cmp.Diff(page(true), page(false)); diff != "" {
				t.Errorf("%q: page differs from Bleve's collector (-bleve +ours):\n%s", p.v, diff)
			}
		}
	}
}

// TestSearchAgreesWithStockBleve runs the benchmark's queries and a few
// more through Search and through a plain Bleve search (the benchmark's
// reference): the same photos and totals, by relevance or by date.
func TestSearchAgreesWithStockBleve(t *testing.T) {
	ix, _ := generatedIndex(t, 3000)
	ctx := context.Background()
	qs := []string{"Kim -pool:yes", `"Lee In-young" OR Seoul`, "year:2012 file:no", "-protesters after:2020", `person:"Kim Hong-Ji" after:2005 before:2007`}
	for _, bq := range BenchMix() {
		qs = append(qs, bq.Query)
	}
	for _, s := range qs {
		q := mustParse(t, s)
		for _, order := range []Sort{SortDefault, SortNewest} {
			opts := SearchOptions{Limit: MaxLimit, Sort: order, NoHighlight: true}
			got, err := ix.Search(ctx, q, opts)
			if err != nil {
				t.Fatal(err)
			}
			want, err := ix.stockSearch(ctx, q, opts)
			if err != nil {
				t.Fatal(err)
			}
			if got.Total != want.Total {
				t.Errorf("%q %v: total %d, stock Bleve %d", s, order, got.Total, want.Total)
			}
			ids := func(r *Result) []string {
				out := []string{}
				for _, h := range r.Hits {
					out = append(out, string(h.ID))
				}
				// Equal scores, and photos of the same second, may come in
				// another order: stock Bleve breaks date ties by ID.
				slices.Sort(out)
				return out
			}
			if diff := cmp.Diff(ids(want), ids(got)); diff != "" {
				t.Errorf("%q %v: hits differ from stock Bleve's (-stock +ours):\n%s", s, order, diff)
			}
		}
	}
}
