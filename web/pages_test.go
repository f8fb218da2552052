package web

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/cutline/cutline/archive"
	"github.com/cutline/cutline/caption"
	"github.com/cutline/cutline/internal/demo"
	"github.com/cutline/cutline/thumbnails"
	"github.com/google/go-cmp/cmp"
)

var hrefRE = regexp.MustCompile(`href="([^"]*)"`)

// links returns the unescaped href values of a page that contain sub.
func links(page, sub string) []string {
	var out []string
	for _, m := range hrefRE.FindAllStringSubmatch(page, -1) {
		u := strings.ReplaceAll(m[1], "&amp;", "&")
		if strings.Contains(u, sub) {
			out = append(out, u)
		}
	}
	return out
}

func TestSearchPage(t *testing.T) {
	f := newFixture(t, fixtureOptions{photos: 45, accounts: true})
	w := f.do("vic", "GET", "/", nil)
	page := w.Body.String()
	if w.Code != http.StatusOK {
		t.Fatalf("GET /: %d", w.Code)
	}
	// 45 photos: a first page of pageSize cards and a link to page 2.
	if n := strings.Count(page, `class="card"`); n != pageSize {
		t.Errorf("%d cards on page 1, want %d", n, pageSize)
	}
	if next := links(page, "page=2"); len(next) == 0 {
		t.Errorf("no link to page 2")
	} else {
		w2 := f.do("vic", "GET", next[0], nil)
		if n := strings.Count(w2.Body.String(), `class="card"`); n != 45-pageSize {
			t.Errorf("%d cards on page 2, want %d", n, 45-pageSize)
		}
	}
	// A viewer gets no selection boxes and no batch form.
	if strings.Contains(page, `class="sel"`) || strings.Contains(page, `id="batch-form"`) {
		t.Errorf("viewer sees the batch controls")
	}
	if ed := f.do("ed", "GET", "/", nil).Body.String(); !strings.Contains(ed, `id="batch-form"`) || strings.Count(ed, `class="sel"`) != pageSize {
		t.Errorf("editor lacks the batch controls")
	}
	for _, facet := range []string{`data-facet="credit"`, `data-facet="agency"`, `data-facet="place"`, `data-facet="year"`} {
		if !strings.Contains(page, facet) {
			t.Errorf("no %s facet", facet)
		}
	}

	// A facet link refines the query, and every photo it finds has that credit.
	credit := links(page, "credit%3A")
	if len(credit) == 0 {
		t.Fatal("no credit facet links")
	}
	u, err := url.Parse(credit[0])
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query().Get("q")
	term := strings.Trim(strings.TrimPrefix(q, "credit:"), `"`)
	ids := f.searchIDs("vic", q)
	if len(ids) == 0 || len(ids) == 45 {
		t.Errorf("facet %q finds %d photos, want some but not all", q, len(ids))
	}
	for _, id := range ids {
		if got := f.photo(id).Caption.Credit; !strings.EqualFold(got, term) {
			t.Errorf("facet %q found a photo credited %q", q, got)
		}
	}
	// The refined page marks the facet active; its link removes it again.
	refined := f.do("vic", "GET", credit[0], nil).Body.String()
	if !strings.Contains(refined, `class="active"`) {
		t.Errorf("the applied facet is not marked active")
	}
	if back := links(refined, "/"); !slices.Contains(back, "/") {
		t.Errorf("the active facet does not link back to the unrefined search: %v", back)
	}

	// A query error is shown with its position, as a 400.
	w = f.do("vic", "GET", "/?q="+url.QueryEscape(`plce:Seoul`), nil)
	if w.Code != http.StatusBadRequest || !strings.Contains(w.Body.String(), "did you mean place:") ||
		!strings.Contains(w.Body.String(), "<mark>p</mark>lce:Seoul") {
		t.Errorf("query error: %d\n%s", w.Code, w.Body)
	}
	// htmx asks for the results only: no layout around them.
	w = f.do("vic", "GET", "/?q=Seoul", nil, "HX-Request", "true", "HX-Target", "results")
	if w.Code != http.StatusOK || !strings.HasPrefix(strings.TrimSpace(w.Body.String()), `<section id="results">`) ||
		strings.Contains(w.Body.String(), "<html") {
		t.Errorf("htmx partial: %d %.200s", w.Code, w.Body)
	}
	if !strings.Contains(w.Header().Get("Vary"), "HX-Request") {
		t.Errorf("partial and full pages share a cache entry (Vary %q)", w.Header().Get("Vary"))
	}
	// A query typed halfway shows its error in place of the results (htmx
	// swaps in 2xx answers only).
	w = f.do("vic", "GET", "/?q="+url.QueryEscape(`person:"Lee`), nil, "HX-Request", "true", "HX-Target", "results")
	if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), "never closed") {
		t.Errorf("htmx partial with a query error: %d %.300s", w.Code, w.Body)
	}
}

