package web

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/cutline/cutline/archive"
	"github.com/cutline/cutline/caption"
	"github.com/cutline/cutline/index"
)

const (
	// pageSize is the number of photos on one page of the grid.
	pageSize = 40
	// maxOffset bounds deep paging: past it, narrow the query.
	maxOffset = 10_000
)

// facetOrder lists the facets the search page shows, with the query field
// a click adds.
var facetOrder = []struct{ key, label string }{
	{"credit", "Credit"}, {"agency", "Agency"}, {"person", "People"}, {"place", "Places"}, {"year", "Year"},
}

type searchView struct {
	base
	Q, Sort     string
	Sorts       []option
	EditFields  []option // the fields a batch can change
	One         bool     // exactly one photo found
	Total       uint64
	Took        string
	Hits        []hitView
	Facets      []facetView
	QueryErr    *queryErrView
	Page, Pages int
	Prev, Next  string
	PageLinks   []pageLink
}

type option struct {
	Value, Label string
	Selected     bool
}

type hitView struct {
	ID         archive.ID
	URL        string
	Name       string
	Headline   string
	Date       string
	Credit     string
	Snippet    []segment
	HasPreview bool
	W, H       int
}

// segment is a piece of text, marked when it matched the query. Templates
// write it as text, so a highlight never becomes markup from the file.
type segment struct {
	Text string
	Mark bool
}

type facetView struct {
	Key, Label string
	Terms      []facetTermView
	Estimated  bool // counts from a sample of a very large result: shown with "≈"
}

type facetTermView struct {
	Term   string
	Count  int
	URL    string
	Active bool
}

type queryErrView struct {
	Msg, Before, At, After string
}

type pageLink struct {
	N       int
	URL     string
	Current bool
	Gap     bool
}

// searchParams are the parameters of the search page, as in its URL.
type searchParams struct {
	q, sort string
	page    int
}

func (p searchParams) url(page int) string {
	v := url.Values{}
	if p.q != "" {
		v.Set("q", p.q)
	}
	if p.sort != "" {
		v.Set("sort", p.sort)
	}
	if page > 1 {
		v.Set("page", strconv.Itoa(page))
	}
	if len(v) == 0 {
		return "/"
	}
	return "/?" + v.Encode()
}

func (s *Server) searchPage(w http.ResponseWriter, r *http.Request) error {
	qv := r.URL.Query()
	p := searchParams{q: strings.TrimSpace(qv.Get("q")), sort: qv.Get("sort"), page: 1}
	if n, err := strconv.Atoi(qv.Get("page")); err == nil && n > 1 {
		p.page = min(n, maxOffset/pageSize+1)
	}
	v := &searchView{base: s.base(r, "Search"), Q: p.q, Sort: p.sort, Page: p.page}
	if p.q != "" {
		v.Title = p.q
	}
	sortBy, err := index.ParseSort(p.sort)
	if err != nil {
		sortBy, p.sort, v.Sort = index.SortDefault, "", ""
	}
	for _, o := range []option{{"", "Best first", false}, {"newest", "Newest", false}, {"oldest", "Oldest", false}, {"relevance", "Relevance", false}} {
		o.Selected = o.Value == p.sort
		v.Sorts = append(v.Sorts, o)
	}
	for _, d := range caption.AllFields() {
		v.EditFields = append(v.EditFields, option{Value: d.Name, Label: d.Label})
	}
	status := http.StatusOK
	query, err := index.ParseQuery(p.q)
	var qe *index.QueryError
	switch {
	case errors.As(err, &qe):
		v.QueryErr = queryError(p.q, qe)
		status = http.StatusBadRequest
	case err != nil:
		return err
	default:
		if err := s.fillResults(r.Context(), v, p, query, sortBy); err != nil {
			return err
		}
	}
	if r.Header.Get("HX-Request") == "true" && r.Header.Get("HX-Target") == "results" {
		// Live results: a query being typed is often malformed for a
		// moment ("person:\"Lee"); its error replaces the results, and
		// htmx swaps only 2xx answers in.
		return s.render(w, r, http.StatusOK, "search", v, "results")
	}
	return s.render(w, r, status, "search", v)
}

