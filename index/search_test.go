package index

import (
	"context"
	"errors"
	"html"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/google/go-cmp/cmp"
)

// runSearch runs q and returns the names of the hits in order.
func runSearch(t *testing.T, ix *Index, q string, opts SearchOptions) ([]string, *Result) {
	t.Helper()
	pq, err := ParseQuery(q)
	if err != nil {
		t.Fatalf("ParseQuery(%q): %v", q, err)
	}
	res, err := ix.Search(context.Background(), pq, opts)
	if err != nil {
		t.Fatalf("Search(%q): %v", q, err)
	}
	names := fixtureNames()
	out := []string{}
	for _, h := range res.Hits {
		out = append(out, names[h.ID])
	}
	return out, res
}

func TestSearchForms(t *testing.T) {
	ix, _ := openFilled(t)
	leeID := string(idOf("lee"))
	tests := []struct {
		q    string
		want []string // sorted: the order is tested elsewhere
	}{
		// A free word, found in the caption.
		{`Panmunjom`, []string{"lee"}},
		// Stemming: the caption says "Protesters".
		{`protester`, []string{"afp"}},
		// Two words: both must match, anywhere.
		{`missile launch`, []string{"handout"}},
		// A phrase matches the words in order...
		{`"missile launch"`, []string{"handout"}},
		// ...and not out of order.
		{`"launch missile"`, []string{}},
		// A phrase with a stop word inside ("In") and a hyphen, matching
		// "Lee In-young", "LEE IN-YOUNG" and "lee in young".
		{`"Lee In-young"`, []string{"lee", "leebusan", "leeupper"}},
		{`person:"Lee In-young"`, []string{"lee", "leebusan", "leeupper"}},
		{`person:"lee in young"`, []string{"lee", "leebusan", "leeupper"}},
		{`person:LEE`, []string{"lee", "leebusan", "leeupper"}},
		// A person field phrase does not match across two people.
		{`person:"Jong Biden"`, []string{}},
		// Accents are ignored both ways.
		{`"Sao Paulo"`, []string{"saopaulo"}},
		{`place:"são paulo"`, []string{"saopaulo"}},
		{`city:"Sao Paulo"`, []string{"saopaulo"}},
		{`city:SÃO`, []string{"saopaulo"}},
		// Places gather the parsed places, city and country.
		{`place:Korea`, []string{"handout", "lee"}},
		{`place:busan`, []string{"leebusan"}},
		{`country:brazil`, []string{"saopaulo"}},
		{`country:"South Korea"`, []string{"lee"}},
		// Credit is the credit line as written.
		{`credit:afp`, []string{"afp"}},
		{`credit:KCNA`, []string{"handout"}},
		// Agency is the parsed agency, normalised on both sides.
		{`agency:reuters`, []string{"handout", "lee", "pool"}},
		{`agency:"Agence France-Presse"`, []string{"afp"}},
		// The "via" provider counts as an agency too.
		{`agency:KCNA`, []string{"handout"}},
		// By-line takes the by-line and the parsed photographer.
		{`byline:"Kim Hong-Ji"`, []string{"lee"}},
		{`photographer:penner`, []string{"saopaulo"}},
		{`keyword:politics`, []string{"lee", "pool"}},
		{`source:yonhap`, []string{}},
		// Dates: after a period means from the start of the next one.
		{`after:2020`, []string{"leebusan", "leeupper", "nodate", "pool"}},
		{`before:2018`, []string{"exif", "handout"}},
		{`after:2019-11-24`, []string{"lee", "leebusan", "leeupper", "nodate", "pool"}},
		{`after:2019-11-23`, []string{"lee", "leebusan", "leeupper", "nodate", "pool", "saopaulo"}},
		{`after:2018 before:2021`, []string{"lee", "saopaulo"}},
		{`after:2020-02 before:2020-04`, []string{"lee"}},
		{`year:2021`, []string{"leeupper", "pool"}},
		// The EXIF date is used when the caption has none.
		{`year:2015`, []string{"exif"}},
		// Flags.
		{`file:yes`, []string{"leeupper", "saopaulo"}},
		{`file:no`, []string{"afp", "exif", "handout", "lee", "leebusan", "nodate", "pool"}},
		{`handout:yes`, []string{"handout"}},
		{`pool:yes`, []string{"pool"}},
		// Negation of a field, a word and a phrase.
		{`-file:yes`, []string{"afp", "exif", "handout", "lee", "leebusan", "nodate", "pool"}},
		{`Korea -Panmunjom`, []string{"handout"}},
		{`-"Lee In-young" -Seoul`, []string{"afp", "handout", "nodate", "pool", "saopaulo"}},
		// OR between terms, binding tighter than the implicit AND.
		{`Paris OR Seoul`, []string{"afp", "exif", "leeupper"}},
		{`Paris OR Seoul -file:yes`, []string{"afp", "exif"}},
		{`Paris OR Seoul OR Busan year:2022`, []string{"leebusan"}},
		{`Paris OR -file:no`, []string{"afp", "leeupper", "saopaulo"}},
		// An ID prefix.
		{`id:` + leeID[:10], []string{"lee"}},
		{`id:` + leeID, []string{"lee"}},
		// Only common words: no constraint at all.
		{`the`, []string{"afp", "exif", "handout", "lee", "leebusan", "leeupper", "nodate", "pool", "saopaulo"}},
		// A common word beside a real one is ignored.
		{`the Panmunjom`, []string{"lee"}},
		// Case does not matter.
		{`PANMUNJOM`, []string{"lee"}},
	}
	for _, tt := range tests {
		got, _ := runSearch(t, ix, tt.q, SearchOptions{Limit: 100})
		slices.Sort(got)
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s: hits (-want +got):\n%s", tt.q, diff)
		}
	}
}