func TestSearchSortAndHighlights(t *testing.T) {
	f := newFixture(t, fixtureOptions{photos: 12, accounts: true})
	dates := func(sort string) []string {
		page := f.do("vic", "GET", "/?sort="+sort, nil).Body.String()
		var out []string
		for _, m := range regexp.MustCompile(`<time>([^<]*)</time>`).FindAllStringSubmatch(page, -1) {
			out = append(out, m[1])
		}
		return out
	}
	newest, oldest := dates("newest"), dates("oldest")
	if len(newest) != 12 || !slices.IsSorted(oldest) || slices.Equal(newest, oldest) {
		t.Errorf("newest %v, oldest %v", newest, oldest)
	}
	slices.Reverse(newest)
	if !slices.IsSorted(newest) {
		t.Errorf("newest first is not descending: %v", newest)
	}
	page := f.do("vic", "GET", "/?q=Panmunjom", nil).Body.String()
	if !strings.Contains(page, "<mark>Panmunjom</mark>") {
		t.Errorf("the matching word is not highlighted")
	}
}

func TestSearchAPI(t *testing.T) {
	f := newFixture(t, fixtureOptions{photos: 12, accounts: true})
	w := f.do("vic", "GET", "/api/search?q=Panmunjom&limit=5", nil)
	res := decode[struct {
		Total int
		Hits  []struct {
			ID    archive.ID
			Score float64
			Photo *archive.Photo
		}
		Facets map[string][]struct {
			Term  string
			Count int
		}
	}](t, w)
	if w.Code != http.StatusOK || res.Total != 1 || len(res.Hits) != 1 {
		t.Fatalf("search Panmunjom: %d %+v", w.Code, res)
	}
	h := res.Hits[0]
	if h.ID != f.ids[1] || h.Photo == nil || h.Photo.ID != h.ID || h.Score <= 0 {
		t.Errorf("hit %+v, want photo 2 of the demo with its photo object", h)
	}
	if d := cmp.Diff(demo.SeedCaptions()[1], h.Photo.Caption); d != "" {
		t.Errorf("photo caption in the hit (-want +got):\n%s", d)
	}
	if len(res.Facets["credit"]) == 0 || res.Facets["credit"][0].Term != "AFP" {
		t.Errorf("facets %+v", res.Facets)
	}
	// Paging through everything finds each photo once.
	var all []archive.ID
	for off := 0; off < 12; off += 5 {
		w := f.do("vic", "GET", "/api/search?sort=oldest&facets=false&limit=5&offset="+strconv.Itoa(off), nil)
		r := decode[struct {
			Hits   []struct{ ID archive.ID }
			Facets map[string]any
		}](t, w)
		if r.Facets != nil {
			t.Errorf("facets=false still returned facets")
		}
		for _, h := range r.Hits {
			all = append(all, h.ID)
		}
	}
	slices.Sort(all)
	want := slices.Clone(f.ids)
	slices.Sort(want)
	if d := cmp.Diff(want, all); d != "" {
		t.Errorf("paging (-want +got):\n%s", d)
	}
	for _, c := range []struct{ q, want string }{
		{"q=" + url.QueryEscape(`person:"unclosed`), "never closed"}, // query error
		{"limit=-1", "limit"},         // negative limit
		{"limit=abc", "limit"},        // not a number
		{"offset=99999999", "offset"}, // beyond deep paging
		{"sort=sideways", "sort"},     // unknown order
		{"facets=maybe", "facets"},    // neither true nor false
	} {
		w := f.do("vic", "GET", "/api/search?"+c.q, nil)
		e := decode[struct{ Error string }](t, w)
		if w.Code != http.StatusBadRequest || !strings.Contains(strings.ToLower(e.Error), c.want) {
			t.Errorf("%s: %d %q, want 400 naming %q", c.q, w.Code, e.Error, c.want)
		}
		if strings.HasPrefix(e.Error, "query: query:") {
			t.Errorf("%s: %q says query: twice", c.q, e.Error)
		}
	}
}

