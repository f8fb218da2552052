package web

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/cutline/cutline/archive"
	"github.com/cutline/cutline/caption"
)

// The JSON API speaks the shapes of DESIGN.md: a photo is the object of
// "cutline show --json", search results those of "search --json", credit
// lines those of "credit --json", an upload report that of "ingest
// --json".

// apiPhoto answers GET /api/photos/{id} with the photo; its ETag is the
// caption's revision, for PATCH with If-Match.
func (s *Server) apiPhoto(w http.ResponseWriter, r *http.Request) error {
	id, err := s.photoID(r)
	if err != nil {
		return err
	}
	p, err := s.store.Photo(r.Context(), id)
	if err != nil {
		return err
	}
	w.Header().Set("ETag", `"`+captionRev(p.Caption)+`"`)
	return writeJSON(w, http.StatusOK, p)
}

// apiPatchPhoto changes caption fields: the body is a JSON merge patch
// (RFC 7396) of the photo in which only "caption" may appear, as in
// {"caption":{"headline":"...","keywords":["a","b"],"city":null}}. A
// field set to null, "" or [] is cleared; fields not named are kept.
// With If-Match, the patch applies only to that revision (else 412).
func (s *Server) apiPatchPhoto(w http.ResponseWriter, r *http.Request) error {
	id, err := s.photoID(r)
	if err != nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
	var body map[string]json.RawMessage
	dec := json.NewDecoder(r.Body)
	if err := dec.Decode(&body); err != nil {
		var mb *http.MaxBytesError
		if errors.As(err, &mb) {
			return err
		}
		return errorf(http.StatusBadRequest, "reading the JSON body: %v", err)
	}
	for k := range body {
		if k != "caption" {
			return errorf(http.StatusBadRequest, "only \"caption\" can be changed, not %q", k)
		}
	}
	patch, err := parseCaptionPatch(body["caption"])
	if err != nil {
		return err
	}
	ifMatch := strings.Trim(r.Header.Get("If-Match"), `"`)
	var warnings []string
	p, changes, err := s.store.Update(r.Context(), id, userName(r), func(p *archive.Photo) (caption.Fields, error) {
		if ifMatch != "" && ifMatch != "*" && ifMatch != captionRev(p.Caption) {
			return p.Caption, errorf(http.StatusPreconditionFailed, "the caption changed since revision %s (now %s)", ifMatch, captionRev(p.Caption))
		}
		f := p.Caption
		for _, fv := range patch {
			if err := f.Set(fv.name, fv.values...); err != nil {
				return f, errStatus(http.StatusBadRequest, err)
			}
		}
		warnings = f.LimitWarnings()
		return f, nil
	})
	if err != nil {
		return err
	}
	if len(changes) > 0 {
		if err := s.sync(r.Context()); err != nil {
			return err
		}
	}
	if changes == nil {
		changes = []archive.FieldChange{}
	}
	if warnings == nil {
		warnings = []string{}
	}
	w.Header().Set("ETag", `"`+captionRev(p.Caption)+`"`)
	return writeJSON(w, http.StatusOK, map[string]any{"photo": p, "changes": changes, "warnings": warnings})
}

type fieldValues struct {
	name   string
	values []string
}

// parseCaptionPatch reads {"field": value} where value is a string, a
// list of strings (list fields) or null.
func parseCaptionPatch(raw json.RawMessage) ([]fieldValues, error) {
	if len(raw) == 0 {
		return nil, errorf(http.StatusBadRequest, `the body needs "caption": {"field": value, ...}`)
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, errorf(http.StatusBadRequest, "caption: want an object of fields (%v)", err)
	}
	var out []fieldValues
	for _, d := range caption.AllFields() {
		v, ok := m[d.Name]
		if !ok {
			continue
		}
		delete(m, d.Name)
		fv := fieldValues{name: d.Name}
		switch {
		case bytes.Equal(bytes.TrimSpace(v), []byte("null")):
		case d.List:
			if err := json.Unmarshal(v, &fv.values); err != nil {
				var one string
				if json.Unmarshal(v, &one) != nil {
					return nil, errorf(http.StatusBadRequest, "caption.%s: want a list of strings", d.Name)
				}
				fv.values = []string{one}
			}
		default:
			var one string
			if err := json.Unmarshal(v, &one); err != nil {
				return nil, errorf(http.StatusBadRequest, "caption.%s: want a string", d.Name)
			}
			if one != "" {
				fv.values = []string{one}
			}
		}
		out = append(out, fv)
	}
	for k := range m {
		_, err := (&caption.Fields{}).Get(k)
		return nil, errStatus(http.StatusBadRequest, fmt.Errorf("caption: %w", err))
	}
	return out, nil
}