func (s *Server) fillResults(ctx context.Context, v *searchView, p searchParams, query index.Query, sortBy index.Sort) error {
	start := time.Now()
	res, err := s.search(ctx, query, index.SearchOptions{
		Limit: pageSize, Offset: (p.page - 1) * pageSize, Sort: sortBy, Facets: true,
	})
	if err != nil {
		return err
	}
	v.Total, v.One = res.Total, res.Total == 1
	photos, err := s.photos(ctx, res.Hits)
	if err != nil {
		return err
	}
	for _, h := range res.Hits {
		if ph := photos[h.ID]; ph != nil { // nil: deleted since the index saw it
			v.Hits = append(v.Hits, s.hitView(ph, h.Highlights, p.q))
		}
	}
	v.Took = time.Since(start).Round(time.Millisecond).String()
	v.Pages = int((res.Total + pageSize - 1) / pageSize)
	v.Pages = min(v.Pages, maxOffset/pageSize+1)
	if p.page > 1 {
		v.Prev = p.url(p.page - 1)
	}
	if p.page < v.Pages {
		v.Next = p.url(p.page + 1)
	}
	v.PageLinks = pageLinks(p, v.Pages)
	for _, f := range facetOrder {
		terms := res.Facets[f.key]
		if len(terms) == 0 {
			continue
		}
		fv := facetView{Key: f.key, Label: f.label, Estimated: res.FacetsEstimated}
		for _, t := range terms {
			q, active := refine(query, f.key, t.Term)
			fv.Terms = append(fv.Terms, facetTermView{
				Term: t.Term, Count: t.Count, Active: active,
				URL: searchParams{q: q, sort: p.sort}.url(1),
			})
		}
		v.Facets = append(v.Facets, fv)
	}
	return nil
}

func (s *Server) hitView(p *archive.Photo, hl []index.Fragment, q string) hitView {
	h := hitView{
		ID: p.ID, Name: p.Name, Headline: p.Caption.Headline, Date: displayDate(p),
		Credit: p.Caption.Credit, HasPreview: s.hasPreview(p),
	}
	h.URL = "/photos/" + string(p.ID)
	if q != "" {
		h.URL += "?q=" + url.QueryEscape(q)
	}
	if h.Credit == "" {
		h.Credit = p.Facts.Agency
	}
	h.W, h.H = fitBox(p.Width, p.Height, 320)
	for _, f := range hl {
		if f.Field == "caption" {
			h.Snippet = segments(f)
			break
		}
	}
	if h.Snippet == nil && p.Caption.Description != "" {
		h.Snippet = []segment{{Text: clip(160, p.Caption.Description)}}
	}
	return h
}

// hasPreview reports whether the photo has renditions to show.
func (s *Server) hasPreview(p *archive.Photo) bool {
	return p.PreviewError == "" && p.Width > 0 && p.Height > 0
}

// fitBox scales w×h to fit a box of side n without enlarging.
func fitBox(w, h, n int) (int, int) {
	if w <= 0 || h <= 0 {
		return n, n * 2 / 3
	}
	if w <= n && h <= n {
		return w, h
	}
	if w >= h {
		return n, max(1, h*n/w)
	}
	return max(1, w*n/h), n
}

// displayDate is the date a photo is listed under: when it was taken, else
// its caption's date created, else when it was ingested.
func displayDate(p *archive.Photo) string {
	d := archive.SortDate(p)
	if len(d) >= 10 {
		return d[:10]
	}
	return d
}

// segments splits a highlight fragment into marked and unmarked text. The
// spans come from the index; bad ones (out of range, overlapping, inside a
// UTF-8 sequence) are skipped rather than trusted.
func segments(f index.Fragment) []segment {
	var out []segment
	pos := 0
	for _, m := range f.Marks {
		if m.Start < pos || m.End <= m.Start || m.End > len(f.Text) ||
			!utf8.RuneStart(f.Text[m.Start]) || (m.End < len(f.Text) && !utf8.RuneStart(f.Text[m.End])) {
			continue
		}
		if m.Start > pos {
			out = append(out, segment{Text: f.Text[pos:m.Start]})
		}
		out = append(out, segment{Text: f.Text[m.Start:m.End], Mark: true})
		pos = m.End
	}
	if pos < len(f.Text) {
		out = append(out, segment{Text: f.Text[pos:]})
	}
	return out
}