func TestPhotoPage(t *testing.T) {
	f := newFixture(t, fixtureOptions{photos: 8, big: true, accounts: true})
	id := f.ids[1] // the Lee In-young seed photo
	page := f.do("ed", "GET", "/photos/"+string(id)+"?q=Panmunjom", nil).Body.String()
	for _, want := range []string{
		`src="/thumbs/` + string(id) + `/1280"`, // the preview
		`name="rev"`,                            // the revision guard
		`href="/photos/` + string(id) + `/original"`,
		`href="/photos/` + string(id) + `/export"`,
		`class="copy"`,                // credit lines with copy buttons
		`data-copy="AFP"`,             // the AFP style's line for an AFP photo
		`href="/?q=Panmunjom"`,        // back to the search it came from
		`value="Panmunjom"`,           // sub-location in the form
		`>Politics` + "\nNorth Korea", // a list field, one item per line
		`class="chips"`,               // ... turned into chips by the script
	} {
		if !strings.Contains(page, want) {
			t.Errorf("photo page lacks %s", want)
		}
	}
	// Every IPTC field is in the form.
	for _, d := range caption.AllFields() {
		if !strings.Contains(page, `name="`+d.Name+`"`) {
			t.Errorf("no form field %s", d.Name)
		}
	}
	// The viewer gets the same page read-only.
	vpage := f.do("vic", "GET", "/photos/"+string(id), nil).Body.String()
	if strings.Contains(vpage, `id="save"`) || !strings.Contains(vpage, "readonly") || strings.Contains(vpage, "Revert") {
		t.Errorf("viewer page is editable")
	}
	// The cut-off demo photo has no preview and says why.
	np := f.do("ed", "GET", "/photos/"+string(f.ids[6]), nil).Body.String()
	if !strings.Contains(np, `class="nopreview big"`) || !strings.Contains(np, "no preview:") || strings.Contains(np, "/1280\"") {
		t.Errorf("photo without preview: no placeholder or warning")
	}
	// The long caption shows the IIM limit, in the warnings and the field.
	long := f.do("ed", "GET", "/photos/"+string(f.ids[3]), nil).Body.String()
	if !strings.Contains(long, "IPTC IIM allows 2000") || !strings.Contains(long, `field long over`) {
		t.Errorf("the caption over the IIM limit is not flagged")
	}
	for _, c := range []struct {
		path string
		want int
	}{
		{"/photos/" + string(id)[:8], http.StatusSeeOther},          // a prefix redirects to the full ID
		{"/photos/" + strings.Repeat("0", 64), http.StatusNotFound}, // no such photo
		{"/photos/zzzz", http.StatusBadRequest},                     // not an ID
		{"/photos/abc", http.StatusBadRequest},                      // too short a prefix
	} {
		if w := f.do("ed", "GET", c.path, nil); w.Code != c.want {
			t.Errorf("GET %s: %d, want %d", c.path, w.Code, c.want)
		}
	}
}

