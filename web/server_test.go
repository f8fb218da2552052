package web

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cutline/cutline/archive"
	"github.com/cutline/cutline/caption"
	"github.com/cutline/cutline/index"
	"github.com/cutline/cutline/internal/demo"
)

func TestIsLoopback(t *testing.T) {
	for _, c := range []struct {
		addr string
		want bool
	}{
		{"127.0.0.1:8080", true},  // IPv4 loopback
		{"127.3.4.5:80", true},    // the whole 127/8 range
		{"[::1]:8080", true},      // IPv6 loopback
		{"localhost:8080", true},  // the name
		{"0.0.0.0:8080", false},   // every interface
		{":8080", false},          // empty host: every interface
		{"[::]:8080", false},      // every IPv6 interface
		{"192.168.1.5:80", false}, // a LAN address
		{"example.com:80", false}, // a name that is not localhost
	} {
		if got := IsLoopback(c.addr); got != c.want {
			t.Errorf("IsLoopback(%q) = %v, want %v", c.addr, got, c.want)
		}
	}
}

// TestNewRefusesOpenDeskOffLoopback: without accounts the desk runs open,
// which is allowed on loopback only.
func TestNewRefusesOpenDeskOffLoopback(t *testing.T) {
	s, err := archive.Open(filepath.Join(t.TempDir(), "a"), &archive.Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ix, err := index.Open(s.IndexDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	for _, addr := range []string{"0.0.0.0:8080", ":8080", "10.1.2.3:80"} {
		_, err := New(Config{Store: s, Index: ix, Addr: addr})
		if !errors.Is(err, ErrNoAccounts) || !strings.Contains(err.Error(), "cutline user add") {
			t.Errorf("New on %s without accounts: %v, want ErrNoAccounts saying how to add one", addr, err)
		}
	}
	srv, err := New(Config{Store: s, Index: ix, Addr: "127.0.0.1:8080"})
	if err != nil || !srv.Open() {
		t.Fatalf("New on loopback without accounts: %v (open %v)", err, srv != nil && srv.Open())
	}
	if err := s.AddUser(context.Background(), "ed", archive.RoleEditor, edPass); err != nil {
		t.Fatal(err)
	}
	srv, err = New(Config{Store: s, Index: ix, Addr: "0.0.0.0:8080"})
	if err != nil || srv.Open() {
		t.Errorf("New on 0.0.0.0 with an account: %v (open %v), want a closed desk", err, srv != nil && srv.Open())
	}
}

// TestRoutePermissions sends every route as nobody, a viewer and an
// editor, and checks the status each gets.
func TestRoutePermissions(t *testing.T) {
	f := newFixture(t, fixtureOptions{photos: 4, accounts: true})
	id := string(f.ids[0])
	good, err := demo.Photo(50, &demo.Options{Small: true})
	if err != nil {
		t.Fatal(err)
	}
	up := func() *body { return upload(map[string][]byte{"new.jpg": good.Data}, "new.jpg") }
	rev := captionRev(f.photo(f.ids[0]).Caption)
	saveForm := func() *body { return form("rev", rev, "headline", "Permission test") }
	// History entry 1 of photo 0 exists once the editor's save went through;
	// revert routes are checked with an entry made here.
	if _, _, err := f.store.Update(context.Background(), f.ids[1], "setup", func(p *archive.Photo) (fields0 caption.Fields, err error) {
		fields0 = p.Caption
		fields0.City = "Setup City"
		return fields0, nil
	}); err != nil {
		t.Fatal(err)
	}
	hist, err := f.store.History(context.Background(), f.ids[1])
	if err != nil || len(hist) == 0 {
		t.Fatal("no history entry to revert", err)
	}
	seq := hist[len(hist)-1].Seq
	const (
		redirect = http.StatusSeeOther
		unauth   = http.StatusUnauthorized
		forbid   = http.StatusForbidden
		ok       = http.StatusOK
	)
	for _, c := range []struct {
		name         string
		method, path string
		body         func() *body
		nobody, vic  int
		ed           int
		json         bool // error responses are JSON
	}{
		{"search page", "GET", "/", nil, redirect, ok, ok, false},
		{"search page with query", "GET", "/?q=credit:AFP", nil, redirect, ok, ok, false},
		{"photo page", "GET", "/photos/" + id, nil, redirect, ok, ok, false},
		{"photo page by prefix", "GET", "/photos/" + id[:10], nil, redirect, redirect, redirect, false},
		{"original", "GET", "/photos/" + id + "/original", nil, redirect, ok, ok, false},
		{"export", "GET", "/photos/" + id + "/export", nil, redirect, ok, ok, false},
		{"thumbnail", "GET", "/thumbs/" + id + "/320", nil, redirect, ok, ok, false},
		{"preview", "GET", "/thumbs/" + id + "/1280", nil, redirect, ok, ok, false},
		{"upload page", "GET", "/upload", nil, redirect, forbid, ok, false},
		{"login page", "GET", "/login", nil, ok, redirect, redirect, false},
		{"static file", "GET", "/static/desk.css", nil, ok, ok, ok, false},
		{"unknown page", "GET", "/nope", nil, http.StatusNotFound, http.StatusNotFound, http.StatusNotFound, false},
		{"save", "POST", "/photos/" + id, saveForm, unauth, forbid, redirect, false},
		{"suggest", "POST", "/photos/" + id + "/suggest", func() *body { return form("field", "keywords", "op", "add", "value", "perm") }, unauth, forbid, redirect, false},
		{"revert", "POST", "/photos/" + string(f.ids[1]) + "/revert", func() *body { return form("seq", strconv.FormatInt(seq, 10)) }, unauth, forbid, redirect, false},
		{"batch", "POST", "/batch", func() *body {
			return form("id", id, "mode", "field", "field", "keywords", "op", "add", "value", "batch")
		}, unauth, forbid, ok, false},
		{"upload form", "POST", "/upload", up, unauth, forbid, ok, false},
		{"API search", "GET", "/api/search?q=AFP", nil, unauth, ok, ok, true},
		{"API photo", "GET", "/api/photos/" + id, nil, unauth, ok, ok, true},
		{"API history", "GET", "/api/photos/" + id + "/history", nil, unauth, ok, ok, true},
		{"API credit", "GET", "/api/photos/" + id + "/credit", nil, unauth, ok, ok, true},
		{"API export", "GET", "/api/photos/" + id + "/export", nil, unauth, ok, ok, true},
		{"API original", "GET", "/api/photos/" + id + "/original", nil, unauth, ok, ok, true},
		{"API me", "GET", "/api/me", nil, unauth, ok, ok, true},
		{"API patch", "PATCH", "/api/photos/" + id, func() *body { return jsonBody(map[string]any{"caption": map[string]any{"city": "Patched"}}) }, unauth, forbid, ok, true},
		{"API revert", "POST", "/api/photos/" + string(f.ids[1]) + "/revert", func() *body { return jsonBody(map[string]any{"seq": seq}) }, unauth, forbid, ok, true},
		{"API batch", "POST", "/api/batch", func() *body { return jsonBody(map[string]any{"ids": []string{id}, "template": "keywords+: api"}) }, unauth, forbid, ok, true},
		{"API upload", "POST", "/api/upload", up, unauth, forbid, ok, true},
		{"API unknown", "GET", "/api/nope", nil, http.StatusNotFound, http.StatusNotFound, http.StatusNotFound, true},
	} {
		for _, who := range []struct {
			user string
			want int
		}{{"", c.nobody}, {"vic", c.vic}, {"ed", c.ed}} {
			var b *body
			if c.body != nil {
				b = c.body()
			}
			w := f.do(who.user, c.method, c.path, b)
			if w.Code != who.want {
				t.Errorf("%s as %q: %d, want %d\n%.300s", c.name, who.user, w.Code, who.want, w.Body)
				continue
			}
			if w.Code >= 400 && c.json && !strings.HasPrefix(w.Header().Get("Content-Type"), "application/json") {
				t.Errorf("%s as %q: error as %q, want JSON", c.name, who.user, w.Header().Get("Content-Type"))
			}
			if w.Code >= 400 && !c.json && !strings.Contains(w.Body.String(), `id="error-message"`) {
				t.Errorf("%s as %q: error %d without the error page", c.name, who.user, w.Code)
			}
		}
	}
	// The edits above were recorded under the editor's name.
	hist, err = f.store.History(context.Background(), f.ids[0])
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range hist {
		if h.User != "ed" && h.User != "demo" {
			t.Errorf("history entry %d by %q, want ed (the logged-in editor)", h.Seq, h.User)
		}
	}
	if len(hist) == 0 || hist[len(hist)-1].User != "ed" {
		t.Errorf("the editor's edits are not in the history: %+v", hist)
	}
}

// TestLoginRedirectKeepsTarget: a visitor sent to the login page comes
// back where they were going, and only to this site.
func TestLoginRedirectKeepsTarget(t *testing.T) {
	f := newFixture(t, fixtureOptions{accounts: true})
	w := f.do("", "GET", "/?q=person:Lee", nil)
	if loc := w.Header().Get("Location"); loc != "/login?next=%2F%3Fq%3Dperson%3ALee" {
		t.Errorf("redirect to %q", loc)
	}
	for _, c := range []struct{ next, want string }{
		{"/?q=person:Lee", "/?q=person:Lee"}, // a path on this site
		{"//evil.example/x", "/"},            // protocol-relative: another site
		{"/\\evil.example", "/"},             // read as another site by browsers
		{"https://evil.example/", "/"},       // absolute URL
		{"", "/"},                            // none
	} {
		w := f.do("", "POST", "/login", form("name", "ed", "password", edPass, "next", c.next))
		if w.Code != http.StatusSeeOther || w.Header().Get("Location") != c.want {
			t.Errorf("next %q: %d to %q, want %q", c.next, w.Code, w.Header().Get("Location"), c.want)
		}
	}
	w = f.do("", "POST", "/login", form("name", "ed", "password", "wrong password"))
	if w.Code != http.StatusUnauthorized || !strings.Contains(w.Body.String(), "wrong user name or password") {
		t.Errorf("wrong password: %d %s", w.Code, w.Body)
	}
	if len(w.Result().Cookies()) != 0 {
		t.Errorf("a failed login set a cookie")
	}
	w = f.do("", "POST", "/login", form("name", "nobody", "password", edPass))
	if w.Code != http.StatusUnauthorized || !strings.Contains(w.Body.String(), "wrong user name or password") {
		t.Errorf("unknown user: %d, want the same answer as a wrong password", w.Code)
	}
}

func TestLogoutEndsSession(t *testing.T) {
	f := newFixture(t, fixtureOptions{accounts: true})
	if w := f.do("ed", "GET", "/api/me", nil); w.Code != http.StatusOK {
		t.Fatalf("before logout: %d", w.Code)
	}
	if w := f.do("ed", "POST", "/logout", nil); w.Code != http.StatusSeeOther {
		t.Fatalf("logout: %d", w.Code)
	}
	if w := f.do("ed", "GET", "/api/me", nil); w.Code != http.StatusUnauthorized {
		t.Errorf("the session still works after logout: %d", w.Code)
	}
}

func TestAPILoginBearer(t *testing.T) {
	f := newFixture(t, fixtureOptions{accounts: true})
	w := f.do("", "POST", "/api/login", jsonBody(map[string]string{"name": "vic", "password": vicPass}))
	if w.Code != http.StatusOK {
		t.Fatalf("api login: %d %s", w.Code, w.Body)
	}
	res := decode[struct {
		Token string
		User  archive.User
	}](t, w)
	if res.Token == "" || res.User.Name != "vic" || res.User.Role != archive.RoleViewer {
		t.Fatalf("api login answer %+v", res)
	}
	w = f.do("", "GET", "/api/me", nil, "Authorization", "Bearer "+res.Token)
	me := decode[map[string]any](t, w)
	if w.Code != http.StatusOK || me["user"] != "vic" || me["role"] != "viewer" {
		t.Errorf("me with bearer token: %d %v", w.Code, me)
	}
	for _, bad := range []string{"Bearer nope", "Bearer ", "Basic dmljOnZpYw=="} {
		if w := f.do("", "GET", "/api/me", nil, "Authorization", bad); w.Code != http.StatusUnauthorized {
			t.Errorf("Authorization %q: %d, want 401", bad, w.Code)
		}
	}
	if w := f.do("", "POST", "/api/login", jsonBody(map[string]string{"name": "vic", "password": "nope nope"})); w.Code != http.StatusUnauthorized {
		t.Errorf("api login with a wrong password: %d", w.Code)
	}
	if w := f.do("", "POST", "/api/login", jsonBody(map[string]any{"name": "vic", "pass": "x"})); w.Code != http.StatusBadRequest {
		t.Errorf("api login with an unknown key: %d, want 400", w.Code)
	}
}

// TestCrossOriginRefused: a browser's cross-origin POST (a CSRF attempt)
// is refused on every state-changing route; same-origin and non-browser
// requests go through.
func TestCrossOriginRefused(t *testing.T) {
	f := newFixture(t, fixtureOptions{photos: 2, accounts: true})
	id := string(f.ids[0])
	p := f.photo(f.ids[0])
	good, err := demo.Photo(51, &demo.Options{Small: true})
	if err != nil {
		t.Fatal(err)
	}
	routes := []struct {
		method, path string
		body         func() *body
	}{
		{"POST", "/photos/" + id, func() *body { return form("rev", captionRev(p.Caption), "headline", "CSRF") }},
		{"POST", "/photos/" + id + "/suggest", func() *body { return form("field", "keywords", "op", "add", "value", "CSRF") }},
		{"POST", "/photos/" + id + "/revert", func() *body { return form("seq", "1") }},
		{"POST", "/batch", func() *body { return form("id", id, "mode", "template", "template", "headline: CSRF") }},
		{"POST", "/upload", func() *body { return upload(map[string][]byte{"x.jpg": good.Data}, "x.jpg") }},
		{"POST", "/logout", nil},
		{"POST", "/login", func() *body { return form("name", "ed", "password", edPass) }},
		{"PATCH", "/api/photos/" + id, func() *body { return jsonBody(map[string]any{"caption": map[string]any{"headline": "CSRF"}}) }},
		{"POST", "/api/batch", func() *body { return jsonBody(map[string]any{"ids": []string{id}, "template": "headline: CSRF"}) }},
		{"POST", "/api/upload", func() *body { return upload(map[string][]byte{"x.jpg": good.Data}, "x.jpg") }},
		{"POST", "/api/photos/" + id + "/revert", func() *body { return jsonBody(map[string]any{"seq": 1}) }},
		{"POST", "/api/login", func() *body { return jsonBody(map[string]string{"name": "ed", "password": edPass}) }},
	}
	for _, hdr := range [][]string{
		{"Sec-Fetch-Site", "cross-site"},
		{"Sec-Fetch-Site", "same-site"}, // a sibling subdomain is another origin too
		{"Origin", "http://evil.example"},
	} {
		for _, r := range routes {
			var b *body
			if r.body != nil {
				b = r.body()
			}
			w := f.do("ed", r.method, r.path, b, hdr...)
			if w.Code != http.StatusForbidden || !strings.Contains(w.Body.String(), "cross-origin") {
				t.Errorf("%s %s with %s: %d, want 403 cross-origin\n%.200s", r.method, r.path, hdr, w.Code, w.Body)
			}
		}
	}
	if got := f.photo(f.ids[0]).Caption.Headline; strings.Contains(got, "CSRF") {
		t.Errorf("a refused request changed the caption: %q", got)
	}
	// The same request from the desk's own pages goes through.
	w := f.do("ed", "POST", "/photos/"+id, form("rev", captionRev(p.Caption), "headline", "Same origin"), "Sec-Fetch-Site", "same-origin")
	if w.Code != http.StatusSeeOther {
		t.Errorf("same-origin save: %d", w.Code)
	}
	// Reading cross-site (a link from elsewhere) is fine.
	if w := f.do("ed", "GET", "/photos/"+id, nil, "Sec-Fetch-Site", "cross-site"); w.Code != http.StatusOK {
		t.Errorf("cross-site GET: %d", w.Code)
	}
}

// TestDNSRebindingRefused: a desk without accounts answers only to
// loopback host names, so a foreign name pointed at 127.0.0.1 (DNS
// rebinding) can neither read nor change the archive even though its
// Origin and Host agree; with accounts, any name is served (a login is
// needed anyway).
func TestDNSRebindingRefused(t *testing.T) {
	f := newFixture(t, fixtureOptions{photos: 1})
	id := string(f.ids[0])
	before := f.photo(f.ids[0]).Caption.Keywords
	evil := []string{"Host", "evil.example:8080", "Origin", "http://evil.example:8080"}
	for _, c := range []struct {
		method, path string
		b            *body
	}{
		{"GET", "/", nil},
		{"GET", "/api/photos/" + id, nil},
		{"GET", "/thumbs/" + id + "/320", nil},
		{"POST", "/api/batch", jsonBody(map[string]any{"ids": []string{id}, "edits": []map[string]string{{"op": "add", "field": "keywords", "value": "rebind"}}})},
	} {
		w := f.do("", c.method, c.path, c.b, evil...)
		if w.Code != http.StatusMisdirectedRequest || !strings.Contains(w.Body.String(), "evil.example") {
			t.Errorf("%s %s as evil.example: %d, want 421 naming the host\n%.200s", c.method, c.path, w.Code, w.Body)
		}
	}
	if got := f.photo(f.ids[0]).Caption.Keywords; !slices.Equal(got, before) {
		t.Errorf("a refused request changed the keywords: %q, was %q", got, before)
	}
	for _, host := range []string{"localhost:8080", "127.0.0.1", "[::1]:9000", "LOCALHOST"} {
		if w := f.do("", "GET", "/api/photos/"+id, nil, "Host", host); w.Code != http.StatusOK {
			t.Errorf("GET as %s: %d, want 200", host, w.Code)
		}
	}
	g := newFixture(t, fixtureOptions{photos: 1, accounts: true})
	if w := g.do("ed", "GET", "/api/photos/"+string(g.ids[0]), nil, "Host", "desk.newsroom.example"); w.Code != http.StatusOK {
		t.Errorf("with accounts, GET as desk.newsroom.example: %d, want 200", w.Code)
	}
}

// TestSecurityHeaders: every kind of response carries the CSP and nosniff.
func TestSecurityHeaders(t *testing.T) {
	f := newFixture(t, fixtureOptions{photos: 1, accounts: true})
	id := string(f.ids[0])
	for _, c := range []struct{ user, method, path string }{
		{"ed", "GET", "/"},
		{"ed", "GET", "/photos/" + id},
		{"ed", "GET", "/thumbs/" + id + "/320"},
		{"ed", "GET", "/static/desk.js"},
		{"ed", "GET", "/api/photos/" + id},
		{"ed", "GET", "/api/nope"},
		{"ed", "GET", "/nope"},
		{"", "GET", "/login"},
		{"", "GET", "/"},
		{"vic", "POST", "/batch"},
		{"ed", "POST", "/batch"}, // 400: no photos selected
	} {
		w := f.do(c.user, c.method, c.path, nil)
		h := w.Header()
		if h.Get("Content-Security-Policy") != contentSecurityPolicy || h.Get("X-Content-Type-Options") != "nosniff" ||
			h.Get("X-Frame-Options") != "DENY" {
			t.Errorf("%s %s (%d): headers %v", c.method, c.path, w.Code, h)
		}
	}
	csp := contentSecurityPolicy
	for _, forbidden := range []string{"unsafe-inline", "unsafe-eval", "*", "data:", "http:"} {
		if strings.Contains(csp, forbidden) {
			t.Errorf("CSP allows %q: %s", forbidden, csp)
		}
	}
}

// TestOpenDesk: without accounts, on loopback, everyone is the local
// editor and edits record that name.
func TestOpenDesk(t *testing.T) {
	f := newFixture(t, fixtureOptions{photos: 2, cfg: Config{LocalUser: "desk"}})
	id := f.ids[0]
	if w := f.do("", "GET", "/", nil); w.Code != http.StatusOK || !strings.Contains(w.Body.String(), "open desk") {
		t.Errorf("search page in open mode: %d", w.Code)
	}
	if w := f.do("", "GET", "/login", nil); w.Code != http.StatusSeeOther {
		t.Errorf("login page in open mode: %d, want a redirect", w.Code)
	}
	w := f.do("", "POST", "/photos/"+string(id), form("rev", captionRev(f.photo(id).Caption), "headline", "Open desk edit"))
	if w.Code != http.StatusSeeOther {
		t.Fatalf("save: %d %s", w.Code, w.Body)
	}
	hist, _ := f.store.History(context.Background(), id)
	if len(hist) == 0 || hist[len(hist)-1].User != "desk" {
		t.Errorf("history %+v, want the last entry by desk", hist)
	}
}

// TestServeShutsDownGracefully: an upload in flight when the context is
// cancelled still completes and gets its report; then Serve returns and
// the port is closed.
func TestServeShutsDownGracefully(t *testing.T) {
	f := newFixture(t, fixtureOptions{photos: 1})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- f.srv.Serve(ctx, ln) }()
	base := "http://" + ln.Addr().String()

	photo, err := demo.Photo(60, &demo.Options{Small: true})
	if err != nil {
		t.Fatal(err)
	}
	b := upload(map[string][]byte{"late.jpg": photo.Data}, "late.jpg")
	pr, pw := io.Pipe()
	req, err := http.NewRequest("POST", base+"/api/upload", pr)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", b.contentType)
	req.ContentLength = int64(len(b.data))
	type result struct {
		status int
		body   string
		err    error
	}
	got := make(chan result, 1)
	go func() {
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			got <- result{err: err}
			return
		}
		defer resp.Body.Close()
		data, _ := io.ReadAll(resp.Body)
		got <- result{status: resp.StatusCode, body: string(data)}
	}()
	half := len(b.data) / 2
	if _, err := pw.Write(b.data[:half]); err != nil {
		t.Fatal(err)
	}
	time.Sleep(100 * time.Millisecond) // the request is now in the handler
	cancel()
	time.Sleep(100 * time.Millisecond)
	if _, err := pw.Write(b.data[half:]); err != nil {
		t.Fatal(err)
	}
	pw.Close()
	r := <-got
	if r.err != nil || r.status != http.StatusOK || !strings.Contains(r.body, "late.jpg") {
		t.Errorf("in-flight upload: %d %v %s", r.status, r.err, r.body)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Serve returned %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Serve did not return after cancel")
	}
	if _, err := http.Get(base + "/"); err == nil {
		t.Errorf("server still answers after shutdown")
	}
}
