package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/cutline/cutline/archive"
	"github.com/cutline/cutline/caption"
	"github.com/cutline/cutline/index"
)

// handlerFunc is a handler that returns its error; one adapter (page or
// api) turns errors into an HTTP status and a page or JSON body.
type handlerFunc func(w http.ResponseWriter, r *http.Request) error

// httpError is an error with the status and the message the client sees.
type httpError struct {
	status int
	msg    string
	err    error // the cause, for errors.Is and the log
}

func (e *httpError) Error() string {
	if e.err != nil && e.msg == "" {
		return e.err.Error()
	}
	return e.msg
}

func (e *httpError) Unwrap() error { return e.err }

func errorf(status int, format string, args ...any) error {
	return &httpError{status: status, msg: fmt.Sprintf(format, args...)}
}

// errStatus wraps err with a status; the client sees err's message.
func errStatus(status int, err error) error {
	return &httpError{status: status, msg: err.Error(), err: err}
}

var (
	errLoginRequired = errors.New("log in first")
	errViewer        = errors.New("viewers cannot change anything; ask an editor")
)

// statusOf maps an error to the status and message the client sees. Only
// errors that are about the request say what went wrong; the others are
// "internal error" to the client and logged in full.
func statusOf(err error) (int, string) {
	var he *httpError
	var qe *index.QueryError
	var te *caption.TemplateError
	var ve *caption.ValueError
	var mb *http.MaxBytesError
	switch {
	case errors.As(err, &he):
		return he.status, he.Error()
	case errors.As(err, &mb):
		return http.StatusRequestEntityTooLarge, fmt.Sprintf("request too large: the limit is %d bytes", mb.Limit)
	case errors.Is(err, errLoginRequired):
		return http.StatusUnauthorized, err.Error()
	case errors.Is(err, errViewer):
		return http.StatusForbidden, err.Error()
	case errors.Is(err, archive.ErrNotFound):
		return http.StatusNotFound, err.Error()
	case errors.Is(err, archive.ErrBadID), errors.Is(err, archive.ErrAmbiguous):
		return http.StatusBadRequest, err.Error()
	case errors.As(err, &qe):
		return http.StatusBadRequest, qe.Error()
	case errors.As(err, &ve):
		return http.StatusBadRequest, ve.Error()
	case errors.As(err, &te):
		return http.StatusBadRequest, "template: " + te.Error()
	case errors.Is(err, index.ErrStale):
		return http.StatusServiceUnavailable, "the search index is being rebuilt; try again in a moment"
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return http.StatusServiceUnavailable, "request cancelled"
	}
	return http.StatusInternalServerError, "internal error"
}

// access is who may use a route.
type access int

const (
	public  access = iota // anyone, logged in or not
	canRead               // any logged-in user (everyone when the server is open)
	canEdit               // editors only
)

// page adapts a handler of HTML pages: a visitor who must log in is sent
// to the login page, other errors render the error page.
func (s *Server) page(acc access, h handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r, err := s.authorize(r, acc)
		if err == nil {
			err = h(w, r)
		}
		if err == nil {
			return
		}
		if errors.Is(err, errLoginRequired) && r.Method == http.MethodGet && r.Header.Get("HX-Request") == "" {
			http.Redirect(w, r, "/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
			return
		}
		s.writePageError(w, r, err)
	})
}

// api adapts a JSON API handler: errors become {"error": "...",
// "status": N}.
func (s *Server) api(acc access, h handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r, err := s.authorize(r, acc)
		if err == nil {
			err = h(w, r)
		}
		if err != nil {
			s.writeAPIError(w, r, err)
		}
	})
}

func (s *Server) logIfInternal(r *http.Request, status int, err error) {
	if status >= 500 && !errors.Is(err, context.Canceled) {
		s.cfg.Logf("%s %s: %v", r.Method, r.URL.Path, err)
	}
}

func (s *Server) writePageError(w http.ResponseWriter, r *http.Request, err error) {
	status, msg := statusOf(err)
	s.logIfInternal(r, status, err)
	if r.Context().Err() != nil {
		return // the client is gone
	}
	v := &errorView{base: s.base(r, "Error"), Status: status, StatusText: http.StatusText(status), Message: msg}
	if err := s.render(w, r, status, "error", v); err != nil {
		http.Error(w, msg, status)
	}
}

func (s *Server) writeAPIError(w http.ResponseWriter, r *http.Request, err error) {
	status, msg := statusOf(err)
	s.logIfInternal(r, status, err)
	if status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="cutline"`)
	}
	writeJSON(w, status, map[string]any{"error": msg, "status": status})
}

// writeJSON writes v as JSON. HTML escaping stays on: values come from
// photos' metadata, and a JSON body must never be mistaken for markup.
func writeJSON(w http.ResponseWriter, status int, v any) error {
	b, err := json.Marshal(v) // compact: indenting cost a fifth of a search's CPU
	if err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, err = w.Write(append(b, '\n'))
	return err
}

func isAPI(r *http.Request) bool { return strings.HasPrefix(r.URL.Path, "/api/") }