// TestSaveReindexes: a save changes the caption, records who did it, and
// the new words are found by search at once.
func TestSaveReindexes(t *testing.T) {
	f := newFixture(t, fixtureOptions{photos: 6, accounts: true})
	id := f.ids[2]
	p := f.photo(id)
	v := url.Values{}
	for _, d := range caption.AllFields() {
		v.Set(d.Name, p.Caption.Text(d.Name))
	}
	v.Set("rev", captionRev(p.Caption))
	v.Set("description", "Zanzibarian dancers perform at the opening ceremony.\nSecond line.")
	v.Set("keywords", "culture\r\n dance \n\nculture") // CRLF, blanks and a repeat
	v.Set("headline", "  Dancers   open the festival ")
	v.Set("q", "festival")
	w := f.do("ed", "POST", "/photos/"+string(id), formValues(v))
	if w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/photos/"+string(id)+"?q=festival&saved=3" {
		t.Fatalf("save: %d to %q\n%s", w.Code, w.Header().Get("Location"), w.Body)
	}
	got := f.photo(id).Caption
	if got.Description != "Zanzibarian dancers perform at the opening ceremony.\nSecond line." ||
		got.Headline != "Dancers open the festival" || !slices.Equal(got.Keywords, []string{"culture", "dance"}) {
		t.Errorf("saved caption %+v", got)
	}
	if ids := f.searchIDs("ed", "zanzibarian"); !slices.Equal(ids, []archive.ID{id}) {
		t.Errorf("search for the new word: %v, want [%s]", ids, id.Short())
	}
	hist, err := f.store.History(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	var fields []string
	for _, h := range hist {
		if h.User == "ed" {
			fields = append(fields, h.Field)
		}
	}
	if d := cmp.Diff([]string{"headline", "description", "keywords"}, fields); d != "" {
		t.Errorf("history by ed (-want +got):\n%s", d)
	}
	page := f.do("ed", "GET", w.Header().Get("Location"), nil).Body.String()
	if !strings.Contains(page, `id="saved"`) || !strings.Contains(page, "Zanzibarian") {
		t.Errorf("the page after saving does not show the save")
	}

	// The old form (stale revision) does not overwrite the new caption.
	v.Set("headline", "Stale edit")
	w = f.do("ed", "POST", "/photos/"+string(id), formValues(v))
	if w.Code != http.StatusConflict || !strings.Contains(w.Body.String(), `id="conflict"`) || !strings.Contains(w.Body.String(), `value="Stale edit"`) {
		t.Errorf("stale save: %d", w.Code)
	}
	if f.photo(id).Caption.Headline != "Dancers open the festival" {
		t.Errorf("a stale save overwrote the caption")
	}
	// Saving again from the conflict page (new revision) overwrites.
	m := regexp.MustCompile(`name="rev" value="([0-9a-f]+)"`).FindStringSubmatch(w.Body.String())
	if m == nil {
		t.Fatal("no revision in the conflict page")
	}
	v.Set("rev", m[1])
	if w := f.do("ed", "POST", "/photos/"+string(id), formValues(v)); w.Code != http.StatusSeeOther {
		t.Errorf("save after conflict: %d", w.Code)
	}
	if f.photo(id).Caption.Headline != "Stale edit" {
		t.Errorf("save after the conflict did not apply")
	}
	// A malformed date is refused with a message; nothing changes.
	before := f.photo(id).Caption
	v.Set("rev", captionRev(before))
	v.Set("dateCreated", "16/09/2020")
	w = f.do("ed", "POST", "/photos/"+string(id), formValues(v))
	if w.Code != http.StatusBadRequest || !strings.Contains(w.Body.String(), "YYYY-MM-DD") {
		t.Errorf("bad date: %d", w.Code)
	}
	if !f.photo(id).Caption.Equal(before) {
		t.Errorf("a refused save changed the caption")
	}
}

func TestSuggestAndRevert(t *testing.T) {
	f := newFixture(t, fixtureOptions{photos: 3, accounts: true})
	id := f.ids[0]
	w := f.do("ed", "POST", "/photos/"+string(id)+"/suggest", form("field", "personsShown", "op", "add", "value", "Ilhan Omar"))
	if w.Code != http.StatusSeeOther {
		t.Fatalf("suggest: %d %s", w.Code, w.Body)
	}
	w = f.do("ed", "POST", "/photos/"+string(id)+"/suggest", form("field", "city", "op", "set", "value", "Washington, DC"))
	if w.Code != http.StatusSeeOther {
		t.Fatalf("suggest: %d %s", w.Code, w.Body)
	}
	p := f.photo(id)
	if !slices.Equal(p.Caption.PersonsShown, []string{"Ilhan Omar"}) || p.Caption.City != "Washington, DC" {
		t.Errorf("after suggestions: %+v", p.Caption)
	}
	if ids := f.searchIDs("ed", `person:"Ilhan Omar"`); !slices.Contains(ids, id) {
		t.Errorf("the added person is not found by search")
	}
	for _, bad := range [][]string{
		{"field", "nope", "op", "set", "value", "x"},    // unknown field
		{"field", "city", "op", "delete", "value", "x"}, // unknown op
		{"field", "city", "op", "set", "value", "  "},   // empty value
	} {
		if w := f.do("ed", "POST", "/photos/"+string(id)+"/suggest", form(bad...)); w.Code != http.StatusBadRequest {
			t.Errorf("suggest %v: %d, want 400", bad, w.Code)
		}
	}
	hist, _ := f.store.History(context.Background(), id)
	last := hist[len(hist)-1] // city: "Washington" → "Washington, DC"
	if last.Field != "city" {
		t.Fatalf("last history entry %+v", last)
	}
	w = f.do("ed", "POST", "/photos/"+string(id)+"/revert", form("seq", strconv.FormatInt(last.Seq, 10)))
	if w.Code != http.StatusSeeOther {
		t.Fatalf("revert: %d %s", w.Code, w.Body)
	}
	if got := f.photo(id).Caption.City; got != "Washington" {
		t.Errorf("city after revert %q, want Washington", got)
	}
	for _, c := range []struct {
		seq  string
		want int
	}{{"0", 400}, {"x", 400}, {"999999", 404}} {
		if w := f.do("ed", "POST", "/photos/"+string(id)+"/revert", form("seq", c.seq)); w.Code != c.want {
			t.Errorf("revert %s: %d, want %d", c.seq, w.Code, c.want)
		}
	}
}

