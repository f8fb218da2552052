package web

import (
	"context"
	"fmt"
	"net/http"
	"strings"

	"github.com/cutline/cutline/archive"
	"github.com/cutline/cutline/caption"
)

// maxBatch bounds the photos of one batch request.
const maxBatch = 1000

// batchRequest is a batch edit: a template, field edits, or both, applied
// to every photo listed. It is the body of POST /api/batch.
type batchRequest struct {
	IDs      []string    `json:"ids"`
	Template string      `json:"template,omitempty"`
	Edits    []batchEdit `json:"edits,omitempty"`
}

type batchEdit struct {
	Op    string `json:"op"` // set, add or remove
	Field string `json:"field"`
	Value string `json:"value"`
}

// batchResult is one photo's outcome, as "cutline caption --json" reports it.
type batchResult struct {
	ID       archive.ID            `json:"id"`
	Headline string                `json:"-"`
	Changes  []archive.FieldChange `json:"changes"`
	Warnings []string              `json:"warnings,omitempty"`
	Error    string                `json:"error,omitempty"`
}

var editOps = map[string]archive.EditOp{"set": archive.Set, "add": archive.Add, "remove": archive.Remove}

// runBatch checks the request whole before changing anything, then
// applies it photo by photo (each photo in its own transaction, as the
// CLI does) and updates the index once.
func (s *Server) runBatch(ctx context.Context, req batchRequest, user string) ([]batchResult, error) {
	if len(req.IDs) == 0 {
		return nil, errorf(http.StatusBadRequest, "select at least one photo")
	}
	if len(req.IDs) > maxBatch {
		return nil, errorf(http.StatusBadRequest, "at most %d photos in one batch (got %d)", maxBatch, len(req.IDs))
	}
	var tmpl *caption.Template
	if strings.TrimSpace(req.Template) != "" {
		t, err := caption.ParseTemplate([]byte(req.Template))
		if err != nil {
			return nil, err
		}
		tmpl = t
	}
	var edits []archive.Edit
	for _, e := range req.Edits {
		op, ok := editOps[e.Op]
		if !ok {
			return nil, errorf(http.StatusBadRequest, "edit op %q: want set, add or remove", e.Op)
		}
		ed, err := archive.ParseEdit(op, e.Field+"="+e.Value)
		if err != nil {
			return nil, errStatus(http.StatusBadRequest, err)
		}
		edits = append(edits, ed)
	}
	if tmpl == nil && len(edits) == 0 {
		return nil, errorf(http.StatusBadRequest, "nothing to apply: give a template or a field change")
	}
	ids := make([]archive.ID, 0, len(req.IDs))
	seen := map[archive.ID]bool{}
	for _, raw := range req.IDs {
		id, err := archive.ParseID(raw)
		if err != nil {
			if id, err = s.store.Resolve(ctx, raw); err != nil {
				return nil, err
			}
		}
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	out := make([]batchResult, 0, len(ids))
	changed := false
	for _, id := range ids {
		res := batchResult{ID: id, Changes: []archive.FieldChange{}}
		p, changes, err := s.store.Update(ctx, id, user, func(p *archive.Photo) (caption.Fields, error) {
			f, warns, err := archive.ApplyEdits(p, edits, tmpl, nil)
			res.Warnings = warns
			return f, err
		})
		if err != nil {
			res.Error = err.Error()
		}
		if p != nil {
			res.Headline = p.Caption.Headline
		}
		if len(changes) > 0 {
			res.Changes, changed = changes, true
		}
		out = append(out, res)
	}
	if changed {
		if err := s.sync(ctx); err != nil {
			return out, err
		}
	}
	return out, nil
}

type batchView struct {
	base
	Q                  string
	BackURL            string
	Results            []batchResult
	Changed, Unchanged int
	Failed             int
}

// batchPage handles the grid's batch form: the selected photos (id),
// and a template or one field change.
func (s *Server) batchPage(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
	if err := r.ParseForm(); err != nil {
		return errStatus(http.StatusBadRequest, err)
	}
	f := r.PostForm
	req := batchRequest{IDs: f["id"]}
	switch f.Get("mode") {
	case "template":
		req.Template = f.Get("template")
		if strings.TrimSpace(req.Template) == "" {
			return errorf(http.StatusBadRequest, "the template is empty")
		}
	default:
		req.Edits = []batchEdit{{Op: f.Get("op"), Field: f.Get("field"), Value: f.Get("value")}}
	}
	results, err := s.runBatch(r.Context(), req, userName(r))
	if err != nil {
		return err
	}
	q := f.Get("q")
	v := &batchView{base: s.base(r, "Batch edit"), Q: q, BackURL: searchParams{q: q}.url(1), Results: results}
	for _, res := range results {
		switch {
		case res.Error != "":
			v.Failed++
		case len(res.Changes) > 0:
			v.Changed++
		default:
			v.Unchanged++
		}
	}
	v.Title = fmt.Sprintf("Batch edit: %d changed", v.Changed)
	return s.render(w, r, http.StatusOK, "batch", v)
}

func (s *Server) apiBatch(w http.ResponseWriter, r *http.Request) error {
	var req batchRequest
	if err := decodeJSON(w, r, 4<<20, &req); err != nil {
		return err
	}
	results, err := s.runBatch(r.Context(), req, userName(r))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"results": results})
}
