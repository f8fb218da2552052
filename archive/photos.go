package archive

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/cutline/cutline/caption"
)

// record is a photo as it is stored: the Photo plus the caption the file
// itself carried (embedded), which export needs to tell edited fields from
// untouched ones.
type record struct {
	Photo
	Embedded caption.Fields
	// ingestUser is who the history names for changes made at ingest
	// (not stored in the photos table).
	ingestUser string
}

const photoColumns = `id, name, bytes, width, height, format, orientation, taken, camera,
	gps_lat, gps_lon, ingested, embedded, caption, facts, warnings, preview_error`

// viewColumns are photoColumns without the embedded caption, which only
// edits and export need: reads for display skip decoding it.
const viewColumns = `id, name, bytes, width, height, format, orientation, taken, camera,
	gps_lat, gps_lon, ingested, '{}', caption, facts, warnings, preview_error`

type scanner interface{ Scan(...any) error }

func scanRecord(sc scanner) (*record, error) {
	var (
		r                                       record
		camera, ingested, emb, capt, facts, wrn string
		lat, lon                                sql.NullFloat64
	)
	err := sc.Scan(&r.ID, &r.Name, &r.Bytes, &r.Width, &r.Height, &r.Format, &r.Orientation, &r.Taken,
		&camera, &lat, &lon, &ingested, &emb, &capt, &facts, &wrn, &r.PreviewError)
	if err != nil {
		return nil, err
	}
	if camera != "" {
		r.Camera = new(Camera)
		if err := json.Unmarshal([]byte(camera), r.Camera); err != nil {
			return nil, fmt.Errorf("photo %s: camera: %w", r.ID.Short(), err)
		}
	}
	if lat.Valid && lon.Valid {
		r.GPS = &GPS{Lat: lat.Float64, Lon: lon.Float64}
	}
	if r.Ingested, err = time.Parse(time.RFC3339Nano, ingested); err != nil {
		return nil, fmt.Errorf("photo %s: ingested: %w", r.ID.Short(), err)
	}
	for _, c := range []struct {
		src string
		dst any
	}{{emb, &r.Embedded}, {capt, &r.Caption}, {facts, &r.Facts}, {wrn, &r.Warnings}} {
		if err := json.Unmarshal([]byte(c.src), c.dst); err != nil {
			return nil, fmt.Errorf("photo %s: %w", r.ID.Short(), err)
		}
	}
	return &r, nil
}

