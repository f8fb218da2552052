package archive

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/cutline/cutline/caption"
)

// FieldChange is one field changed by an edit.
type FieldChange struct {
	Field string   `json:"field"`
	Old   []string `json:"old"`
	New   []string `json:"new"`
}

// HistoryEntry is one recorded change to one field of a photo's caption.
type HistoryEntry struct {
	Seq   int64     `json:"seq"` // the N of "caption ID --revert N"
	ID    ID        `json:"id"`
	At    time.Time `json:"at"`
	User  string    `json:"user"`
	Field string    `json:"field"`
	Old   []string  `json:"old"`
	New   []string  `json:"new"`
}

// ErrNoChange reports an edit that changed nothing.
var ErrNoChange = errors.New("nothing to change")

// Update edits the caption of one photo. fn receives the current photo and
// returns the new caption; Update records one history entry per changed
// field (who, when, old, new), re-parses the facts, and queues the photo
// for the index, all in one transaction. It returns the updated photo and
// the changes (none when fn changed nothing).
func (s *Store) Update(ctx context.Context, id ID, user string, fn func(*Photo) (caption.Fields, error)) (*Photo, []FieldChange, error) {
	if err := s.writable(); err != nil {
		return nil, nil, err
	}
	tx, err := s.db.BeginTx(ctx, nil) // BEGIN IMMEDIATE (see openDB)
	if err != nil {
		return nil, nil, err
	}
	defer tx.Rollback()
	r, err := s.record(ctx, tx, id)
	if err != nil {
		return nil, nil, err
	}
	next, err := fn(clonePhoto(&r.Photo))
	if err != nil {
		return nil, nil, err
	}
	changes := diffFields(r.Caption, next)
	if len(changes) == 0 {
		return &r.Photo, nil, nil
	}
	// An editor's date must be a date (export writes it where readers
	// expect ISO 8601); the file's own value, whatever it is, can always
	// come back (a revert).
	if d := next.DateCreated; d != "" && d != r.Caption.DateCreated && d != r.Embedded.DateCreated {
		if err := caption.CheckDateCreated(d); err != nil {
			return nil, nil, err
		}
	}
	r.Caption = next
	r.Facts = factsOf(&r.Photo)
	if err := s.writeCaption(ctx, tx, r, user, changes); err != nil {
		return nil, nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, nil, err
	}
	return &r.Photo, changes, nil
}

func (s *Store) writeCaption(ctx context.Context, tx *sql.Tx, r *record, user string, changes []FieldChange) error {
	js, err := marshalAll(r.Caption, r.Facts)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE photos SET caption = ?, facts = ?, sort_date = ? WHERE id = ?`,
		js[0], js[1], SortDate(&r.Photo), r.ID); err != nil {
		return err
	}
	at := s.now().UTC().Format(time.RFC3339Nano)
	for _, c := range changes {
		cj, err := marshalAll(nonNil(c.Old), nonNil(c.New))
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO history (photo_id, at, user, field, old, new) VALUES (?, ?, ?, ?, ?, ?)`,
			r.ID, at, user, c.Field, cj[0], cj[1]); err != nil {
			return err
		}
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO outbox (photo_id) VALUES (?)`, r.ID)
	return err
}

// History returns the recorded changes of a photo's caption, oldest first.
func (s *Store) History(ctx context.Context, id ID) ([]HistoryEntry, error) {
	rows, err := s.rdb.QueryContext(ctx, `SELECT seq, photo_id, at, user, field, old, new FROM history WHERE photo_id = ? ORDER BY seq`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []HistoryEntry
	for rows.Next() {
		var (
			h             HistoryEntry
			at, old, next string
		)
		if err := rows.Scan(&h.Seq, &h.ID, &at, &h.User, &h.Field, &old, &next); err != nil {
			return nil, err
		}
		h.At, _ = time.Parse(time.RFC3339Nano, at)
		if err := json.Unmarshal([]byte(old), &h.Old); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(next), &h.New); err != nil {
			return nil, err
		}
		out = append(out, h)
	}
	return out, rows.Err()
}

// Revert restores the value a field had before history entry seq of photo
// id. The revert is itself recorded in the history.
func (s *Store) Revert(ctx context.Context, id ID, seq int64, user string) (*Photo, []FieldChange, error) {
	var field, old string
	err := s.rdb.QueryRowContext(ctx, `SELECT field, old FROM history WHERE photo_id = ? AND seq = ?`, id, seq).Scan(&field, &old)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, fmt.Errorf("photo %s has no history entry %d (see cutline history %s)", id.Short(), seq, id.Short())
	}
	if err != nil {
		return nil, nil, err
	}
	var vals []string
	if err := json.Unmarshal([]byte(old), &vals); err != nil {
		return nil, nil, err
	}
	return s.Update(ctx, id, user, func(p *Photo) (caption.Fields, error) {
		f := p.Caption
		if err := f.Set(field, vals...); err != nil {
			return f, err
		}
		return f, nil
	})
}

// diffFields lists the fields whose values differ between a and b.
func diffFields(a, b caption.Fields) []FieldChange {
	var out []FieldChange
	for _, d := range caption.AllFields() {
		x, _ := a.Get(d.Name)
		y, _ := b.Get(d.Name)
		if !slices.Equal(x, y) {
			out = append(out, FieldChange{Field: d.Name, Old: nonNil(x), New: nonNil(y)})
		}
	}
	return out
}

func clonePhoto(p *Photo) *Photo {
	c := *p
	f := &c.Caption
	f.Byline = slices.Clone(f.Byline)
	f.Keywords = slices.Clone(f.Keywords)
	f.PersonsShown = slices.Clone(f.PersonsShown)
	c.Warnings = slices.Clone(c.Warnings)
	return &c
}
