package web

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/cutline/cutline/archive"
	"github.com/cutline/cutline/index"
	"github.com/cutline/cutline/thumbnails"
)

// Defaults of Config.
const (
	DefaultMaxUploadBytes = 2 << 30   // one upload request
	DefaultMaxUploadFiles = 500       // files in one upload request
	DefaultMaxFileBytes   = 512 << 20 // one uploaded file
	DefaultSessionTTL     = 12 * time.Hour
	DefaultLocalUser      = "local"
)

// Config configures New. Store and Index are required; zero values of the
// other fields mean the defaults above.
type Config struct {
	// Store is the archive, opened for writing: the server is its one
	// writer while it runs.
	Store *archive.Store
	// Index is the archive's search index, opened for writing.
	Index *index.Index
	// Addr is the address the server listens on. Without accounts the
	// server runs open (everyone is LocalUser, an editor), which New
	// allows only when Addr is a loopback address.
	Addr string
	// LocalUser is the name the history records for edits made while the
	// server runs without accounts.
	LocalUser      string
	MaxUploadBytes int64
	MaxUploadFiles int
	MaxFileBytes   int64
	SessionTTL     time.Duration
	// NoCache turns off the read caches (search results, photos, whole
	// search answers), to measure the desk without them.
	NoCache bool
	// Logf receives server errors (nil: discarded).
	Logf func(format string, args ...any)
}

// ErrNoAccounts reports a server that would listen beyond the loopback
// interface without any account to log in with.
var ErrNoAccounts = errors.New("no accounts")

// Server is the web desk: HTML pages and the JSON API over one archive,
// its index and its thumbnails.
type Server struct {
	cfg    Config
	store  *archive.Store
	ix     *index.Index
	thumbs thumbnails.Cache
	// open means there are no accounts: every request acts as
	// cfg.LocalUser with the editor role.
	open    bool
	tmpl    *templates
	static  *staticFiles
	handler http.Handler

	cache     *readCache    // nil with Config.NoCache
	syncMu    sync.Mutex    // one index Sync at a time
	workSem   chan struct{} // bounds the read pages being made at once (see queued)
	renderSem chan struct{} // bounds on-demand re-renders of lost thumbnails
	loginSem  chan struct{} // bounds concurrent password hashing (19 MiB each)
}

// New checks the configuration, brings the index up to date with the
// archive and builds the route table.
func New(cfg Config) (*Server, error) {
	if cfg.Store == nil || cfg.Index == nil {
		return nil, errors.New("web: Config needs a Store and an Index")
	}
	if cfg.Store.ReadOnly() {
		return nil, errors.New("web: the archive must be opened for writing")
	}
	if cfg.LocalUser == "" {
		cfg.LocalUser = DefaultLocalUser
	}
	if cfg.MaxUploadBytes <= 0 {
		cfg.MaxUploadBytes = DefaultMaxUploadBytes
	}
	if cfg.MaxUploadFiles <= 0 {
		cfg.MaxUploadFiles = DefaultMaxUploadFiles
	}
	if cfg.MaxFileBytes <= 0 {
		cfg.MaxFileBytes = DefaultMaxFileBytes
	}
	if cfg.SessionTTL <= 0 {
		cfg.SessionTTL = DefaultSessionTTL
	}
	if cfg.Logf == nil {
		cfg.Logf = func(string, ...any) {}
	}
	ctx := context.Background()
	hasUsers, err := cfg.Store.HasUsers(ctx)
	if err != nil {
		return nil, err
	}
	if !hasUsers && !IsLoopback(cfg.Addr) {
		return nil, fmt.Errorf("%w: refusing to serve the archive on %s without accounts, since anyone who can reach "+
			"it could change it; add one with \"cutline user add NAME --role editor\", or listen on 127.0.0.1", ErrNoAccounts, cfg.Addr)
	}
	s := &Server{
		cfg:       cfg,
		store:     cfg.Store,
		ix:        cfg.Index,
		thumbs:    thumbnails.Cache{Dir: cfg.Store.ThumbDir()},
		open:      !hasUsers,
		workSem:   make(chan struct{}, runtime.GOMAXPROCS(0)),
		renderSem: make(chan struct{}, 2),
		loginSem:  make(chan struct{}, 2),
	}
	if !cfg.NoCache {
		s.cache = newReadCache()
	}
	if s.static, err = loadStatic(); err != nil {
		return nil, err
	}
	if s.tmpl, err = parseTemplates(s.static); err != nil {
		return nil, err
	}
	if err := s.sync(ctx); err != nil {
		return nil, err
	}
	if hasUsers {
		if err := s.store.PruneSessions(ctx); err != nil {
			return nil, err
		}
	}
	s.handler = s.routes()
	return s, nil
}

