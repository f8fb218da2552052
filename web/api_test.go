package web

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/cutline/cutline/archive"
	"github.com/cutline/cutline/caption"
	"github.com/cutline/cutline/index"
	"github.com/google/go-cmp/cmp"
)

func TestPatchPhoto(t *testing.T) {
	f := newFixture(t, fixtureOptions{photos: 3, accounts: true})
	id := string(f.ids[0])
	w := f.do("ed", "GET", "/api/photos/"+id, nil)
	before := decode[archive.Photo](t, w)
	etag := w.Header().Get("ETag")
	if before.ID != f.ids[0] || etag == "" {
		t.Fatalf("GET photo: %+v, ETag %q", before.ID, etag)
	}
	w = f.do("ed", "PATCH", "/api/photos/"+id, jsonBody(map[string]any{"caption": map[string]any{
		"headline":     "Patched headline",
		"keywords":     []string{"one", "two"},
		"personsShown": "Ilhan Omar", // one string for a list field
		"state":        nil,          // null clears
		"copyright":    "",           // so does ""
	}}), "If-Match", etag)
	res := decode[struct {
		Photo    archive.Photo
		Changes  []archive.FieldChange
		Warnings []string
	}](t, w)
	if w.Code != http.StatusOK {
		t.Fatalf("PATCH: %d %s", w.Code, w.Body)
	}
	want := before.Caption
	want.Headline, want.Keywords, want.PersonsShown, want.State, want.Copyright =
		"Patched headline", []string{"one", "two"}, []string{"Ilhan Omar"}, "", ""
	if d := cmp.Diff(want, res.Photo.Caption); d != "" {
		t.Errorf("patched caption (-want +got):\n%s", d)
	}
	var changed []string
	for _, c := range res.Changes {
		changed = append(changed, c.Field)
	}
	if d := cmp.Diff([]string{"headline", "keywords", "state", "personsShown"}, changed); d != "" {
		t.Errorf("changes (-want +got):\n%s", d) // copyright was already empty
	}
	if ids := f.searchIDs("ed", `person:"Ilhan Omar"`); !slices.Contains(ids, f.ids[0]) {
		t.Errorf("the patch is not in the index")
	}
	// The old ETag no longer matches.
	w = f.do("ed", "PATCH", "/api/photos/"+id, jsonBody(map[string]any{"caption": map[string]any{"headline": "x"}}), "If-Match", etag)
	if w.Code != http.StatusPreconditionFailed {
		t.Errorf("PATCH with a stale If-Match: %d", w.Code)
	}
	for _, c := range []struct {
		name string
		body any
		want string
	}{
		{"not caption", map[string]any{"id": "x"}, `only "caption"`},
		{"unknown field", map[string]any{"caption": map[string]any{"headlne": "x"}}, "unknown field"},
		{"number", map[string]any{"caption": map[string]any{"headline": 3}}, "want a string"},
		{"list of numbers", map[string]any{"caption": map[string]any{"keywords": []int{1}}}, "list of strings"},
		{"no caption", map[string]any{}, "needs \"caption\""},
	} {
		w := f.do("ed", "PATCH", "/api/photos/"+id, jsonBody(c.body))
		e := decode[struct{ Error string }](t, w)
		if w.Code != http.StatusBadRequest || !strings.Contains(e.Error, c.want) {
			t.Errorf("%s: %d %q, want 400 with %q", c.name, w.Code, e.Error, c.want)
		}
	}
	if w := f.do("ed", "PATCH", "/api/photos/"+strings.Repeat("f", 64), jsonBody(map[string]any{"caption": map[string]any{"city": "x"}})); w.Code != http.StatusNotFound {
		t.Errorf("PATCH unknown photo: %d", w.Code)
	}
}