func (s *Server) apiHistory(w http.ResponseWriter, r *http.Request) error {
	id, err := s.photoID(r)
	if err != nil {
		return err
	}
	if _, err := s.store.Photo(r.Context(), id); err != nil {
		return err
	}
	h, err := s.store.History(r.Context(), id)
	if err != nil {
		return err
	}
	if h == nil {
		h = []archive.HistoryEntry{}
	}
	return writeJSON(w, http.StatusOK, h)
}

// apiRevert takes {"seq": N} and restores the value a field had before
// history entry N.
func (s *Server) apiRevert(w http.ResponseWriter, r *http.Request) error {
	id, err := s.photoID(r)
	if err != nil {
		return err
	}
	var in struct {
		Seq int64 `json:"seq"`
	}
	if err := decodeJSON(w, r, 4<<10, &in); err != nil {
		return err
	}
	p, changes, err := s.revert(r.Context(), id, in.Seq, userName(r))
	if err != nil {
		return err
	}
	if len(changes) > 0 {
		if err := s.sync(r.Context()); err != nil {
			return err
		}
	}
	if changes == nil {
		changes = []archive.FieldChange{}
	}
	return writeJSON(w, http.StatusOK, map[string]any{"photo": p, "changes": changes})
}

// apiCredit answers GET /api/photos/{id}/credit[?style=ap] with
// [{"id","style","line"}], every style when none is named.
func (s *Server) apiCredit(w http.ResponseWriter, r *http.Request) error {
	id, err := s.photoID(r)
	if err != nil {
		return err
	}
	var styles []caption.Style
	for _, st := range r.URL.Query()["style"] {
		style, err := caption.ParseStyle(st)
		if err != nil {
			return errStatus(http.StatusBadRequest, err)
		}
		styles = append(styles, style)
	}
	p, err := s.store.Photo(r.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, s.creditRows(r.Context(), p, styles))
}

// creditRow is one credit line, in the shape of "cutline credit --json":
// a style that does not apply to the photo (an AP line for an AFP
// picture) has an error instead of a line.
type creditRow struct {
	ID      archive.ID `json:"id"`
	Style   string     `json:"style"`
	Line    string     `json:"line"`
	Missing []string   `json:"missing,omitempty"`
	Error   string     `json:"error,omitempty"`
	// Reason is the gist of Error for the photo page.
	Reason string `json:"-"`
}

// creditRows returns the photo's credit line in each style (every style
// when none is given).
func (s *Server) creditRows(ctx context.Context, p *archive.Photo, styles []caption.Style) []creditRow {
	if len(styles) == 0 {
		styles = caption.Styles()
	}
	rows := make([]creditRow, 0, len(styles))
	for _, st := range styles {
		row := creditRow{ID: p.ID, Style: string(st)}
		lines, err := s.store.Credits(ctx, p, st)
		if err != nil {
			row.Error = err.Error()
			row.Reason = strings.TrimPrefix(row.Error, string(st)+" style: ")
			if i := strings.Index(row.Reason, ": "); i > 0 {
				row.Reason = row.Reason[:i]
			}
		} else if len(lines) == 1 {
			row.Line, row.Missing = lines[0].Text, lines[0].Missing
		}
		rows = append(rows, row)
	}
	return rows
}