func TestBatch(t *testing.T) {
	f := newFixture(t, fixtureOptions{photos: 6, accounts: true})
	sel := f.ids[2:5]
	v := url.Values{"mode": {"template"}, "q": {"x"}, "template": {"keywords+: Batched; Desk\ncredit?: Should not replace"}}
	for _, id := range sel {
		v.Add("id", string(id))
	}
	w := f.do("ed", "POST", "/batch", formValues(v))
	if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), "<strong>3</strong> changed") {
		t.Fatalf("batch: %d\n%s", w.Code, w.Body)
	}
	for i, id := range f.ids {
		p := f.photo(id)
		in := slices.Contains(sel, id)
		if got := slices.Contains(p.Caption.Keywords, "Batched"); got != in {
			t.Errorf("photo %d: keyword Batched %v, want %v", i, got, in)
		}
		if p.Caption.Credit == "Should not replace" {
			t.Errorf("photo %d: credit?: replaced a credit", i)
		}
	}
	if ids := f.searchIDs("ed", "keyword:Batched"); len(ids) != 3 {
		t.Errorf("keyword:Batched finds %d photos, want 3", len(ids))
	}
	// A field change through the JSON API, with an ID prefix.
	w = f.do("ed", "POST", "/api/batch", jsonBody(map[string]any{
		"ids": []string{string(sel[0])[:12]}, "edits": []map[string]string{{"op": "set", "field": "city", "value": "Gwangju"}},
	}))
	res := decode[struct {
		Results []struct {
			ID      archive.ID
			Changes []archive.FieldChange
		}
	}](t, w)
	if w.Code != http.StatusOK || len(res.Results) != 1 || res.Results[0].ID != sel[0] || len(res.Results[0].Changes) != 1 {
		t.Errorf("api batch: %d %+v", w.Code, res)
	}
	if f.photo(sel[0]).Caption.City != "Gwangju" {
		t.Errorf("api batch did not set the city")
	}
	for _, c := range []struct {
		name string
		body *body
	}{
		{"no photos", form("mode", "template", "template", "city: X")},
		{"empty template", form("id", string(sel[0]), "mode", "template", "template", " ")},
		{"bad template", form("id", string(sel[0]), "mode", "template", "template", "nosuchfield: x")},
		{"bad field", form("id", string(sel[0]), "mode", "field", "field", "nope", "op", "set", "value", "x")},
		{"bad op", form("id", string(sel[0]), "mode", "field", "field", "city", "op", "rename", "value", "x")},
		{"bad id", form("id", "xyz", "mode", "field", "field", "city", "op", "set", "value", "x")},
	} {
		if w := f.do("ed", "POST", "/batch", c.body); w.Code != http.StatusBadRequest {
			t.Errorf("%s: %d, want 400\n%.300s", c.name, w.Code, w.Body)
		}
	}
}