func TestHistoryAndRevertAPI(t *testing.T) {
	f := newFixture(t, fixtureOptions{photos: 2, accounts: true})
	id := string(f.ids[1])
	f.do("ed", "PATCH", "/api/photos/"+id, jsonBody(map[string]any{"caption": map[string]any{"city": "Kaesong"}}))
	w := f.do("vic", "GET", "/api/photos/"+id+"/history", nil)
	hist := decode[[]archive.HistoryEntry](t, w)
	if len(hist) != 1 || hist[0].Field != "city" || hist[0].User != "ed" || !slices.Equal(hist[0].New, []string{"Kaesong"}) {
		t.Fatalf("history %+v", hist)
	}
	w = f.do("ed", "POST", "/api/photos/"+id+"/revert", jsonBody(map[string]any{"seq": hist[0].Seq}))
	res := decode[struct{ Photo archive.Photo }](t, w)
	if w.Code != http.StatusOK || res.Photo.Caption.City != "" {
		t.Errorf("revert: %d city %q", w.Code, res.Photo.Caption.City)
	}
	if w := f.do("ed", "POST", "/api/photos/"+id+"/revert", jsonBody(map[string]any{"seq": 12345})); w.Code != http.StatusNotFound {
		t.Errorf("revert of an unknown entry: %d", w.Code)
	}
	if w := f.do("vic", "GET", "/api/photos/"+strings.Repeat("0", 64)+"/history", nil); w.Code != http.StatusNotFound {
		t.Errorf("history of an unknown photo: %d", w.Code)
	}
}

func TestCreditAPI(t *testing.T) {
	f := newFixture(t, fixtureOptions{photos: 2, accounts: true})
	id := string(f.ids[1]) // "(File photo by AFP)"
	w := f.do("vic", "GET", "/api/photos/"+id+"/credit", nil)
	rows := decode[[]map[string]any](t, w)
	var styles []string
	for _, r := range rows {
		styles = append(styles, r["style"].(string))
		if r["id"] != id {
			t.Errorf("row %v names another photo", r)
		}
		if (r["line"] == "") == (r["error"] == nil) {
			t.Errorf("row %v: want a line or an error", r)
		}
	}
	var want []string
	for _, s := range caption.Styles() {
		want = append(want, string(s))
	}
	if d := cmp.Diff(want, styles); d != "" {
		t.Errorf("styles (-want +got):\n%s", d)
	}
	w = f.do("vic", "GET", "/api/photos/"+id+"/credit?style=afp", nil)
	rows = decode[[]map[string]any](t, w)
	if len(rows) != 1 || rows[0]["style"] != "afp" || !strings.Contains(rows[0]["line"].(string), "AFP") {
		t.Errorf("afp style: %v", rows)
	}
	if w := f.do("vic", "GET", "/api/photos/"+id+"/credit?style=nyt", nil); w.Code != http.StatusBadRequest {
		t.Errorf("unknown style: %d", w.Code)
	}
}

func TestRefine(t *testing.T) {
	for _, c := range []struct {
		q, field, value string
		want            string
		active          bool
	}{
		{"", "credit", "AFP", "credit:AFP", false},                                                // first filter
		{"Seoul", "person", "Lee In-young", `Seoul person:"Lee In-young"`, false},                 // quoted name
		{`Seoul person:"Lee In-young"`, "person", "lee in-young", "Seoul", true},                  // second click removes it
		{"year:2020", "year", "2020", "", true},                                                   // back to everything
		{"x", "place", `Say "cheese"`, `x place:"Say cheese"`, false},                             // quotes cannot be escaped
		{"x", "credit", "A\x00B", `x credit:"A B"`, false},                                        // control characters
		{"-credit:AFP", "credit", "AFP", "-credit:AFP credit:AFP", false},                         // a negated term is another term
		{"credit:AFP OR credit:AP", "credit", "AFP", "credit:AFP OR credit:AP credit:AFP", false}, // inside an OR group
	} {
		q, err := index.ParseQuery(c.q)
		if err != nil {
			t.Fatal(err)
		}
		got, active := refine(q, c.field, c.value)
		if got != c.want || active != c.active {
			t.Errorf("refine(%q, %s, %q) = %q, %v; want %q, %v", c.q, c.field, c.value, got, active, c.want, c.active)
		}
		if _, err := index.ParseQuery(got); err != nil {
			t.Errorf("refine(%q, %s, %q) = %q does not parse: %v", c.q, c.field, c.value, got, err)
		}
	}
}