// refine returns the query with field:value added, or removed when the
// query already has it (a second click on a facet undoes the first). The
// second result reports that the facet was already applied.
func refine(q index.Query, field, value string) (string, bool) {
	var kept [][]index.Term
	found := false
	for _, g := range q.Groups {
		if len(g) == 1 && g[0].Field == field && !g[0].Not && strings.EqualFold(g[0].Value, value) {
			found = true
			continue
		}
		kept = append(kept, g)
	}
	if found {
		return index.Query{Groups: kept}.String(), true
	}
	t := facetTerm(field, value)
	if q.IsEmpty() {
		return t, false
	}
	return q.String() + " " + t, false
}

// facetTerm writes field:value so that ParseQuery reads value back: quotes
// in a value cannot be escaped in the query language, so they become
// spaces, and a value with spaces is quoted.
func facetTerm(field, value string) string {
	value = strings.Map(func(r rune) rune {
		if r == '"' || r == '“' || r == '”' || r == '„' || unicode.IsControl(r) {
			return ' '
		}
		return r
	}, value)
	value = strings.Join(strings.Fields(value), " ")
	if value == "" {
		value = "?"
	}
	if field == "year" || !strings.Contains(value, " ") {
		return field + ":" + value
	}
	return field + `:"` + value + `"`
}

func queryError(q string, e *index.QueryError) *queryErrView {
	pos := min(max(e.Pos, 0), len(q))
	for pos > 0 && pos < len(q) && !utf8.RuneStart(q[pos]) {
		pos--
	}
	v := &queryErrView{Msg: e.Msg, Before: q[:pos]}
	if pos < len(q) {
		_, n := utf8.DecodeRuneInString(q[pos:])
		v.At, v.After = q[pos:pos+n], q[pos+n:]
	} else {
		v.At = " "
	}
	return v
}

// pageLinks lists the first and last pages and those around the current
// one, with gaps between.
func pageLinks(p searchParams, pages int) []pageLink {
	if pages <= 1 {
		return nil
	}
	var out []pageLink
	last := 0
	for n := 1; n <= pages; n++ {
		if n != 1 && n != pages && (n < p.page-3 || n > p.page+3) {
			continue
		}
		if last != 0 && n > last+1 {
			out = append(out, pageLink{Gap: true})
		}
		out = append(out, pageLink{N: n, URL: p.url(n), Current: n == p.page})
		last = n
	}
	return out
}

// apiSearch answers GET /api/search?q=&limit=&offset=&sort=&facets= with
// {"total","hits":[{"id","score","photo","highlights"}],"facets"}.
func (s *Server) apiSearch(w http.ResponseWriter, r *http.Request) error {
	qv := r.URL.Query()
	query, err := index.ParseQuery(qv.Get("q"))
	if err != nil {
		return err
	}
	opts := index.SearchOptions{Facets: true}
	switch qv.Get("facets") {
	case "", "true", "1", "yes":
	case "false", "0", "no":
		opts.Facets = false
	default:
		return errorf(http.StatusBadRequest, "facets: want true or false, not %q", qv.Get("facets"))
	}
	if opts.Sort, err = index.ParseSort(qv.Get("sort")); err != nil {
		return errStatus(http.StatusBadRequest, err)
	}
	for _, p := range []struct {
		name string
		dst  *int
		max  int
	}{{"limit", &opts.Limit, index.MaxLimit}, {"offset", &opts.Offset, maxOffset}} {
		if s := qv.Get(p.name); s != "" {
			n, err := strconv.Atoi(s)
			if err != nil || n < 0 || n > p.max {
				return errorf(http.StatusBadRequest, "%s: want a number from 0 to %d", p.name, p.max)
			}
			*p.dst = n
		}
	}
	cached, err := s.search(r.Context(), query, opts)
	if err != nil {
		return err
	}
	res := *cached // the cached result is shared: fill a copy
	photos, err := s.photos(r.Context(), res.Hits)
	if err != nil {
		return err
	}
	hits := make([]index.Hit, 0, len(res.Hits))
	for _, h := range res.Hits {
		if h.Photo = photos[h.ID]; h.Photo != nil {
			hits = append(hits, h)
		}
	}
	res.Hits = hits
	return writeJSON(w, http.StatusOK, &res)
}
