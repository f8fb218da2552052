package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/cutline/cutline/archive"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// pages are the page templates; each is parsed with layout.html.
var pages = []string{"search", "photo", "batch", "upload", "login", "error"}

// templates holds every page, parsed once at start-up.
type templates struct {
	pages map[string]*template.Template
}

func parseTemplates(st *staticFiles) (*templates, error) {
	funcs := template.FuncMap{
		"static": st.url,
		"short":  func(id archive.ID) string { return id.Short() },
		"join":   strings.Join,
		"add":    func(a, b int) int { return a + b },
		"clip":   clip,
		"when":   func(t time.Time) string { return t.Local().Format("2006-01-02 15:04") },
	}
	common, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/parts.html")
	if err != nil {
		return nil, err
	}
	t := &templates{pages: map[string]*template.Template{}}
	for _, p := range pages {
		c, err := common.Clone()
		if err != nil {
			return nil, err
		}
		if t.pages[p], err = c.ParseFS(templateFS, "templates/"+p+".html"); err != nil {
			return nil, err
		}
	}
	return t, nil
}

// base is what every page shows in its header.
type base struct {
	Title    string
	User     string
	Role     string
	Open     bool // no accounts: no logout button
	LoggedIn bool
	CanEdit  bool
}

func (s *Server) base(r *http.Request, title string) base {
	b := base{Title: title, Open: s.open}
	if w := whoOf(r); w != nil {
		b.User, b.Role, b.LoggedIn, b.CanEdit = w.User.Name, string(w.User.Role), true, w.User.Role.CanEdit()
	}
	return b
}

// render executes a page (or, when block is given, one named block of it)
// into a buffer first, so that a template error never leaves half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, page string, data any, block ...string) error {
	t, ok := s.tmpl.pages[page]
	if !ok {
		return fmt.Errorf("no page template %q", page)
	}
	name := "layout.html"
	if len(block) > 0 {
		name = block[0]
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, name, data); err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Add("Vary", "HX-Request, HX-Target")
	w.WriteHeader(status)
	_, err := w.Write(buf.Bytes())
	return err
}

// clip returns s cut to at most n characters at a word boundary, with an
// ellipsis when it was cut.
func clip(n int, s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	cut := string(r[:n])
	if r[n] != ' ' {
		if i := strings.LastIndexByte(cut, ' '); i > len(cut)/2 {
			cut = cut[:i]
		}
	}
	return strings.TrimRight(cut, " ,;:") + "…"
}

// staticFiles are the embedded CSS, JavaScript and images, with a content
// hash each: pages link "/static/NAME?v=HASH", which may be cached forever.
type staticFiles struct {
	files map[string]staticFile
}

type staticFile struct {
	data        []byte
	hash        string
	contentType string
}

func loadStatic() (*staticFiles, error) {
	st := &staticFiles{files: map[string]staticFile{}}
	err := fs.WalkDir(staticFS, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := staticFS.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		ct := mime.TypeByExtension(path.Ext(p))
		switch path.Ext(p) {
		case ".js":
			ct = "text/javascript; charset=utf-8"
		case ".css":
			ct = "text/css; charset=utf-8"
		case ".svg":
			ct = "image/svg+xml"
		}
		st.files[path.Base(p)] = staticFile{data: data, hash: hex.EncodeToString(sum[:8]), contentType: ct}
		return nil
	})
	return st, err
}

func (st *staticFiles) url(name string) (string, error) {
	f, ok := st.files[name]
	if !ok {
		return "", fmt.Errorf("no static file %q", name)
	}
	return "/static/" + name + "?v=" + f.hash, nil
}

func (s *Server) serveStatic(w http.ResponseWriter, r *http.Request) error {
	f, ok := s.static.files[r.PathValue("name")]
	if !ok {
		return errorf(http.StatusNotFound, "no such file")
	}
	h := w.Header()
	h.Set("Content-Type", f.contentType)
	h.Set("ETag", `"`+f.hash+`"`)
	if r.URL.Query().Get("v") == f.hash {
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		h.Set("Cache-Control", "no-cache")
	}
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(f.data))
	return nil
}

type errorView struct {
	base
	Status     int
	StatusText string
	Message    string
}