func TestUpload(t *testing.T) {
	f := newFixture(t, fixtureOptions{photos: 2, accounts: true, cfg: Config{MaxUploadFiles: 3}})
	good, err := demo.Photo(40, &demo.Options{Small: true})
	if err != nil {
		t.Fatal(err)
	}
	dup, err := demo.Photo(0, &demo.Options{Small: true})
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{
		"new.jpg":       good.Data,
		"again.jpg":     dup.Data,
		"notes.jpg":     []byte("this is a text file, not a JPEG"),
		`..\evil/x.jpg`: good.Data,
		"fourth.jpg":    good.Data,
	}
	w := f.do("ed", "POST", "/api/upload", upload(files, "new.jpg", "again.jpg", "notes.jpg", "fourth.jpg"))
	rep := decode[archive.Report](t, w)
	if w.Code != http.StatusOK {
		t.Fatalf("upload: %d %s", w.Code, w.Body)
	}
	if len(rep.Ingested) != 1 || rep.Ingested[0].Path != "new.jpg" || rep.Ingested[0].ID != archive.IDOf(good.Data) {
		t.Errorf("ingested %+v", rep.Ingested)
	}
	if len(rep.Duplicates) != 1 || rep.Duplicates[0].ID != f.ids[0] {
		t.Errorf("duplicates %+v, want again.jpg as demo photo 1", rep.Duplicates)
	}
	var reasons []string
	for _, r := range rep.Rejected {
		reasons = append(reasons, r.Path+": "+r.Error)
	}
	if len(reasons) != 2 || !strings.Contains(reasons[0], "notes.jpg: ") || !strings.Contains(reasons[1], "fourth.jpg: not read: at most 3 files") {
		t.Errorf("rejected %q", reasons)
	}
	if p := f.photo(archive.IDOf(good.Data)); p.Caption.Headline != good.Caption.Headline {
		t.Errorf("uploaded photo caption %+v", p.Caption)
	} else if hist, _ := f.store.History(context.Background(), p.ID); len(hist) != 0 {
		t.Errorf("an upload without template has history %+v", hist)
	}
	// The new photo is searchable at once.
	if ids := f.searchIDs("ed", "id:"+string(archive.IDOf(good.Data))[:10]); len(ids) != 1 {
		t.Errorf("the uploaded photo is not in the index")
	}
	// File names are cut to their base name.
	other, _ := demo.Photo(41, &demo.Options{Small: true})
	w = f.do("ed", "POST", "/upload", upload(map[string][]byte{`..\evil/x.jpg`: other.Data}, `..\evil/x.jpg`))
	if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), "<td>x.jpg</td>") {
		t.Errorf("form upload: %d\n%s", w.Code, w.Body)
	}
	for _, c := range []struct {
		name string
		b    *body
		want int
	}{
		{"not multipart", form("file", "x"), http.StatusBadRequest},
		{"no file", upload(nil), http.StatusBadRequest},
	} {
		if w := f.do("ed", "POST", "/api/upload", c.b); w.Code != c.want {
			t.Errorf("%s: %d, want %d", c.name, w.Code, c.want)
		}
	}
}

func TestUploadSizeLimit(t *testing.T) {
	f := newFixture(t, fixtureOptions{accounts: true, cfg: Config{MaxUploadBytes: 64 << 10}})
	big, err := demo.Photo(1, nil) // an editorial-size photo, well over 64 KB
	if err != nil {
		t.Fatal(err)
	}
	w := f.do("ed", "POST", "/api/upload", upload(map[string][]byte{"big.jpg": big.Data}, "big.jpg"))
	e := decode[struct {
		Error    string
		Rejected []archive.Rejected
	}](t, w)
	if w.Code != http.StatusRequestEntityTooLarge || !strings.Contains(e.Error, "65536") {
		t.Errorf("oversized upload: %d %+v", w.Code, e)
	}
	if n, _ := f.store.Count(context.Background()); n != 0 {
		t.Errorf("%d photos after a refused upload", n)
	}
}

