package archive

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"math"
	"os"

	"github.com/cutline/cutline/thumbnails"
)

// CheckOptions configure Check.
type CheckOptions struct {
	// Repair fixes what can be fixed: regenerate missing renditions,
	// remove originals no record refers to (an ingest that died before
	// its commit) and leftover temporary files.
	Repair bool
	// Progress, when set, is called after each photo.
	Progress func(done, total int)
}

// Problem is one thing Check found wrong.
type Problem struct {
	Kind     string `json:"kind"` // "original-missing", "hash-mismatch", "orphan-original", "temp-file", "thumbnail-missing"
	ID       ID     `json:"id,omitempty"`
	Path     string `json:"path,omitempty"`
	Detail   string `json:"detail"`
	Repaired bool   `json:"repaired"`
}

// CheckReport is what Check found.
type CheckReport struct {
	Photos    int       `json:"photos"`
	Originals int       `json:"originals"`
	Problems  []Problem `json:"problems"`
	// Notes say what could not be judged (beside another writer).
	Notes []string `json:"notes,omitempty"`
}

// Unrepaired counts the problems left after Check.
func (r *CheckReport) Unrepaired() int {
	n := 0
	for _, p := range r.Problems {
		if !p.Repaired {
			n++
		}
	}
	return n
}

// Check verifies the archive: every record has its original, every
// original's SHA-256 equals its ID, every original has a record, and every
// photo that can have renditions has both. It reads every original, so it
// takes as long as reading the archive from disk.
func (s *Store) Check(ctx context.Context, opts *CheckOptions) (*CheckReport, error) {
	var o CheckOptions
	if opts != nil {
		o = *opts
	}
	if o.Repair {
		if err := s.writable(); err != nil {
			return nil, err
		}
	}
	rep := &CheckReport{Problems: []Problem{}}
	total, err := s.Count(ctx)
	if err != nil {
		return nil, err
	}
	thumbs := s.thumbCache()
	known := make(map[ID]bool, total)
	err = s.eachRecord(ctx, func(r *record) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		rep.Photos++
		known[r.ID] = true
		sum, size, err := hashFile(s.Originals.Path(r.ID))
		switch {
		case os.IsNotExist(err):
			rep.Problems = append(rep.Problems, Problem{Kind: "original-missing", ID: r.ID,
				Detail: fmt.Sprintf("the original of %s (%s) is missing: restore it from a backup", r.ID.Short(), r.Name)})
			return nil
		case err != nil:
			rep.Problems = append(rep.Problems, Problem{Kind: "original-missing", ID: r.ID, Detail: err.Error()})
			return nil
		case ID(sum) != r.ID || size != r.Bytes:
			rep.Problems = append(rep.Problems, Problem{Kind: "hash-mismatch", ID: r.ID, Path: s.Originals.Path(r.ID),
				Detail: fmt.Sprintf("the original of %s (%s) is damaged: its SHA-256 is %s; restore it from a backup", r.ID.Short(), r.Name, sum[:12])})
			return nil
		}
		if r.PreviewError == "" {
			if p := s.checkThumbs(r, thumbs, o.Repair); p != nil {
				rep.Problems = append(rep.Problems, *p)
			}
		}
		if o.Progress != nil {
			o.Progress(rep.Photos, total)
		}
		return nil
	})
	if err != nil {
		return rep, err
	}
	inFlight := 0
	err = s.Originals.Each(func(id ID, path string, tmp bool) error {
		if tmp && s.ro {
			return nil // an ingest in progress elsewhere
		}
		if tmp {
			p := Problem{Kind: "temp-file", Path: path, Detail: "leftover temporary file of an interrupted ingest"}
			if o.Repair {
				p.Repaired = os.Remove(path) == nil
			}
			rep.Problems = append(rep.Problems, p)
			return nil
		}
		rep.Originals++
		if known[id] {
			return nil
		}
		// Re-check under the database: an ingest running now may have
		// committed the record after we listed the records.
		if ok, err := s.Has(ctx, id); err != nil || ok {
			return err
		}
		if s.ro {
			// Another process holds the archive for writing: an ingest
			// writes each original before it commits the record, so
			// this may be one in flight. Not judged here.
			inFlight++
			return nil
		}
		p := Problem{Kind: "orphan-original", ID: id, Path: path,
			Detail: "an original without a record (an ingest stopped before it finished, or the database was restored from an older backup)"}
		if o.Repair {
			s.recoverOrphan(ctx, &p)
		}
		rep.Problems = append(rep.Problems, p)
		return nil
	})
	if inFlight > 0 {
		rep.Notes = append(rep.Notes, fmt.Sprintf("%d originals have no record yet; another process is writing to the archive, so they may be ingests in progress: check again when it has finished", inFlight))
	}
	return rep, err
}