func TestSegments(t *testing.T) {
	text := "Lee In-young at Panmunjom, São Paulo"
	for _, c := range []struct {
		name  string
		marks []index.Span
		want  []segment
	}{
		{"none", nil, []segment{{Text: text}}},
		{"two", []index.Span{{Start: 0, End: 3}, {Start: 16, End: 25}}, []segment{{Text: "Lee", Mark: true}, {Text: " In-young at "}, {Text: "Panmunjom", Mark: true}, {Text: ", São Paulo"}}},
		{"out of range", []index.Span{{Start: 30, End: 99}}, []segment{{Text: text}}},
		{"overlapping", []index.Span{{Start: 0, End: 6}, {Start: 4, End: 8}}, []segment{{Text: "Lee In", Mark: true}, {Text: "-young at Panmunjom, São Paulo"}}},
		{"inside a UTF-8 sequence", []index.Span{{Start: 29, End: 30}}, []segment{{Text: text}}},
		{"empty span", []index.Span{{Start: 5, End: 5}}, []segment{{Text: text}}},
	} {
		got := segments(index.Fragment{Field: "caption", Text: text, Marks: c.marks})
		if d := cmp.Diff(c.want, got); d != "" {
			t.Errorf("%s (-want +got):\n%s", c.name, d)
		}
	}
}

func TestSuggestions(t *testing.T) {
	p := &archive.Photo{
		Caption: caption.Fields{City: "Seoul", PersonsShown: []string{"Moon Jae-in"}, Byline: []string{"Jung Yeon-je"}},
		Facts: caption.Facts{
			Agency: "AFP", Photographer: "Jung Yeon-je", Taken: "2020-09-16",
			People: []caption.Person{{Name: "moon jae-in", Position: "L"}, {Name: "Lee In-young", Position: "R"}},
			Places: []string{"Seoul", "Panmunjom", "Seoul, South Korea"},
		},
	}
	var got []string
	for _, s := range suggestions(p) {
		got = append(got, s.Op+" "+s.Field+" "+s.Value)
	}
	want := []string{
		"add personsShown Lee In-young", // Moon Jae-in is already there (any case)
		"set city Panmunjom",            // Seoul is already the city (also as "Seoul, South Korea")
		"set credit AFP",                // the credit field is empty
		"set dateCreated 2020-09-16",    // so is the date
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("suggestions (-want +got):\n%s", d)
	}
	if s := suggestions(&archive.Photo{}); len(s) != 0 {
		t.Errorf("suggestions without facts: %v", s)
	}
}

func TestClip(t *testing.T) {
	for _, c := range []struct {
		n        int
		in, want string
	}{
		{10, "short", "short"},
		{12, "a   b\n c", "a b c"},
		{15, "The quick brown fox jumps", "The quick brown…"},
		{5, "서울특별시청앞", "서울특별시…"},
		{10, "Seoul,  South Korea", "Seoul…"},
	} {
		if got := clip(c.n, c.in); got != c.want {
			t.Errorf("clip(%d, %q) = %q, want %q", c.n, c.in, got, c.want)
		}
	}
}

// TestSearchCacheFollowsChanges: a search answered from the cache is not
// answered again after a change that affects it.
func TestSearchCacheFollowsChanges(t *testing.T) {
	f := newFixture(t, fixtureOptions{photos: 4, accounts: true})
	before := f.searchIDs("ed", "keyword:Kimchi")
	page := f.do("ed", "GET", "/?q=keyword:Kimchi", nil).Body.String()
	if len(before) != 0 || !strings.Contains(page, `id="total">0<`) {
		t.Fatalf("keyword:Kimchi before the edit: %v", before)
	}
	w := f.do("ed", "PATCH", "/api/photos/"+string(f.ids[2]), jsonBody(map[string]any{"caption": map[string]any{"keywords": []string{"Kimchi"}}}))
	if w.Code != http.StatusOK {
		t.Fatal(w.Code, w.Body)
	}
	if after := f.searchIDs("ed", "keyword:Kimchi"); !slices.Equal(after, []archive.ID{f.ids[2]}) {
		t.Errorf("JSON search after the edit: %v, want [%s]", after, f.ids[2].Short())
	}
	if page := f.do("ed", "GET", "/?q=keyword:Kimchi", nil).Body.String(); !strings.Contains(page, `id="total">1<`) {
		t.Errorf("search page after the edit still answers from before it")
	}
	// The photo in the hits is the edited one, not a cached copy.
	w = f.do("ed", "GET", "/api/search?q=keyword:Kimchi", nil)
	res := decode[struct {
		Hits []struct{ Photo archive.Photo }
	}](t, w)
	if len(res.Hits) != 1 || !slices.Equal(res.Hits[0].Photo.Caption.Keywords, []string{"Kimchi"}) {
		t.Errorf("hit photo %+v", res.Hits)
	}
}