func TestSearchOrder(t *testing.T) {
	ix, _ := openFilled(t)
	byDate := []string{"nodate", "leebusan", "leeupper", "pool", "lee", "saopaulo", "afp", "handout", "exif"}
	tests := []struct {
		q    string
		sort Sort
		want []string
	}{
		// The empty query lists every photo, newest first.
		{"", SortDefault, byDate},
		{"", SortOldest, reversed(byDate)},
		// Filters only: newest first by default.
		{"file:no -pool:yes", SortDefault, []string{"nodate", "leebusan", "lee", "afp", "handout", "exif"}},
		{"Korea", SortOldest, []string{"handout", "lee"}},
		{"Korea", SortNewest, []string{"lee", "handout"}},
	}
	for _, tt := range tests {
		got, _ := runSearch(t, ix, tt.q, SearchOptions{Sort: tt.sort, Limit: 100})
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%q sort %v (-want +got):\n%s", tt.q, tt.sort, diff)
		}
	}

	// Pages: offset and limit cut the same order.
	got, res := runSearch(t, ix, "", SearchOptions{Offset: 2, Limit: 3})
	if diff := cmp.Diff(byDate[2:5], got); diff != "" {
		t.Errorf("page (-want +got):\n%s", diff)
	}
	if res.Total != uint64(len(byDate)) {
		t.Errorf("total = %d, want %d", res.Total, len(byDate))
	}

	// Relevance: the photo matching both alternatives outranks the one
	// matching one.
	got, res = runSearch(t, ix, `Korea OR Panmunjom`, SearchOptions{})
	if diff := cmp.Diff([]string{"lee", "handout"}, got); diff != "" {
		t.Errorf("relevance order (-want +got):\n%s", diff)
	}
	for i := 1; i < len(res.Hits); i++ {
		if res.Hits[i].Score > res.Hits[i-1].Score {
			t.Errorf("scores not descending: %v", res.Hits)
		}
	}
}

func reversed(s []string) []string {
	out := slices.Clone(s)
	slices.Reverse(out)
	return out
}