// IsLoopback reports whether addr ("host:port") listens on the loopback
// interface only. An empty host listens everywhere.
func IsLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		host = addr
	}
	host = strings.Trim(host, "[]")
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// Open reports whether the server runs without accounts.
func (s *Server) Open() bool { return s.open }

// Handler returns the route table with its protections: security headers
// on every response, cross-origin refusal of every state-changing request,
// and recovery from panics. serve and the tests use the same one.
func (s *Server) Handler() http.Handler { return s.handler }

// routes builds the one route table (Go 1.22 patterns).
func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	// Pages.
	mux.Handle("GET /{$}", s.page(canRead, func(w http.ResponseWriter, r *http.Request) error { return s.cachedGET(w, r, s.searchPage) }))
	mux.Handle("GET /photos/{id}", s.page(canRead, s.queued(s.photoPage)))
	mux.Handle("POST /photos/{id}", s.page(canEdit, s.savePhoto))
	mux.Handle("POST /photos/{id}/suggest", s.page(canEdit, s.applySuggestion))
	mux.Handle("POST /photos/{id}/revert", s.page(canEdit, s.revertPage))
	mux.Handle("GET /photos/{id}/original", s.page(canRead, s.downloadOriginal))
	mux.Handle("GET /photos/{id}/export", s.page(canRead, s.downloadExport))
	mux.Handle("POST /batch", s.page(canEdit, s.batchPage))
	mux.Handle("GET /upload", s.page(canEdit, s.uploadPage))
	mux.Handle("POST /upload", s.page(canEdit, s.uploadForm))
	mux.Handle("GET /login", s.page(public, s.loginPage))
	mux.Handle("POST /login", s.page(public, s.login))
	mux.Handle("POST /logout", s.page(public, s.logout))
	// Files by ID only, and the embedded static files.
	mux.Handle("GET /thumbs/{id}/{size}", s.page(canRead, s.thumb))
	mux.Handle("GET /static/{name}", s.page(public, s.serveStatic))
	// JSON API.
	mux.Handle("GET /api/search", s.api(canRead, func(w http.ResponseWriter, r *http.Request) error { return s.cachedGET(w, r, s.apiSearch) }))
	mux.Handle("GET /api/photos/{id}", s.api(canRead, s.queued(s.apiPhoto)))
	mux.Handle("PATCH /api/photos/{id}", s.api(canEdit, s.apiPatchPhoto))
	mux.Handle("GET /api/photos/{id}/history", s.api(canRead, s.apiHistory))
	mux.Handle("POST /api/photos/{id}/revert", s.api(canEdit, s.apiRevert))
	mux.Handle("GET /api/photos/{id}/credit", s.api(canRead, s.apiCredit))
	mux.Handle("GET /api/photos/{id}/export", s.api(canRead, s.downloadExport))
	mux.Handle("GET /api/photos/{id}/original", s.api(canRead, s.downloadOriginal))
	mux.Handle("POST /api/batch", s.api(canEdit, s.apiBatch))
	mux.Handle("POST /api/upload", s.api(canEdit, s.apiUpload))
	mux.Handle("POST /api/login", s.api(public, s.apiLogin))
	mux.Handle("POST /api/logout", s.api(public, s.apiLogout))
	mux.Handle("GET /api/me", s.api(canRead, s.apiMe))
	mux.Handle("/api/", s.api(public, func(w http.ResponseWriter, r *http.Request) error {
		return errorf(http.StatusNotFound, "no such API route: %s %s", r.Method, r.URL.Path)
	}))
	mux.Handle("/", s.page(public, func(w http.ResponseWriter, r *http.Request) error {
		return errorf(http.StatusNotFound, "no such page")
	}))

	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		err := errorf(http.StatusForbidden, "cross-origin request refused: change the archive from the desk's own pages")
		if isAPI(r) {
			s.writeAPIError(w, r, err)
			return
		}
		s.writePageError(w, r, err)
	}))
	h := cop.Handler(mux)
	if s.open {
		h = s.loopbackHostOnly(h)
	}
	return securityHeaders(s.recoverPanics(h))
}

