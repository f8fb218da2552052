package web

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/cutline/cutline/archive"
)

// sessionCookie names the cookie holding the session token.
const sessionCookie = "cutline_session"

// who is the person behind a request.
type who struct {
	User  archive.User
	token string // "" in open mode
	open  bool   // the server runs without accounts
}

type whoKey struct{}

// whoOf returns who made the request (nil when not logged in).
func whoOf(r *http.Request) *who {
	w, _ := r.Context().Value(whoKey{}).(*who)
	return w
}

// userName is the name the history records for r's edits.
func userName(r *http.Request) string {
	if w := whoOf(r); w != nil {
		return w.User.Name
	}
	return "unknown"
}

// authorize finds who makes the request and checks they may use a route
// of the given access. It returns the request with who in its context.
func (s *Server) authorize(r *http.Request, acc access) (*http.Request, error) {
	w, err := s.identify(r)
	if err != nil {
		return r, err
	}
	if w != nil {
		r = r.WithContext(context.WithValue(r.Context(), whoKey{}, w))
	}
	switch {
	case acc == public:
		return r, nil
	case w == nil:
		return r, errLoginRequired
	case acc == canEdit && !w.User.Role.CanEdit():
		return r, errViewer
	}
	return r, nil
}

// identify reads the session from the cookie or an "Authorization:
// Bearer" header (for scripts). It returns nil, nil for a visitor who is
// not logged in.
func (s *Server) identify(r *http.Request) (*who, error) {
	if s.open {
		return &who{User: archive.User{Name: s.cfg.LocalUser, Role: archive.RoleEditor}, open: true}, nil
	}
	token := ""
	if h := r.Header.Get("Authorization"); h != "" {
		if t, ok := strings.CutPrefix(h, "Bearer "); ok {
			token = strings.TrimSpace(t)
		}
	} else if c, err := r.Cookie(sessionCookie); err == nil {
		token = c.Value
	}
	if token == "" {
		return nil, nil
	}
	u, err := s.store.SessionUser(r.Context(), token)
	if errors.Is(err, archive.ErrNoSession) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &who{User: *u, token: token}, nil
}

// checkLogin verifies a name and password, at most two at a time: each
// Argon2id check takes 19 MiB, and a flood of logins must not take the
// server's memory.
func (s *Server) checkLogin(r *http.Request, name, password string) (*archive.User, error) {
	select {
	case s.loginSem <- struct{}{}:
		defer func() { <-s.loginSem }()
	case <-r.Context().Done():
		return nil, r.Context().Err()
	}
	u, err := s.store.Authenticate(r.Context(), name, password)
	if errors.Is(err, archive.ErrLogin) {
		s.cfg.Logf("failed login for %q from %s", name, r.RemoteAddr)
		return nil, errStatus(http.StatusUnauthorized, err)
	}
	return u, err
}

func (s *Server) startSession(w http.ResponseWriter, r *http.Request, u *archive.User) (string, time.Time, error) {
	token, expires, err := s.store.NewSession(r.Context(), u.Name, s.cfg.SessionTTL)
	if err != nil {
		return "", time.Time{}, err
	}
	http.SetCookie(w, &http.Cookie{
		Name: sessionCookie, Value: token, Path: "/", Expires: expires,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: r.TLS != nil,
	})
	return token, expires, nil
}

func clearSessionCookie(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: r.TLS != nil})
}

// safeNext keeps a post-login redirect on this site: a path, never
// "//host" or "/\host", which browsers read as another origin.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") ||
		strings.ContainsAny(next, "\r\n\t") || len(next) > 2048 {
		return "/"
	}
	return next
}

type loginView struct {
	base
	Name, Next, Error string
}

func (s *Server) loginPage(w http.ResponseWriter, r *http.Request) error {
	if s.open || whoOf(r) != nil {
		http.Redirect(w, r, safeNext(r.URL.Query().Get("next")), http.StatusSeeOther)
		return nil
	}
	return s.render(w, r, http.StatusOK, "login", &loginView{base: s.base(r, "Log in"), Next: safeNext(r.URL.Query().Get("next"))})
}

func (s *Server) login(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	if err := r.ParseForm(); err != nil {
		return errStatus(http.StatusBadRequest, err)
	}
	next := safeNext(r.PostForm.Get("next"))
	if s.open {
		http.Redirect(w, r, next, http.StatusSeeOther)
		return nil
	}
	name := strings.TrimSpace(r.PostForm.Get("name"))
	u, err := s.checkLogin(r, name, r.PostForm.Get("password"))
	if err != nil {
		status, msg := statusOf(err)
		if status != http.StatusUnauthorized {
			return err
		}
		return s.render(w, r, status, "login", &loginView{base: s.base(r, "Log in"), Name: name, Next: next, Error: msg})
	}
	if _, _, err := s.startSession(w, r, u); err != nil {
		return err
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
	return nil
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request) error {
	if wh := whoOf(r); wh != nil && wh.token != "" {
		if err := s.store.EndSession(r.Context(), wh.token); err != nil {
			return err
		}
	}
	clearSessionCookie(w, r)
	http.Redirect(w, r, "/login", http.StatusSeeOther)
	return nil
}

// apiLogin takes {"name","password"} and returns a session token for
// "Authorization: Bearer" (and sets the session cookie).
func (s *Server) apiLogin(w http.ResponseWriter, r *http.Request) error {
	if s.open {
		return errorf(http.StatusBadRequest, "this server runs without accounts: no login needed")
	}
	var in struct{ Name, Password string }
	if err := decodeJSON(w, r, 16<<10, &in); err != nil {
		return err
	}
	u, err := s.checkLogin(r, strings.TrimSpace(in.Name), in.Password)
	if err != nil {
		return err
	}
	token, expires, err := s.startSession(w, r, u)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"token": token, "expires": expires, "user": u})
}

func (s *Server) apiLogout(w http.ResponseWriter, r *http.Request) error {
	if wh := whoOf(r); wh != nil && wh.token != "" {
		if err := s.store.EndSession(r.Context(), wh.token); err != nil {
			return err
		}
	}
	clearSessionCookie(w, r)
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (s *Server) apiMe(w http.ResponseWriter, r *http.Request) error {
	wh := whoOf(r)
	return writeJSON(w, http.StatusOK, map[string]any{"user": wh.User.Name, "role": wh.User.Role, "open": wh.open})
}

// decodeJSON reads one JSON value of at most limit bytes, refusing
// unknown fields so that a misspelt key is an error, not a silent no-op.
func decodeJSON(w http.ResponseWriter, r *http.Request, limit int64, v any) error {
	r.Body = http.MaxBytesReader(w, r.Body, limit)
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var mb *http.MaxBytesError
		if errors.As(err, &mb) {
			return err
		}
		return errorf(http.StatusBadRequest, "reading the JSON body: %v", err)
	}
	return nil
}