func TestFacets(t *testing.T) {
	ix, _ := openFilled(t)
	_, res := runSearch(t, ix, "", SearchOptions{Facets: true, Limit: 1})
	want := map[string][]FacetTerm{
		"credit": {{"Yonhap", 3}, {"AFP", 1}, {"AP", 1}, {"KCNA via REUTERS", 1}, {"POOL", 1}, {"REUTERS", 1}, {"Staff", 1}},
		// Agencies come from the facts, else from a credit that names an
		// agency on its own (the EXIF photo's "Yonhap").
		"agency": {{"Reuters", 3}, {"Yonhap", 3}, {"AFP", 1}, {"AP", 1}},
		// Two photos spell her "Lee In-young", one "LEE IN-YOUNG": one
		// value, named by the more common spelling.
		"person": {{"Lee In-young", 3}, {"Joe Biden", 1}, {"Kim Jong Un", 1}},
		"place": {{"Brazil", 1}, {"Busan", 1}, {"Demilitarized Zone", 1}, {"France", 1}, {"North Korea", 1},
			{"Panmunjom", 1}, {"Paris", 1}, {"São Paulo", 1}, {"South Korea", 1}, {"Washington", 1}},
		// Ties are in the order of the folded name ("sao" before "south").
		"year": {{"2021", 2}, {"2015", 1}, {"2017", 1}, {"2018", 1}, {"2019", 1}, {"2020", 1}, {"2022", 1}, {"2023", 1}},
	}
	if diff := cmp.Diff(want, res.Facets); diff != "" {
		t.Errorf("facets (-want +got):\n%s", diff)
	}

	// Facets count the matching photos only, and FacetSize cuts them.
	_, res = runSearch(t, ix, "agency:reuters", SearchOptions{Facets: true, FacetSize: 2})
	wantCredit := []FacetTerm{{"KCNA via REUTERS", 1}, {"POOL", 1}}
	if diff := cmp.Diff(wantCredit, res.Facets["credit"]); diff != "" {
		t.Errorf("credit facet of agency:reuters (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]FacetTerm{{"Reuters", 3}}, res.Facets["agency"]); diff != "" {
		t.Errorf("agency facet of agency:reuters (-want +got):\n%s", diff)
	}
}

func TestHighlight(t *testing.T) {
	ix, _ := openFilled(t)
	tests := []struct {
		q    string
		name string
		want []string // fragments formatted with [ and ]
	}{
		// Accented text is marked on the right bytes although the
		// analyzer folded it.
		{`"sao paulo"`, "saopaulo", []string{
			"headline: Fans celebrate in [São Paulo]",
			"caption: Fans celebrate in [São Paulo], Brazil, after the final. (AP Photo/Andre Penner, File)",
		}},
		// A person query marks the name in the caption, across the hyphen
		// and the stop word.
		{`person:"lee in-young"`, "lee", []string{
			"headline: [Lee In-young] visits Panmunjom",
			"caption: South Korean actress [Lee In-young] (C) waves during a visit to the truce village of Panmunjom in the Demilitarized Zone, South Korea, March 3, 2020. REUTERS/Kim Hong-Ji",
		}},
		// Words are marked wherever they are, in any form the stemmer
		// joins; negated terms are not marked.
		{`protester police -pool:yes -dog`, "afp", []string{
			"caption: [Protesters] clash with [police] in Paris on May 1, 2018. AFP PHOTO / Zakaria ABDELKAFI",
		}},
	}
	for _, tt := range tests {
		_, res := runSearch(t, ix, tt.q, SearchOptions{})
		var got []string
		for _, h := range res.Hits {
			if h.ID != idOf(tt.name) {
				continue
			}
			for _, f := range h.Highlights {
				got = append(got, f.Field+": "+f.Format("[", "]", nil))
			}
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s: highlights (-want +got):\n%s", tt.q, diff)
		}
	}

	// A query of filters only has nothing to mark.
	_, res := runSearch(t, ix, "file:yes", SearchOptions{})
	for _, h := range res.Hits {
		if len(h.Highlights) > 0 {
			t.Errorf("file:yes: highlights %v", h.Highlights)
		}
	}
}

func TestCaptionFragments(t *testing.T) {
	ix, err := Open(t.TempDir()+"/ix", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	filler := strings.Repeat("The crowd waited in the square for hours. ", 10)
	text := "Ministers met in Brussels. " + filler + "Later the protest moved to the Grand-Place in Brussels, where police <waited>. " + filler
	frags := ix.highlight("\n"+text, [][]string{{"brussel"}})
	if len(frags) != 2 {
		t.Fatalf("got %d fragments, want 2: %+v", len(frags), frags)
	}
	for i, f := range frags {
		if len(f.Marks) != 1 {
			t.Fatalf("fragment %d: marks %v, want one", i, f.Marks)
		}
		m := f.Marks[0]
		if got := f.Text[m.Start:m.End]; got != "Brussels" {
			t.Errorf("fragment %d marks %q, want Brussels", i, got)
		}
		if len(f.Text) > fragmentLen+2*leadIn {
			t.Errorf("fragment %d is %d bytes long", i, len(f.Text))
		}
	}
	if !strings.HasPrefix(frags[1].Text, ellipsis) || !strings.HasSuffix(frags[1].Text, ellipsis) {
		t.Errorf("inner fragment lacks ellipses: %q", frags[1].Text)
	}
	// Format escapes the text but not the marks.
	got := frags[1].Format("<mark>", "</mark>", html.EscapeString)
	if !strings.Contains(got, "<mark>Brussels</mark>, where police &lt;waited&gt;.") {
		t.Errorf("Format = %q", got)
	}
}

func TestSearchClosedAndStale(t *testing.T) {
	ix, err := Open(t.TempDir()+"/ix", nil)
	if err != nil {
		t.Fatal(err)
	}
	// A new index has never been built: searching it is refused until
	// Sync has run.
	if _, err := ix.Search(context.Background(), Query{}, SearchOptions{}); !errors.Is(err, ErrStale) {
		t.Errorf("search of a new index: err = %v, want ErrStale", err)
	}
	if _, err := ix.Sync(context.Background(), newMemSource()); err != nil {
		t.Fatal(err)
	}
	res, err := ix.Search(context.Background(), Query{}, SearchOptions{Facets: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 0 || len(res.Hits) != 0 {
		t.Errorf("empty archive: %+v", res)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := ix.Search(context.Background(), Query{}, SearchOptions{}); !errors.Is(err, ErrClosed) {
		t.Errorf("search after close: err = %v, want ErrClosed", err)
	}
}

// TestDateCover checks the day, month and year terms of dateCover against
// the plain comparison, for random ranges and dates around them.
func TestDateCover(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	base := time.Date(2018, 1, 1, 0, 0, 0, 0, time.UTC)
	day := func() time.Time { return base.AddDate(0, 0, r.IntN(5*365)) }
	covered := func(q query.Query, d time.Time) bool {
		var walk func(q query.Query) bool
		walk = func(q query.Query) bool {
			switch q := q.(type) {
			case *query.DisjunctionQuery:
				return slices.ContainsFunc(q.Disjuncts, walk)
			case *query.TermQuery:
				switch q.FieldVal {
				case fieldDay:
					return q.Term == d.Format("2006-01-02")
				case fieldMonth:
					return q.Term == d.Format("2006-01")
				}
			case *query.TermRangeQuery:
				y := d.Format("2006")
				return (q.Min == "" || y >= q.Min) && (q.Max == "" || y < q.Max)
			case *query.MatchNoneQuery:
				return false
			}
			t.Fatalf("unexpected query %T", q)
			return false
		}
		return walk(q)
	}
	for range 300 {
		from, to := day(), day()
		switch r.IntN(4) {
		case 0:
			from = time.Time{} // before:
		case 1:
			to = time.Time{} // after:
		}
		q := dateCover(from, to)
		for range 40 {
			d := day().Add(time.Duration(r.IntN(86400)) * time.Second)
			want := (from.IsZero() || !d.Before(from)) && (to.IsZero() || d.Before(to))
			if got := covered(q, d); got != want {
				t.Fatalf("dateCover(%v, %v) covers %v: %v, want %v", from, to, d, got, want)
			}
		}
	}
}

// TestDateWindows checks that listing by date through windows of months
// gives the same pages, totals and facets as sorting every hit.
func TestDateWindows(t *testing.T) {
	ctx := context.Background()
	src := newMemSource()
	g := NewGenerator(11)
	for i := range 3000 {
		src.put(g.Photo(i))
	}
	ix, err := Open(t.TempDir()+"/ix", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if _, err := ix.Sync(ctx, src); err != nil {
		t.Fatal(err)
	}
	queries := []string{"", "after:2010", "before:2003-05-17", "year:2012", "file:yes", "after:2004 before:2004-03", `place:Seoul -pool:yes`, "protesters OR earthquake"}
	for _, qs := range queries {
		for _, sortBy := range []Sort{SortNewest, SortOldest} {
			for _, page := range []SearchOptions{{Limit: 20}, {Limit: 7, Offset: 40}, {Limit: 20, Facets: true}} {
				page.Sort = sortBy
				q := mustParse(t, qs)
				ix.noWindow = false
				got, err := ix.Search(ctx, q, page)
				if err != nil {
					t.Fatal(err)
				}
				ix.noWindow = true
				want, err := ix.Search(ctx, q, page)
				if err != nil {
					t.Fatal(err)
				}
				got.Took, want.Took = 0, 0
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("%q %v %+v: windowed differs from full sort (-full +windowed):\n%s", qs, sortBy, page, diff)
				}
			}
		}
	}
	ix.noWindow = false

	// The cached facets of the empty query follow changes.
	before, err := ix.Search(ctx, Query{}, SearchOptions{Facets: true})
	if err != nil {
		t.Fatal(err)
	}
	src.put(g.Photo(5000))
	if _, err := ix.Sync(ctx, src); err != nil {
		t.Fatal(err)
	}
	after, err := ix.Search(ctx, Query{}, SearchOptions{Facets: true})
	if err != nil {
		t.Fatal(err)
	}
	if after.Total != before.Total+1 {
		t.Errorf("total after adding a photo: %d, want %d", after.Total, before.Total+1)
	}
	sum := func(r *Result) (n int) {
		for _, f := range r.Facets["year"] {
			n += f.Count
		}
		return n
	}
	if sum(after) != sum(before)+1 {
		t.Errorf("year facet sum after adding a photo: %d, want %d", sum(after), sum(before)+1)
	}
}
