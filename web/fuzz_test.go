package web

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// FuzzSearchQuery sends any text as the query of the search page, its
// live results and the JSON search. A query is the one thing a visitor
// types that comes straight back in the page (the box, the summary, the
// error with its caret), so: never a server error, and never the text
// back unescaped.
func FuzzSearchQuery(f *testing.F) {
	for _, seed := range []string{
		"", "Seoul", `person:"Lee In-young" place:Panmunjom`, `person:"unclosed`, "-", "a OR", "plce:x",
		payload("fuzz"), `"><img src=x onerror=xss(1)>`, "\xff\xfe<", "after:2020-13-45", strings.Repeat("(", 5000),
		"id:zz", "year:abcd", "\x00<script>", "“curly” quotes", "credit:AFP OR credit:AP -pool:yes",
	} {
		f.Add(seed)
	}
	fx := newFixture(f, fixtureOptions{photos: 6})
	f.Fuzz(func(t *testing.T, q string) {
		// The markers make the query findable in the answer: the pages
		// hold plenty of '<' and '"' of their own, but never "zq".
		q = "zq" + q + "qz"
		for _, path := range []string{"/?q=", "/api/search?q="} {
			for _, hx := range [][]string{nil, {"HX-Request", "true", "HX-Target", "results"}} {
				if path != "/?q=" && hx != nil {
					continue
				}
				r := httptest.NewRequest("GET", path+url.QueryEscape(q), nil)
				r.Host = "127.0.0.1:8080"
				for i := 0; i+1 < len(hx); i += 2 {
					r.Header.Set(hx[i], hx[i+1])
				}
				w := httptest.NewRecorder()
				fx.h.ServeHTTP(w, r)
				if w.Code != http.StatusOK && w.Code != http.StatusBadRequest {
					t.Fatalf("GET %s%q: %d\n%.300s", path, q, w.Code, w.Body)
				}
				body := w.Body.String()
				if strings.ContainsAny(q, `<>"'&`) && strings.Contains(body, q) {
					t.Fatalf("GET %s%q: the query is in the answer unescaped", path, q)
				}
				if m := rawMarkup.FindString(body); m != "" {
					t.Fatalf("GET %s%q: markup %q in the answer", path, q, m)
				}
			}
		}
	})
}
