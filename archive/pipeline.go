package archive

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime/debug"
	"strings"

	"github.com/cutline/cutline/thumbnails"
	"golang.org/x/sync/semaphore"
)

// pipeline holds what the ingest workers share.
type pipeline struct {
	s      *Store
	o      IngestOptions
	mem    *semaphore.Weighted
	thumbs *thumbnails.Cache
}

func (s *Store) thumbCache() *thumbnails.Cache { return &thumbnails.Cache{Dir: s.ThumbDir()} }

// process turns one source into an outcome. It never panics: a panic in a
// decoder becomes the file's rejection, and the batch goes on.
func (p *pipeline) process(ctx context.Context, idx int, src source) (oc outcome) {
	oc.idx = idx
	defer func() {
		if r := recover(); r != nil {
			oc = outcome{idx: idx, err: fmt.Errorf("internal error while reading the file (please report it): %v\n%s", r, debug.Stack())}
		}
	}()
	if err := ctx.Err(); err != nil {
		oc.err = err
		return oc
	}
	data, err := src.open(p.o.MaxFileBytes)
	if err != nil {
		oc.err = err
		return oc
	}
	id := IDOf(data)
	if ok, err := p.s.Has(ctx, id); err != nil {
		oc.err = err
		return oc
	} else if ok {
		oc.dupID = id
		return oc
	}
	a, err := analyze(data, p.o.MaxPixels)
	if err != nil {
		oc.err = err
		return oc
	}
	rec := &record{
		Photo: Photo{
			ID: id, Name: filepath.Base(src.path), Bytes: int64(len(data)),
			Width: a.width, Height: a.height, Format: "jpeg", Orientation: a.orientation,
			Taken: a.taken, Camera: a.camera, GPS: a.gps, Ingested: p.s.now().UTC(),
			Caption: a.caption, Warnings: a.warnings,
		},
		Embedded:   a.caption,
		ingestUser: p.o.User,
	}
	if err := p.render(ctx, rec, data, a); err != nil {
		oc.err = err
		return oc
	}
	if p.o.Caption != nil {
		f, warns, err := p.o.Caption(clonePhoto(&rec.Photo))
		if err != nil {
			oc.err = rejectf("applying the caption template: %v", err)
			return oc
		}
		rec.Caption = f
		rec.Warnings = append(rec.Warnings, warns...)
	}
	rec.Warnings = append(rec.Warnings, rec.Caption.LimitWarnings()...)
	rec.Facts = factsOf(&rec.Photo)
	if err := p.s.Originals.Put(id, data); err != nil {
		oc.err = fmt.Errorf("storing the original: %w", err)
		return oc
	}
	oc.rec = rec
	return oc
}

// render makes the renditions within the memory budget and writes them to
// the cache. An image whose pixels cannot be decoded is still archived
// (its original and metadata are what the archive is for), with a warning
// and no preview.
func (p *pipeline) render(ctx context.Context, rec *record, data []byte, a *analysis) error {
	if a.noPreview != "" {
		rec.PreviewError = a.noPreview
		rec.Warnings = append(rec.Warnings, "no preview: "+a.noPreview)
		return nil
	}
	// Reserve what this file's decode needs (its layout and scale), or the
	// worst case for its size when the header cannot say.
	cost := thumbnails.Cost(a.rawWidth, a.rawHeight)
	if h, err := thumbnails.ReadHeader(data, p.o.MaxPixels); err == nil {
		cost = h.Cost()
	}
	if cost > p.o.MemoryBudget {
		cost = p.o.MemoryBudget
	}
	if err := p.mem.Acquire(ctx, cost); err != nil {
		return err
	}
	rends, err := thumbnails.Render(data, rec.Orientation, &thumbnails.Options{MaxPixels: p.o.MaxPixels})
	p.mem.Release(cost)
	if err != nil {
		rec.PreviewError = strings.TrimPrefix(err.Error(), "thumbnails: ")
		rec.Warnings = append(rec.Warnings, "no preview: "+rec.PreviewError)
		return nil
	}
	for _, r := range rends {
		if err := p.thumbs.Write(string(rec.ID), r.Size, r.JPEG); err != nil {
			return fmt.Errorf("writing the %d px rendition: %w", r.Size, err)
		}
	}
	return nil
}