// Photo returns the photo with this ID.
func (s *Store) Photo(ctx context.Context, id ID) (*Photo, error) {
	r, err := scanRecord(s.rdb.QueryRowContext(ctx, `SELECT `+viewColumns+` FROM photos WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("%w: %s", ErrNotFound, id)
	}
	if err != nil {
		return nil, err
	}
	return &r.Photo, nil
}

// Photos returns the photos with these IDs in one query (a page of search
// results); IDs not in the archive are left out of the map.
func (s *Store) Photos(ctx context.Context, ids []ID) (map[ID]*Photo, error) {
	out := make(map[ID]*Photo, len(ids))
	for len(ids) > 0 {
		n := min(len(ids), 500) // SQLite's bound on host parameters is far above this
		args := make([]any, n)
		for i, id := range ids[:n] {
			args[i] = id
		}
		rows, err := s.rdb.QueryContext(ctx, `SELECT `+viewColumns+` FROM photos WHERE id IN (?`+strings.Repeat(", ?", n-1)+`)`, args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			r, err := scanRecord(rows)
			if err != nil {
				rows.Close()
				return nil, err
			}
			out[r.ID] = &r.Photo
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
		ids = ids[n:]
	}
	return out, nil
}

type queryer interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func (s *Store) record(ctx context.Context, q queryer, id ID) (*record, error) {
	r, err := scanRecord(q.QueryRowContext(ctx, `SELECT `+photoColumns+` FROM photos WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("%w: %s", ErrNotFound, id)
	}
	return r, err
}

// Resolve turns an ID or a unique prefix of at least MinPrefix hex
// characters into the full ID.
func (s *Store) Resolve(ctx context.Context, prefix string) (ID, error) {
	p, err := ParsePrefix(prefix)
	if err != nil {
		return "", err
	}
	rows, err := s.rdb.QueryContext(ctx, `SELECT id FROM photos WHERE id >= ? AND id < ? ORDER BY id LIMIT 2`, p, p+"g")
	if err != nil {
		return "", err
	}
	defer rows.Close()
	var ids []ID
	for rows.Next() {
		var id ID
		if err := rows.Scan(&id); err != nil {
			return "", err
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return "", err
	}
	switch len(ids) {
	case 0:
		return "", fmt.Errorf("%w: no photo ID starts with %s", ErrNotFound, p)
	case 1:
		return ids[0], nil
	default:
		return "", fmt.Errorf("%w: %s (give more characters)", ErrAmbiguous, p)
	}
}

// Has reports whether a photo with this ID is recorded.
func (s *Store) Has(ctx context.Context, id ID) (bool, error) {
	var n int
	err := s.rdb.QueryRowContext(ctx, `SELECT count(*) FROM photos WHERE id = ?`, id).Scan(&n)
	return n > 0, err
}

// Count returns the number of photos.
func (s *Store) Count(ctx context.Context) (int, error) {
	var n int
	err := s.rdb.QueryRowContext(ctx, `SELECT count(*) FROM photos`).Scan(&n)
	return n, err
}

// EachPhoto calls fn for every photo, newest first, reading in pages so a
// large archive never sits in memory at once.
func (s *Store) EachPhoto(ctx context.Context, fn func(*Photo) error) error {
	return s.eachRecord(ctx, func(r *record) error { return fn(&r.Photo) })
}

func (s *Store) eachRecord(ctx context.Context, fn func(*record) error) error {
	const page = 500
	after := ""
	for {
		rows, err := s.rdb.QueryContext(ctx, `SELECT `+viewColumns+` FROM photos WHERE id > ? ORDER BY id LIMIT ?`, after, page)
		if err != nil {
			return err
		}
		var batch []*record
		for rows.Next() {
			r, err := scanRecord(rows)
			if err != nil {
				rows.Close()
				return err
			}
			batch = append(batch, r)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, r := range batch {
			if err := fn(r); err != nil {
				return err
			}
		}
		if len(batch) < page {
			return nil
		}
		after = string(batch[len(batch)-1].ID)
	}
}

// IDs returns every photo ID, newest first (by the photo's date: taken,
// else date created, else ingested).
func (s *Store) IDs(ctx context.Context) ([]ID, error) {
	rows, err := s.rdb.QueryContext(ctx, `SELECT id FROM photos ORDER BY sort_date DESC, id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []ID
	for rows.Next() {
		var id ID
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// Changes returns the outbox entries with Seq > after, oldest first.
func (s *Store) Changes(ctx context.Context, after int64, limit int) ([]Change, error) {
	rows, err := s.rdb.QueryContext(ctx, `SELECT seq, photo_id, deleted FROM outbox WHERE seq > ? ORDER BY seq LIMIT ?`, after, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Change
	for rows.Next() {
		var c Change
		if err := rows.Scan(&c.Seq, &c.ID, &c.Deleted); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// LastChange returns the highest outbox Seq ever written, 0 when none.
// It reads SQLite's AUTOINCREMENT counter, so pruning the outbox does not
// move it back.
func (s *Store) LastChange(ctx context.Context) (int64, error) {
	var seq sql.NullInt64
	err := s.rdb.QueryRowContext(ctx, `SELECT seq FROM sqlite_sequence WHERE name = 'outbox'`).Scan(&seq)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return seq.Int64, err
}

// PruneChanges deletes outbox entries up to and including seq, once the
// index has applied them.
func (s *Store) PruneChanges(ctx context.Context, seq int64) error {
	if err := s.writable(); err != nil {
		return err
	}
	_, err := s.db.ExecContext(ctx, `DELETE FROM outbox WHERE seq <= ?`, seq)
	return err
}

// insertRecord writes a new photo and its outbox entry inside tx. It
// returns false when a photo with that ID already exists.
func insertRecord(ctx context.Context, tx *sql.Tx, r *record) (bool, error) {
	camera := ""
	if r.Camera != nil {
		b, _ := json.Marshal(r.Camera)
		camera = string(b)
	}
	var lat, lon sql.NullFloat64
	if r.GPS != nil {
		lat = sql.NullFloat64{Float64: r.GPS.Lat, Valid: true}
		lon = sql.NullFloat64{Float64: r.GPS.Lon, Valid: true}
	}
	js, err := marshalAll(r.Embedded, r.Caption, r.Facts, nonNil(r.Warnings))
	if err != nil {
		return false, fmt.Errorf("photo %s: %w", r.ID.Short(), err)
	}
	emb, capt, facts, wrn := js[0], js[1], js[2], js[3]
	res, err := tx.ExecContext(ctx, `INSERT INTO photos (`+photoColumns+`, sort_date)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING`,
		r.ID, r.Name, r.Bytes, r.Width, r.Height, r.Format, r.Orientation, r.Taken, camera, lat, lon,
		r.Ingested.UTC().Format(time.RFC3339Nano), emb, capt, facts, wrn, r.PreviewError, SortDate(&r.Photo))
	if err != nil {
		return false, err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return false, nil
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO outbox (photo_id) VALUES (?)`, r.ID)
	return err == nil, err
}

// SortDate is the date a photo sorts by, as an RFC 3339-like string: when
// it was taken (as its caption says, else EXIF), else the caption's date
// created, else when it was ingested. The search index orders by the same
// date.
func SortDate(p *Photo) string {
	switch {
	case p.Facts.Taken != "":
		return p.Facts.Taken
	case p.Taken != "":
		return p.Taken
	case p.Caption.DateCreated != "":
		return p.Caption.DateCreated
	}
	return p.Ingested.UTC().Format(time.RFC3339)
}

func marshalAll(vs ...any) ([]string, error) {
	out := make([]string, len(vs))
	for i, v := range vs {
		b, err := json.Marshal(v)
		if err != nil {
			return nil, err
		}
		out[i] = string(b)
	}
	return out, nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