// recoverOrphan repairs an original that no record refers to. A whole
// one (its bytes hash to its name) is a photo somebody meant to archive:
// an ingest killed between writing it and committing its record, or
// photos ingested after the backup a database was restored from. Deleting
// it would lose it, so it is ingested again from its own bytes (its
// metadata is read afresh; the file name it came in with is not known).
// Only a damaged one, which is no photo's original, is removed.
func (s *Store) recoverOrphan(ctx context.Context, p *Problem) {
	sum, _, err := hashFile(p.Path)
	if err != nil {
		p.Detail += "; cannot read it: " + err.Error()
		return
	}
	if ID(sum) != p.ID {
		p.Detail += "; its bytes do not match its name (damaged), so it was removed"
		p.Repaired = s.Originals.Remove(p.ID) == nil
		return
	}
	f, err := os.Open(p.Path)
	if err != nil {
		p.Detail += "; cannot read it: " + err.Error()
		return
	}
	defer f.Close()
	name := "recovered-" + p.ID.Short() + ".jpg"
	// It was accepted once, perhaps under raised limits: the limits that
	// keep hostile files out do not apply to bytes that hash to their name.
	size := int64(0)
	if fi, err := f.Stat(); err == nil {
		size = fi.Size()
	}
	rep, err := s.IngestReader(ctx, name, f, &IngestOptions{MaxPixels: math.MaxInt64, MaxFileBytes: max(size+1, DefaultMaxFileBytes)})
	switch {
	case err != nil:
		p.Detail += "; recording it failed: " + err.Error()
	case len(rep.Rejected) > 0:
		p.Detail += "; it cannot be recorded (" + rep.Rejected[0].Error + "); left in place"
	default:
		p.Detail += "; recorded again as " + name + " with the metadata it carries"
		p.Repaired = true
	}
}

// checkThumbs reports (and with repair, regenerates) missing renditions.
func (s *Store) checkThumbs(r *record, thumbs *thumbnails.Cache, repair bool) *Problem {
	var missing []int
	for _, size := range thumbnails.DefaultSizes {
		if !thumbs.Has(string(r.ID), size) {
			missing = append(missing, size)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	p := &Problem{Kind: "thumbnail-missing", ID: r.ID, Detail: fmt.Sprintf("renditions %v px missing", missing)}
	if !repair {
		return p
	}
	data, err := s.Originals.Read(r.ID)
	if err != nil {
		p.Detail += ": " + err.Error()
		return p
	}
	rends, err := thumbnails.Render(data, r.Orientation, nil)
	if err != nil {
		p.Detail += ": " + err.Error()
		return p
	}
	for _, rd := range rends {
		if err := thumbs.Write(string(r.ID), rd.Size, rd.JPEG); err != nil {
			p.Detail += ": " + err.Error()
			return p
		}
	}
	p.Repaired = true
	return p
}

func hashFile(path string) (string, int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", 0, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return "", n, err
	}
	return hex.EncodeToString(h.Sum(nil)), n, nil
}