// loopbackHostOnly refuses requests whose Host is not a loopback name.
// A desk without accounts trusts whoever can reach it, which New limits
// to this machine; but a web page on another site can point a DNS name of
// its own at 127.0.0.1 ("DNS rebinding") and then read and write the
// desk from the victim's browser as a same-origin page, since Origin and
// Host then agree. Browsers send the attacker's name as Host, so
// answering only loopback names closes that door.
func (s *Server) loopbackHostOnly(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !IsLoopback(r.Host) {
			err := errorf(http.StatusMisdirectedRequest,
				"this desk runs without accounts and answers only to localhost, 127.0.0.1 or [::1], not to %q; add an account (cutline user add) to serve it under other names", r.Host)
			if isAPI(r) {
				s.writeAPIError(w, r, err)
				return
			}
			s.writePageError(w, r, err)
			return
		}
		h.ServeHTTP(w, r)
	})
}

// contentSecurityPolicy allows nothing but the desk's own scripts, styles,
// images and requests: no inline script or style, no eval, no framing.
const contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; " +
	"connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

func securityHeaders(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Set("Content-Security-Policy", contentSecurityPolicy)
		hd.Set("X-Content-Type-Options", "nosniff")
		hd.Set("X-Frame-Options", "DENY")
		hd.Set("Referrer-Policy", "same-origin")
		hd.Set("Cross-Origin-Opener-Policy", "same-origin")
		hd.Set("Cross-Origin-Resource-Policy", "same-origin")
		h.ServeHTTP(w, r)
	})
}

func (s *Server) recoverPanics(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.cfg.Logf("panic serving %s %s: %v", r.Method, r.URL.Path, v)
				http.Error(w, "internal error", http.StatusInternalServerError)
			}
		}()
		h.ServeHTTP(w, r)
	})
}

// sync applies the archive's pending changes to the index, one caller at a
// time, and prunes the outbox. It runs after every change and before the
// response, so a search right after a save finds the new caption. It is
// not cancelled with the request: a client that goes away must not leave
// the index behind.
func (s *Server) sync(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Minute)
	defer cancel()
	s.syncMu.Lock()
	defer s.syncMu.Unlock()
	n, err := s.ix.Sync(ctx, s.store)
	if n > 0 || err != nil {
		s.cache.clear()
	}
	if err != nil {
		return fmt.Errorf("updating the search index: %w", err)
	}
	wm, err := s.ix.Watermark()
	if err != nil {
		return err
	}
	return s.store.PruneChanges(ctx, wm)
}

// Serve serves the desk on ln until ctx is cancelled, then stops
// accepting connections and lets the requests in flight finish (for up to
// 30 seconds) before returning. The caller closes the index and archive.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       2 * time.Minute, // uploads extend their own deadline
		WriteTimeout:      5 * time.Minute, // downloads extend their own deadline
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          nil,
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	err := srv.Shutdown(sctx)
	if serr := <-errc; serr != nil && !errors.Is(serr, http.ErrServerClosed) && err == nil {
		err = serr
	}
	return err
}
