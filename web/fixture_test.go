package web

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cutline/cutline/archive"
	"github.com/cutline/cutline/index"
	"github.com/cutline/cutline/internal/demo"
)

// fixture is a real archive and index in a temporary folder, filled with
// demo photos, and the desk's handler over them.
type fixture struct {
	t     testing.TB
	store *archive.Store
	ix    *index.Index
	srv   *Server
	h     http.Handler
	ids   []archive.ID // the demo photos, in demo order
	// sessions maps a user name to a session cookie value.
	sessions map[string]string
}

type fixtureOptions struct {
	photos   int  // demo photos (small ones unless big)
	big      bool // editorial-size demo photos
	accounts bool // add users "ed" (editor) and "vic" (viewer)
	cfg      Config
}

const (
	edPass  = "ed's password"
	vicPass = "vic's password"
)

func newFixture(t testing.TB, o fixtureOptions) *fixture {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "archive")
	s, err := archive.Open(dir, &archive.Options{Create: true, Holder: archive.Holder{Command: "web test"}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	ctx := context.Background()
	f := &fixture{t: t, store: s, sessions: map[string]string{}}
	if o.photos > 0 {
		rep, err := demo.Ingest(ctx, s, "demo", &demo.Options{N: o.photos, Small: !o.big})
		if err != nil {
			t.Fatal(err)
		}
		if len(rep.Rejected) > 0 {
			t.Fatalf("demo photos rejected: %v", rep.Rejected)
		}
		byName := map[string]archive.ID{}
		for _, in := range rep.Ingested {
			byName[filepath.Base(in.Path)] = in.ID
		}
		for i := 0; i < o.photos; i++ {
			p, err := demo.Photo(i, &demo.Options{Small: !o.big})
			if err != nil {
				t.Fatal(err)
			}
			f.ids = append(f.ids, byName[p.Name])
		}
	}
	if o.accounts {
		if err := s.AddUser(ctx, "ed", archive.RoleEditor, edPass); err != nil {
			t.Fatal(err)
		}
		if err := s.AddUser(ctx, "vic", archive.RoleViewer, vicPass); err != nil {
			t.Fatal(err)
		}
	}
	ix, err := index.Open(s.IndexDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	cfg := o.cfg
	cfg.Store, cfg.Index = s, ix
	if cfg.Addr == "" {
		cfg.Addr = "127.0.0.1:0"
	}
	cfg.Logf = t.Logf
	srv, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	f.ix, f.srv, f.h = ix, srv, srv.Handler()
	if o.accounts {
		f.sessions["ed"] = f.login("ed", edPass)
		f.sessions["vic"] = f.login("vic", vicPass)
	}
	return f
}

// login logs in through the login form and returns the session cookie.
func (f *fixture) login(name, pass string) string {
	f.t.Helper()
	w := f.do("", "POST", "/login", form("name", name, "password", pass))
	if w.Code != http.StatusSeeOther {
		f.t.Fatalf("login %s: %d %s", name, w.Code, w.Body)
	}
	for _, c := range w.Result().Cookies() {
		if c.Name == sessionCookie && c.Value != "" {
			return c.Value
		}
	}
	f.t.Fatalf("login %s: no session cookie", name)
	return ""
}

// body is a request body with its content type.
type body struct {
	contentType string
	data        []byte
}

func form(kv ...string) *body {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Add(kv[i], kv[i+1])
	}
	return &body{"application/x-www-form-urlencoded", []byte(v.Encode())}
}

func formValues(v url.Values) *body {
	return &body{"application/x-www-form-urlencoded", []byte(v.Encode())}
}

func jsonBody(v any) *body {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return &body{"application/json", b}
}

// upload builds a multipart body with one "file" part per name.
func upload(files map[string][]byte, order ...string) *body {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for _, name := range order {
		w, err := mw.CreateFormFile("file", name)
		if err != nil {
			panic(err)
		}
		w.Write(files[name])
	}
	mw.Close()
	return &body{mw.FormDataContentType(), buf.Bytes()}
}

// do sends a request as user ("" for nobody) and records the response.
// Extra headers come in pairs.
func (f *fixture) do(user, method, target string, b *body, headers ...string) *httptest.ResponseRecorder {
	f.t.Helper()
	var rd io.Reader
	if b != nil {
		rd = bytes.NewReader(b.data)
	}
	r := httptest.NewRequest(method, target, rd)
	r.Host = "127.0.0.1:8080" // as a browser on this machine sends it (httptest says example.com)
	if b != nil {
		r.Header.Set("Content-Type", b.contentType)
	}
	if user != "" {
		tok, ok := f.sessions[user]
		if !ok {
			f.t.Fatalf("no session for %q", user)
		}
		r.AddCookie(&http.Cookie{Name: sessionCookie, Value: tok})
	}
	for i := 0; i+1 < len(headers); i += 2 {
		if headers[i] == "Host" {
			r.Host = headers[i+1]
			continue
		}
		r.Header.Set(headers[i], headers[i+1])
	}
	w := httptest.NewRecorder()
	f.h.ServeHTTP(w, r)
	return w
}

// decode unmarshals a JSON response, failing the test on bad JSON.
func decode[T any](t testing.TB, w *httptest.ResponseRecorder) T {
	t.Helper()
	var v T
	if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Fatalf("Content-Type %q, want JSON; body %s", ct, w.Body)
	}
	if err := json.Unmarshal(w.Body.Bytes(), &v); err != nil {
		t.Fatalf("bad JSON: %v\n%s", err, w.Body)
	}
	return v
}

// searchIDs runs the JSON search and returns the IDs found.
func (f *fixture) searchIDs(user, q string) []archive.ID {
	f.t.Helper()
	w := f.do(user, "GET", "/api/search?limit=1000&q="+url.QueryEscape(q), nil)
	if w.Code != http.StatusOK {
		f.t.Fatalf("search %q: %d %s", q, w.Code, w.Body)
	}
	res := decode[struct {
		Hits []struct{ ID archive.ID }
	}](f.t, w)
	var ids []archive.ID
	for _, h := range res.Hits {
		ids = append(ids, h.ID)
	}
	return ids
}

func (f *fixture) photo(id archive.ID) *archive.Photo {
	f.t.Helper()
	p, err := f.store.Photo(context.Background(), id)
	if err != nil {
		f.t.Fatal(err)
	}
	return p
}