func TestThumbnailsAndDownloads(t *testing.T) {
	f := newFixture(t, fixtureOptions{photos: 3, accounts: true})
	id := f.ids[1]
	w := f.do("vic", "GET", "/thumbs/"+string(id)+"/320", nil)
	etag := w.Header().Get("ETag")
	if w.Code != http.StatusOK || w.Header().Get("Content-Type") != "image/jpeg" ||
		!strings.Contains(w.Header().Get("Cache-Control"), "immutable") || !strings.Contains(etag, string(id)) {
		t.Fatalf("thumbnail: %d %v", w.Code, w.Header())
	}
	if _, err := thumbnails.ReadHeader(w.Body.Bytes(), 0); err != nil {
		t.Errorf("thumbnail is not a JPEG: %v", err)
	}
	if w := f.do("vic", "GET", "/thumbs/"+string(id)+"/320", nil, "If-None-Match", etag); w.Code != http.StatusNotModified || w.Body.Len() != 0 {
		t.Errorf("conditional thumbnail: %d, %d bytes", w.Code, w.Body.Len())
	}
	// A lost rendition is made again from the original.
	cache := thumbnails.Cache{Dir: f.store.ThumbDir()}
	if err := cache.Remove(string(id)); err != nil {
		t.Fatal(err)
	}
	if w := f.do("vic", "GET", "/thumbs/"+string(id)+"/1280", nil); w.Code != http.StatusOK || !cache.Has(string(id), 1280) {
		t.Errorf("lost rendition: %d, cached again %v", w.Code, cache.Has(string(id), 1280))
	}
	for _, c := range []struct {
		path string
		want int
	}{
		{"/thumbs/" + string(id) + "/640", http.StatusNotFound},        // not a rendition size
		{"/thumbs/" + string(id) + "/x", http.StatusNotFound},          // not a size
		{"/thumbs/" + string(id)[:12] + "/320", http.StatusBadRequest}, // a prefix: thumbnails need the full ID
		{"/thumbs/..%2F..%2Fcutline.db/320", http.StatusBadRequest},    // a path, not an ID
		{"/thumbs/" + strings.Repeat("a", 64) + "/320", http.StatusNotFound},
	} {
		if w := f.do("vic", "GET", c.path, nil); w.Code != c.want {
			t.Errorf("GET %s: %d, want %d", c.path, w.Code, c.want)
		}
	}
	w = f.do("vic", "GET", "/photos/"+string(id)+"/original", nil)
	orig, err := f.store.Originals.Read(id)
	if err != nil {
		t.Fatal(err)
	}
	if w.Code != http.StatusOK || !bytes.Equal(w.Body.Bytes(), orig) {
		t.Errorf("original: %d, %d bytes (want the %d stored)", w.Code, w.Body.Len(), len(orig))
	}
	if cd := w.Header().Get("Content-Disposition"); cd != `attachment; filename=demo-0002.jpg` {
		t.Errorf("Content-Disposition %q", cd)
	}
	// Range requests work on originals (resumable downloads).
	if w := f.do("vic", "GET", "/photos/"+string(id)+"/original", nil, "Range", "bytes=0-9"); w.Code != http.StatusPartialContent || w.Body.Len() != 10 {
		t.Errorf("range: %d, %d bytes", w.Code, w.Body.Len())
	}
	if _, _, err := f.store.Update(context.Background(), id, "ed", func(p *archive.Photo) (caption.Fields, error) {
		c := p.Caption
		c.Headline = "Exported headline ünïcode"
		return c, nil
	}); err != nil {
		t.Fatal(err)
	}
	w = f.do("vic", "GET", "/photos/"+string(id)+"/export", nil)
	if w.Code != http.StatusOK || !bytes.Contains(w.Body.Bytes(), []byte("Exported headline ünïcode")) {
		t.Errorf("export: %d, the edited headline is not embedded", w.Code)
	}
	if cd := w.Header().Get("Content-Disposition"); cd != `attachment; filename=demo-0002-cutline.jpg` {
		t.Errorf("export Content-Disposition %q", cd)
	}
}

func TestAttachmentAndUploadNames(t *testing.T) {
	for _, c := range []struct{ in, suffix, want string }{
		{"AFP_123.jpg", "", `attachment; filename=AFP_123.jpg`},
		{"a b.JPEG", "-cutline", `attachment; filename="a b-cutline.jpg"`},
		{`x"; filename=evil.exe`, "", `attachment; filename="x__ filename=evil.jpg"`},
		{"서울.jpg", "", `attachment; filename*=utf-8''%EC%84%9C%EC%9A%B8.jpg`},
		{"../../etc/passwd", "", `attachment; filename=passwd.jpg`},
		{"", "", `attachment; filename=photo.jpg`},
		{"line\r\nbreak.jpg", "", `attachment; filename=line__break.jpg`},
	} {
		if got := attachment(c.in, c.suffix); got != c.want {
			t.Errorf("attachment(%q, %q) = %s, want %s", c.in, c.suffix, got, c.want)
		}
	}
	for _, c := range []struct{ in, want string }{
		{"photo.jpg", "photo.jpg"},
		{`C:\Users\ed\photo.jpg`, "photo.jpg"},
		{"../../x.jpg", "x.jpg"},
		{"a\x00b\x1b.jpg", "ab.jpg"},
		{"", "upload.jpg"},
		{strings.Repeat("é", 150) + ".jpg", strings.Repeat("é", 98) + ".jpg"},
	} {
		if got := uploadName(c.in); got != c.want {
			t.Errorf("uploadName(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
